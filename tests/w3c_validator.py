#!/usr/bin/env python3
"""`vtt fix` output checked with the W3C validator's parser (ctest `w3c_validator`).

For every WebVTT file of samples/ and tests/data/realworld/, of the folder named by the
environment variable VTTKIT_CONFORMANCE_DIR when set, and of a set of generated hostile files:

1. `vtt fix --unsafe-fixes` output parses with npm webvtt-parser 2.2.0 (the reference parser of
   the WebVTT spec's editors) without an error, except what that parser does not know: REGION
   blocks and the `region:` cue setting (it predates them), and HLS's X-TIMESTAMP-MAP header
   line, which `vtt fix` keeps.
2. `vtt fix` (safe repairs only) keeps every cue that the W3C algorithm keeps from the input
   (the same times and plain text, read by `vtt convert --to json`).
3. Fixing is idempotent: `vtt fix --check` of either output exits 0.

A file without a WEBVTT signature has no cue for the W3C algorithm; `vtt fix` refuses it, and
the test checks that it does. Skips (exit 77) without node or without the npm module, which
.ci/run installs with `npm install --prefix build/npm webvtt-parser@2.2.0`.

Usage: w3c_validator.py VTT MODULE_DIR REPO_ROOT
"""
import json
import os
import pathlib
import random
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
VERSION = "2.2.0"


def hostile_files(folder: pathlib.Path, count: int) -> list[pathlib.Path]:
    """Files made of fragments of every kind `vtt fix` repairs, joined at random (fixed seed)."""
    timings = ["00:01.000 --> 00:02.000", "0:0:3.5 --> 0:0:4", "00:00:05,000 --> 00:00:06,000",
               "00:07.000->00:08.000", "00:09.000 --> 00:08.000", "00:10.000 --> 00:10.000",
               "00:00.500 --> 00:20.000 align:middle line:0", "00:03.000 --> nope", "1:02:03.004-->1:02:04.000",
               "00:02.000 --> 00:03.000 vertical:rl size:50%"]
    texts = ["plain", "a & b", "<i>open", "</b>stray", "<v>x</v>", "<v Ann>voice", "<c.x y>z</c>", "<blink>b</blink>",
             "<00:00:01.500>t <00:00:30.000>u", "1 < 2", "&nbsp &amp; &#x41; &bogus;", "<ruby>r<rt>t</ruby>",
             "<v A><v B>nested", "<rt>lost", "<", "x --> y", "caf\u00e9 \u4e2d\u6587", "<lang en>hi</lang>"]
    others = ["NOTE a note", "STYLE\n::cue {}", "id only", "dup-id", "7"]
    rng = random.Random(20261203)
    files = []
    for i in range(count):
        s = "WEBVTT\nKind: captions\n" if rng.randrange(5) == 0 else "WEBVTT\n"
        for _ in range(1 + rng.randrange(10)):
            s += "" if rng.randrange(4) == 0 else "\n"
            if rng.randrange(5) == 0:
                s += rng.choice(others) + "\n"
                continue
            if rng.randrange(3) == 0:
                s += rng.choice(others[3:]) + "\n"
            s += rng.choice(timings) + "\n"
            for _ in range(rng.randrange(3)):
                s += rng.choice(texts) + "\n"
        path = folder / f"hostile-{i:03}.vtt"
        path.write_text(s, encoding="utf-8")
        files.append(path)
    return files


def inputs(root: pathlib.Path, work: pathlib.Path) -> list[pathlib.Path]:
    files = sorted((root / "samples").glob("*.vtt")) + sorted((root / "tests/data/realworld").rglob("*.vtt"))
    extra = os.environ.get("VTTKIT_CONFORMANCE_DIR")
    if extra:
        files += sorted(pathlib.Path(extra).glob("*.vtt"))
    return files + hostile_files(work, 150)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True)


