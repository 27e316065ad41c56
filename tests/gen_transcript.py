#!/usr/bin/env python3
"""A made-up conversation of a given length in the shape of machine transcripts: cues of about
three seconds with one-digit hours and an open <v Speaker N> voice on every cue, turns of a few
to a few dozen cues, four speakers of unequal talk time, now and then a cue that starts before
the previous one ends. Deterministic (fixed seed); the words come from a small list.

Used by the timeline and HTML checks: `gen_transcript.py SECONDS [-o FILE]` writes one file.
"""
import random
import sys

WORDS = ("the harbour ferry night crossing weather engine crew port tide schedule passengers "
         "cargo light bridge deck rope anchor season winter summer island town market boat "
         "we they it was is and but so because then when really quite very just").split()


def conversation(seconds, seed=7):
    """The cues, as (start_ms, end_ms, speaker, text), and the number of turns."""
    rnd = random.Random(seed)
    speakers = ["Speaker 1", "Speaker 2", "Speaker 3", "Speaker 4"]
    weights = [3, 1, 2, 5]
    cues, turns, t, last = [], 0, 2000, None
    while t < seconds * 1000 - 4000:
        speaker = rnd.choices(speakers, weights)[0]
        if speaker == last:
            continue
        last = speaker
        turns += 1
        for _ in range(rnd.choice([1, 2, 3, 5, 8, 13, 21])):
            length = rnd.randint(1500, 4000)
            end = min(t + length, seconds * 1000)
            words = [rnd.choice(WORDS) for _ in range(rnd.randint(3, 10))]
            words[0] = words[0].capitalize()
            cues.append((t, end, speaker, " ".join(words) + rnd.choice([".", "", "", ","])))
            t = end + rnd.choice([40, 40, 80, 200, -120])
            if t >= seconds * 1000 - 4000:
                break
    return cues, turns


def clock(ms):
    return f"{ms // 3600000}:{ms // 60000 % 60:02}:{ms // 1000 % 60:02}.{ms % 1000:03}"


def webvtt(cues, title="A made-up conversation"):
    out = [f"WEBVTT - {title}\n"]
    for start, end, speaker, text in cues:
        out.append(f"\n{clock(start)} --> {clock(end)}\n<v {speaker}>{text}\n")
    return "".join(out)


if __name__ == "__main__":
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 3600
    cues, _ = conversation(seconds)
    text = webvtt(cues)
    if "-o" in sys.argv:
        with open(sys.argv[sys.argv.index("-o") + 1], "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
