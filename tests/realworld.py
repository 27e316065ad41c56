#!/usr/bin/env python3
"""Runs every vtt command over the real-world corpus in tests/data/realworld.

Usage: realworld.py VTT_PROGRAM [CORPUS_DIR] [--table]

Three kinds of check, each reported per file:

1. Every command (convert to each format, merge, stitch, speakers, lint, fmt --check) ends
   with exit code 0 or 1 (never a signal, a timeout, or 2: no corpus file is a usage error),
   and the JSON formats print valid JSON (a failed run may print nothing). The file read from
   standard input gives the same cues as read by name (STDIN_KNOWN_FAILING lists exceptions).
2. WebVTT files survive a SubRip round trip: `convert --to srt --speaker-labels none`, read
   back with `--from srt`, gives the same number of cues with the same start, end and text.
   Files where this fails today are listed in ROUNDTRIP_KNOWN_FAILING with the reason.
   Files with speakers make the trip a second time with the default `Name: ` labels, read
   back with `--speakers-from-prefix`: speaker and text must come back too (what vtt writes
   as a label it reads back); LABELS_KNOWN_FAILING lists where they do not today.
3. The hand-written expectations of data/realworld/expectations.json: the number of cues, the
   speakers a reader of the file would list (from `speakers --json --speakers-from-prefix`),
   the U+FFFD count of the converted text (0: the text decoded), and for some files the
   spoken words (`convert --to txt`, split on white space). A field listed under
   "known_failing" with its reason is expected to differ; when it starts to match, the test
   fails and asks for the entry to be removed, so fixed behaviour is locked in.

--table prints what vtt does on each file (cues, speakers, lint exit code, problems).
"""

import concurrent.futures
import json
import os
import pathlib
import subprocess
import sys

TIMEOUT_S = 60
ALLOWED_EXIT = {0, 1}
FORMATS = ["vtt", "srt", "json", "jsonl", "md", "txt", "podcast-json"]

# WebVTT files whose vtt -> srt -> vtt trip loses something today, and why.
ROUNDTRIP_KNOWN_FAILING = {
    "youtube/webvttpy-youtube_dl.vtt":
        "a cue ends with a line of spaces; the SubRip reader takes it as the end of the entry",
}

# Files that give other cues on standard input (no name, so no extension) than by name.
STDIN_KNOWN_FAILING = {
    "subrip-legacy/androidx-typical_negative_timestamps.srt":
        "the first entry's timing line is invalid, so the content is taken for WebVTT (E001)",
}

# WebVTT files with speakers whose `Name: ` labels do not come back from SubRip today.
LABELS_KNOWN_FAILING = {
    "podcast/podcastindex-example.vtt":
        "mixed-case names (`Sarah: `) are not taken as speaker prefixes",
    "player-fixtures/androidx-with_css_styles.vtt":
        "mixed-case names (`Mary: `) are not taken as speaker prefixes",
}


def run(vtt, args, stdin=None):
    """Runs vtt with args; returns (exit code, stdout bytes, stderr bytes) or raises."""
    done = subprocess.run([vtt] + args, input=stdin, capture_output=True, timeout=TIMEOUT_S)
    return done.returncode, done.stdout, done.stderr