def tolerated(error: dict, lines: list[str]) -> bool:
    """Errors of the validator's parser about what it does not know (see the module doc)."""
    n = error["line"] - 1
    line = lines[n] if 0 <= n < len(lines) else ""
    if error["message"] == "Invalid setting." and error["col"]:
        return re.split(r"[ \t\f]", line[error["col"] - 1:])[0].startswith("region:")
    if error["message"] == "No blank line after the signature.":
        return line.startswith("X-TIMESTAMP-MAP=")
    if error["message"].startswith("Cue identifier"):
        while n > 0 and lines[n - 1] != "":
            n -= 1  # the block's first line
        return lines[n] == "REGION" or lines[n].startswith(("REGION ", "REGION\t"))
    return False


def cue_set(vtt: str, path: pathlib.Path) -> list[tuple]:
    out = run(vtt, "convert", "--to", "json", str(path))
    return sorted((c["start"], c["end"], c["text"]) for c in json.loads(out.stdout)["cues"])


def check_file(vtt: str, src: pathlib.Path, work: pathlib.Path, index: int) -> tuple[list[str], pathlib.Path | None]:
    problems = []
    risky, safe = work / f"out-{index}-unsafe.vtt", work / f"out-{index}-safe.vtt"
    r = run(vtt, "fix", "-q", "--unsafe-fixes", str(src), "-o", str(risky))
    if r.returncode == 1 and b"not WebVTT (no WEBVTT signature)" in r.stderr:
        return problems, None  # no cue for the W3C algorithm either
    if r.returncode != 0:
        return [f"{src}: vtt fix --unsafe-fixes exited {r.returncode}: {r.stderr.decode(errors='replace')}"], None
    r = run(vtt, "fix", "-q", str(src), "-o", str(safe))
    if r.returncode != 0:
        return [f"{src}: vtt fix exited {r.returncode}"], risky
    kept = cue_set(vtt, safe)
    missing = [c for c in cue_set(vtt, src) if c not in kept]
    if missing:
        problems.append(f"{src}: vtt fix lost cues the W3C algorithm keeps: {missing[:3]}")
    for out, flags in ((risky, ["--unsafe-fixes"]), (safe, [])):
        if run(vtt, "fix", "-q", "--check", *flags, str(out)).returncode != 0:
            problems.append(f"{src}: fixing the fixed output {' '.join(flags)} changes it (not idempotent)")
    return problems, risky


def main() -> int:
    vtt, module, root = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    node = shutil.which("node")
    if not node:
        print("SKIP: node is not installed (the W3C validator's parser runs on node)")
        return SKIP
    package = module / "package.json"
    if not package.exists():
        print(f"SKIP: npm module webvtt-parser not found in {module}; install it with "
              f"'npm install --prefix {module.parent.parent} webvtt-parser@{VERSION}' (.ci/run does)")
        return SKIP
    version = json.loads(package.read_text())["version"]
    if version != VERSION:
        print(f"{module}: webvtt-parser {version}, expected {VERSION}")
        return 1
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        files = inputs(root, work)
        outputs = {}
        for i, src in enumerate(files):
            found, out = check_file(vtt, src, work, i)
            problems += found
            if out:
                outputs[str(out)] = src
        script = pathlib.Path(__file__).with_name("w3c_validator.js")
        result = run(node, str(script), str(module.resolve()), *outputs)
        if result.returncode != 0:
            print(result.stderr.decode(errors="replace"))
            return 1
        for line in result.stdout.decode().splitlines():
            parsed = json.loads(line)
            lines = pathlib.Path(parsed["file"]).read_text(encoding="utf-8").split("\n")  # as the parser splits
            for e in parsed["errors"]:
                if not tolerated(e, lines):
                    problems.append(f"{outputs[parsed['file']]}: fixed output line {e['line']}: {e['message']}")
        print(f"{len(files)} files, {len(outputs)} fixed and validated, {len(problems)} problems")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
