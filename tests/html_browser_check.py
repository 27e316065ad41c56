#!/usr/bin/env python3
"""`--to html` in a real browser (docs/formats.md, "HTML"): headless Chromium loads the page of
samples/podcast.vtt (with --audio) and of a generated three-hour conversation, and the DOM it
builds has one paragraph per speaker turn, the speakers, the start times and a span per cue;
a screenshot is not blank and shows the timeline's colours. With VTTKIT_SEED_VTT naming a
transcript and VTTKIT_SEED_TURNS its number of turns, that file is checked too. Exit 77
(skipped) without Chromium (Debian package chromium).

Usage: html_browser_check.py VTT PROJECT_DIR
"""
import html.parser
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_transcript  # noqa: E402
from timeline_check import read_png  # noqa: E402

problems = []


def check(ok, what):
    if not ok:
        problems.append(what)


class Page(html.parser.HTMLParser):
    """What the checks need of a DOM: turns, speakers, times and cue spans."""

    def __init__(self):
        super().__init__()
        self.turns, self.speakers, self.times, self.cues, self.audio = 0, [], [], 0, 0
        self.inside = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "p" and a.get("class") == "turn":
            self.turns += 1
        elif tag == "span" and a.get("class") == "who":
            self.inside = self.speakers
        elif a.get("class") == "time":
            self.inside = self.times
        elif tag == "span" and "data-start" in a and "data-end" in a:
            self.cues += 1
        elif tag == "audio":
            self.audio += 1

    def handle_data(self, data):
        if self.inside is not None:
            self.inside.append(data)
            self.inside = None


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def browser(exe, args, url):
    base = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--user-data-dir=" + tempfile.mkdtemp()]
    return subprocess.run(base + args + [url], capture_output=True, timeout=180)


def render(vtt, exe, source, tmp, name, audio=None):
    page = os.path.join(tmp, name + ".html")
    cmd = [vtt, "convert", "-q", "--to", "html", source, "-o", page] + (["--audio", audio] if audio else [])
    r = subprocess.run(cmd, capture_output=True)
    check(r.returncode == 0, f"{name}: convert --to html exits 0 (got {r.returncode}: {r.stderr[:200]!r})")
    dom = browser(exe, ["--dump-dom"], "file://" + page)
    parsed = Page()
    parsed.feed(dom.stdout.decode("utf-8", "replace"))
    return page, parsed


def not_blank(exe, page, tmp, name):
    shot = os.path.join(tmp, name + ".png")
    browser(exe, ["--window-size=1280,900", "--screenshot=" + shot], "file://" + page)
    check(os.path.exists(shot), f"{name}: a screenshot was written")
    if not os.path.exists(shot):
        return
    w, h, px = read_png(shot)
    check((w, h) == (1280, 900), f"{name}: screenshot of 1280 x 900 (got {w} x {h})")
    colours = {}
    for row in px[::3]:
        for p in row[::3]:
            colours[p] = colours.get(p, 0) + 1
    white = colours.get((255, 255, 255), 0) / sum(colours.values())
    check(white < 0.97 and len(colours) > 20, f"{name}: the screenshot is not blank ({white:.1%} white)")
    near = lambda c, t: all(abs(a - b) <= 12 for a, b in zip(c, t))  # noqa: E731
    for lane in ((0x00, 0x72, 0xB2), (0xD5, 0x5E, 0x00)):
        check(any(near(c, lane) for c in colours), f"{name}: the timeline's lane colour {lane} is on screen")


def main():
    vtt, project = sys.argv[1], sys.argv[2]
    exe = chromium()
    if exe is None:
        print("skipped: Chromium not installed (Debian package chromium; .ci/run installs it)")
        return 77
    tmp = tempfile.mkdtemp()
    sample = os.path.join(project, "samples", "podcast.vtt")
    page, p = render(vtt, exe, sample, tmp, "podcast", audio="night-ferry.mp3")
    # samples/podcast.vtt: 14 cues in 7 turns (Speaker 1, 2, 1, 2, 3, 1, 3), turns starting at
    # 1.2, 10.9, 19.9, 22.7, 31.8, 33.95 and 36.6 s.
    check(p.turns == 7, f"podcast: 7 turn paragraphs (got {p.turns})")
    check(p.speakers == ["Speaker 1", "Speaker 2", "Speaker 1", "Speaker 2", "Speaker 3", "Speaker 1", "Speaker 3"],
          f"podcast: the speakers of the turns (got {p.speakers})")
    check(p.times == ["00:00:01", "00:00:10", "00:00:19", "00:00:22", "00:00:31", "00:00:33", "00:00:36"],
          f"podcast: the turns' start times (got {p.times})")
    check(p.cues == 14 and p.audio == 1, f"podcast: 14 cue spans and a player (got {p.cues}, {p.audio})")
    not_blank(exe, page, tmp, "podcast")

    cues, turns = gen_transcript.conversation(3 * 3600)
    long_vtt = os.path.join(tmp, "three-hours.vtt")
    open(long_vtt, "w", encoding="utf-8").write(gen_transcript.webvtt(cues))
    page, p = render(vtt, exe, long_vtt, tmp, "three-hours")
    check(p.turns == turns and p.cues == len(cues),
          f"three hours: {turns} turns and {len(cues)} cue spans (got {p.turns}, {p.cues})")
    not_blank(exe, page, tmp, "three-hours")

    seed = os.environ.get("VTTKIT_SEED_VTT")
    if seed:
        page, p = render(vtt, exe, seed, tmp, "seed")
        want = int(os.environ.get("VTTKIT_SEED_TURNS", "0"))
        check(want == 0 or p.turns == want, f"seed: {want} turns (got {p.turns})")
        not_blank(exe, page, tmp, "seed")
        print(f"seed: {p.turns} turns, {len(set(p.speakers))} speakers, {p.cues} cue spans")
    for q in problems:
        print(q)
    print(f"{len(problems)} problem(s)" if problems else f"html in Chromium: ok (three hours: {turns} turns)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