def json_problem(fmt, out):
    """Why out is not valid output of the JSON format fmt, or None."""
    try:
        if fmt == "jsonl":
            for line in out.decode("utf-8").splitlines():
                if not isinstance(json.loads(line), dict):
                    return "a jsonl line is not an object"
            return None
        doc = json.loads(out.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        return f"invalid JSON: {error}"
    key = {"json": "cues", "podcast-json": "segments", "speakers": "speakers"}.get(fmt)
    if key and not isinstance(doc.get(key) if isinstance(doc, dict) else None, list):
        return f'no "{key}" list'
    if fmt == "lint" and not isinstance(doc, list):
        return "lint JSON is not an array"
    return None


def command_list(path):
    """(label, arguments, JSON format or None) for every command run on path."""
    commands = [(f"convert --to {fmt}", ["convert", "--to", fmt, path],
                 fmt if "json" in fmt else None) for fmt in FORMATS]
    commands += [
        ("convert --speakers-from-prefix --merge --stitch --to json",
         ["convert", "--speakers-from-prefix", "--merge", "--stitch", "--to", "json", path],
         "json"),
        ("merge", ["merge", path], None),
        ("stitch", ["stitch", path], None),
        ("speakers", ["speakers", path], None),
        ("speakers --json", ["speakers", "--json", path], "speakers"),
        ("lint", ["lint", path], None),
        ("lint --format json --profile transcript",
         ["lint", "--format", "json", "--profile", "transcript", path], "lint"),
        ("fmt --check", ["fmt", "--check", path], None),
    ]
    return commands


def check_commands(vtt, path):
    """Problems found running every command on path."""
    problems = []
    for label, args, fmt in command_list(path):
        try:
            code, out, _ = run(vtt, args)
        except subprocess.TimeoutExpired:
            problems.append(f"{label}: no answer within {TIMEOUT_S} s")
            continue
        if code < 0:
            problems.append(f"{label}: killed by signal {-code}")
        elif code not in ALLOWED_EXIT:
            problems.append(f"{label}: exit code {code}")
        elif fmt and (out or code == 0):
            why = json_problem(fmt, out)
            if why:
                problems.append(f"{label}: {why}")
    return problems


def cues_of(vtt, args, stdin=None):
    """The cues of `vtt convert ARGS --to json`, or None when it prints no JSON."""
    _, out, _ = run(vtt, ["convert"] + args + ["--to", "json"], stdin)
    try:
        return json.loads(out.decode("utf-8"))["cues"]
    except (ValueError, KeyError, UnicodeDecodeError):
        return None


def roundtrip_difference(vtt, path, labels=False):
    """How the cues of path differ after vtt -> srt -> vtt, or None when they do not.

    With labels, speakers travel as `Name: ` labels and are compared too."""
    before = cues_of(vtt, [path])
    write = ["convert", "--to", "srt"] + ([] if labels else ["--speaker-labels", "none"])
    _, srt, _ = run(vtt, write + [path])
    read = ["--from", "srt"] + (["--speakers-from-prefix"] if labels else [])
    after = cues_of(vtt, read + ["-"], srt)
    if before is None or after is None:
        return "no JSON from convert"
    if len(before) != len(after):
        return f"{len(before)} cues became {len(after)}"
    fields = ("start", "end", "text") + (("speaker",) if labels else ())
    for number, (old, new) in enumerate(zip(before, after), 1):
        for field in fields:
            if old[field] != new[field]:
                return f"cue {number} {field}: {old[field]!r} became {new[field]!r}"
    return None


def observe(vtt, path):
    """What vtt makes of path: the fields expectations.json describes."""
    cues = cues_of(vtt, [path]) or []
    _, out, _ = run(vtt, ["speakers", "--json", "--speakers-from-prefix", path])
    try:
        listed = json.loads(out.decode("utf-8"))["speakers"]
    except (ValueError, KeyError, UnicodeDecodeError):
        listed = []
    _, txt, _ = run(vtt, ["convert", "--to", "txt", "--speaker-labels", "none", path])
    text = txt.decode("utf-8", errors="replace")
    return {
        "voices": any(cue["speaker"] for cue in cues),
        "cues": len(cues),
        "speakers": sorted(s["speaker"] for s in listed if s["speaker"] is not None),
        "replacement_chars": sum(cue["text"].count("\ufffd") for cue in cues),
        "words": " ".join(text.split()),
    }


def check_expectations(expected, seen):
    """(problems, known failures still failing) comparing one file's expectations."""
    problems, still_failing = [], []
    known = expected.get("known_failing", {})
    for field in ("cues", "speakers", "replacement_chars", "words"):
        if field not in expected:
            continue
        want = sorted(expected[field]) if field == "speakers" else expected[field]
        matches = seen[field] == want
        if field in known and matches:
            problems.append(f"{field} now matches ({want!r}): remove it from known_failing")
        elif field in known:
            still_failing.append(f"{field} (known: {known[field]})")
        elif not matches:
            problems.append(f"{field}: expected {want!r}, got {seen[field]!r}")
    for field in known:
        if field not in expected:
            problems.append(f"known_failing names {field!r}, which has no expectation")
    return problems, still_failing


def check_roundtrips(vtt, name, path, seen):
    """(plain round trip difference, problems, known failures) of a WebVTT file."""
    if not name.endswith(".vtt"):
        return None, [], []
    problems, still_failing = [], []
    trips = [("vtt -> srt -> vtt", False, ROUNDTRIP_KNOWN_FAILING, "ROUNDTRIP_KNOWN_FAILING")]
    if seen["voices"]:
        trips.append(("vtt -> srt with labels -> vtt", True, LABELS_KNOWN_FAILING,
                      "LABELS_KNOWN_FAILING"))
    plain = None
    for label, labels, known, table in trips:
        difference = roundtrip_difference(vtt, path, labels)
        plain = plain if labels else difference
        if difference and name not in known:
            problems.append(f"{label}: {difference}")
        elif not difference and name in known:
            problems.append(f"{label} now keeps every cue: remove it from {table}")
        elif difference:
            still_failing.append(f"{label}: {difference} (known: {known[name]})")
    return plain, problems, still_failing


def check_stdin(vtt, name, path):
    """(problems, known failures) of reading path on standard input instead of by name."""
    def timed(cues):
        return [(c["start"], c["end"], c["text"]) for c in cues] if cues is not None else None
    by_name = timed(cues_of(vtt, [path]))
    on_stdin = timed(cues_of(vtt, ["-"], pathlib.Path(path).read_bytes()))
    if by_name == on_stdin and name in STDIN_KNOWN_FAILING:
        return ["standard input now gives the same cues: remove it from STDIN_KNOWN_FAILING"], []
    if by_name != on_stdin and name in STDIN_KNOWN_FAILING:
        return [], [f"standard input (known: {STDIN_KNOWN_FAILING[name]})"]
    if by_name != on_stdin:
        count = "no JSON" if on_stdin is None else f"{len(on_stdin)} cues"
        return [f"standard input gives other cues ({count})"], []
    return [], []


def lint_code(vtt, path):
    return run(vtt, ["lint", path])[0]


def check_file(vtt, corpus, name, expectations, table):
    """(report lines, number of failures) of one corpus file."""
    path = str(corpus / name)
    problems = check_commands(vtt, path)
    seen = observe(vtt, path)
    difference, more, still_failing = check_roundtrips(vtt, name, path, seen)
    problems += more
    more, failing = check_stdin(vtt, name, path)
    problems += more
    still_failing += failing
    if name not in expectations:
        problems.append("no entry in expectations.json")
    else:
        more, failing = check_expectations(expectations[name], seen)
        problems += more
        still_failing += failing
    lines = []
    if table:
        trip = (difference or "ok") if name.endswith(".vtt") else "-"
        lines.append(f"| {name} | {seen['cues']} | {', '.join(seen['speakers']) or '-'} | "
                     f"{lint_code(vtt, path)} | {seen['replacement_chars']} | {trip} |")
    lines += [f"FAIL {name}: {problem}" for problem in problems]
    lines += [f"xfail {name}: {known}" for known in still_failing]
    return lines, len(problems)


def main(argv):
    args = [a for a in argv[1:] if a != "--table"]
    if not args:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    vtt = args[0]
    corpus = pathlib.Path(args[1] if len(args) > 1 else
                          pathlib.Path(__file__).parent / "data" / "realworld")
    expectations = json.loads((corpus / "expectations.json").read_text(encoding="utf-8"))
    files = sorted(str(p.relative_to(corpus)) for p in corpus.rglob("*")
                   if p.suffix in (".vtt", ".srt"))
    failures = 0
    for name in sorted(set(expectations) - set(files) - {"_comment"}):
        print(f"FAIL {name}: in expectations.json but not in the corpus")
        failures += 1
    # Files are independent: a few at a time (each check runs the program ~25 times).
    with concurrent.futures.ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        results = pool.map(lambda name: check_file(vtt, corpus, name, expectations,
                                                   "--table" in argv), files)
        for lines, count in results:
            if lines:
                print("\n".join(lines))
            failures += count
    print(f"{len(files)} files, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
