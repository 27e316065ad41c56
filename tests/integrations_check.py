#!/usr/bin/env python3
"""The recipes of docs/integrations.md against the real program: usage:
integrations_check.py VTT SOURCE_DIR.

- VS Code: the problem matcher's pattern, taken from the page as written, applied to what the
  page's task prints (run on a terminal, as VS Code runs tasks) must read every finding, with
  the file, line, column, severity, message and id that `--format json` gives.
- Make: the page's Makefile, run on a folder of subtitles, passes, fails and fixes as it says.
- Install lines: every `apt-get install` of a recipe (here and in docs/lint-rules.md) installs
  each package of the README's first quick-start command, which builds `vtt`.
- GitLab: `--format gitlab` gives one issue per finding of `--format json`, with the fields
  and fingerprints the page documents (the fingerprint computed here, independently), and the
  page's example issue is what vtt prints for it.
Exit 0 when all pass, 1 with one line per problem.
"""

import json
import os
import pty
import re
import shutil
import subprocess
import sys
import tempfile

FILES = {
    # W103 3:1, W106 4:4 (columns in code points), W105 5:1
    "talk.vtt": "WEBVTT\n\n0:00:01.000 --> 0:00:03.000\n\u65e5\u672c &x\n<zz>y\n",
    # E003 3:1, in a folder and a name with a space and a colon
    "sub/odd: name.vtt": "WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nx\n",
    "sub/clean.vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello.\n",
}


def block_after(page, heading, lang, nth=0):
    """The `nth` fenced block of language `lang` in the part of the page under `heading`."""
    part = page.split(heading + "\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^```" + lang + r"\n(.*?)^```$", part, re.M | re.S)[nth]


def write_tree(root, files):
    for name, text in files.items():
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def run_on_terminal(args, cwd):
    """Runs `args` with standard output on a pseudo-terminal; returns what it printed there."""
    main_fd, sub_fd = pty.openpty()
    p = subprocess.Popen(args, cwd=cwd, stdout=sub_fd, stderr=subprocess.DEVNULL, env=dict(os.environ, TERM="xterm"))
    os.close(sub_fd)
    out = b""
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:  # EIO: the program closed the terminal
            break
        if not chunk:
            break
        out += chunk
    p.wait()
    os.close(main_fd)
    return out.decode("utf-8").replace("\r\n", "\n")


def json_findings(vtt, args, cwd):
    r = subprocess.run([vtt, "lint", "--format", "json", *args], cwd=cwd, capture_output=True, text=True)
    return json.loads(r.stdout)


def check_vscode(vtt, page, problems):
    tasks = json.loads(block_after(page, "## VS Code", "json"))
    task = tasks["tasks"][0]
    matcher = task["problemMatcher"]
    pattern = matcher["pattern"]
    regex = re.compile(pattern["regexp"])  # the JavaScript pattern uses nothing Python reads otherwise
    with tempfile.TemporaryDirectory() as d:
        write_tree(d, FILES)
        printed = run_on_terminal([vtt, *task["args"]], d)
        want = [(f["file"], f["line"], f["column"], f["severity"], f["message"], f["rule"])
                for f in json_findings(vtt, task["args"][task["args"].index("-r"):], d)]
        got = []
        for line in printed.splitlines():
            m = regex.match(line)
            if not m:
                problems.append(f"VS Code: the pattern does not read the task's line {line!r}")
                continue
            g = lambda key: m.group(pattern[key])
            got.append((g("file"), int(g("line")), int(g("column")), g("severity"), g("message"), g("code")))
            if not os.path.isfile(os.path.join(d, g("file"))):
                problems.append(f"VS Code: {g('file')!r} is not a file relative to the workspace")
        if sorted(got) != sorted(want) or len(want) != 4:
            problems.append(f"VS Code: the pattern read {got}, want the JSON findings {want}")
        if matcher["fileLocation"] != ["relative", "${workspaceFolder}"] or task["options"]["cwd"] != "${workspaceFolder}":
            problems.append("VS Code: the task must run in the workspace folder and read paths relative to it")


def check_make(vtt, page, problems):
    makefile = block_after(page, "## Make", "make")
    make = shutil.which("make")
    if not make:
        print("note: make is not installed; the Makefile recipe is not run")
        return
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "Makefile"), "w") as f:
            f.write(makefile)

        def target(name):
            r = subprocess.run([make, "-s", name, f"VTT={vtt}"], cwd=d, capture_output=True, text=True)
            return r.returncode, r.stdout + r.stderr

        write_tree(d, {"subtitles/clean.vtt": FILES["sub/clean.vtt"]})
        code, out = target("lint-subtitles")
        if code != 0:
            problems.append(f"make lint-subtitles on a clean folder: exit {code}: {out}")
        write_tree(d, {"subtitles/hours.vtt": "WEBVTT\n\n0:00:01.000 --> 0:00:02.000\nHi.\n"})
        code, out = target("lint-subtitles")
        if code == 0 or "subtitles/hours.vtt" not in out:
            problems.append(f"make lint-subtitles with an unformatted file: exit {code}, want a failure naming it: {out}")
        code, out = target("fmt-subtitles")
        if code != 0 or open(os.path.join(d, "subtitles/hours.vtt")).read() != (
                "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi.\n"):
            problems.append(f"make fmt-subtitles: exit {code}, want the file rewritten: {out}")
        code, out = target("lint-subtitles")
        if code != 0:
            problems.append(f"make lint-subtitles after fmt-subtitles: exit {code}: {out}")
        write_tree(d, {"subtitles/bad.vtt": FILES["sub/odd: name.vtt"]})
        code, out = target("lint-subtitles")
        want = "subtitles/bad.vtt:3:1: error: cue ends at 00:00:04.000 but starts at 00:00:05.000 [E003]"
        if code == 0 or want not in out:
            problems.append(f"make lint-subtitles with an error: exit {code}, want a failure with {want!r}: {out}")


def fnv1a(basis, parts):
    h = basis
    for part in parts:
        for byte in part.encode("utf-8") + b"\0":
            h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def fingerprint(path, rule, line, column, message):
    parts = [path, rule, str(line), str(column), message]
    return f"{fnv1a(0xCBF29CE484222325, parts):016x}{fnv1a(0x84222325CBF29CE4, parts):016x}"


def gitlab_issue(f):
    return {
        "description": f"{f['rule']} {f['name']}: {f['message']}",
        "check_name": f["rule"],
        "fingerprint": fingerprint(f["file"], f["rule"], f["line"], f["column"], f["message"]),
        "severity": "major" if f["severity"] == "error" else "minor",
        "location": {"path": f["file"], "lines": {"begin": f["line"]}},
    }


def check_gitlab(vtt, page, problems):
    with tempfile.TemporaryDirectory() as d:
        write_tree(d, FILES)
        args = ["-r", "."]
        r = subprocess.run([vtt, "lint", "--format", "gitlab", *args], cwd=d, capture_output=True, text=True)
        if r.returncode != 1:  # the E003
            problems.append(f"GitLab: exit {r.returncode}, want 1")
        issues = json.loads(r.stdout)
        want = [gitlab_issue(f) for f in json_findings(vtt, args, d)]
        if issues != want or len(want) != 4:
            problems.append(f"GitLab: the report is {issues}, want {want}")
        if len({i["fingerprint"] for i in issues}) != len(issues):
            problems.append("GitLab: fingerprints are not unique")
        none = subprocess.run([vtt, "lint", "--format", "gitlab", "sub/clean.vtt"], cwd=d, capture_output=True,
                              text=True)
        if none.stdout != "[]\n" or none.returncode != 0:
            problems.append(f"GitLab: a clean file gives {none.stdout!r}, want []")
        # The page's example: what vtt prints for that file.
        example = json.loads(block_after(page, "## GitLab CI", "json"))
        write_tree(d, {"subtitles/talk.vtt": "WEBVTT\n\n0:00:01.000 --> 0:00:02.000\nHi.\n"})
        r = subprocess.run([vtt, "lint", "--format", "gitlab", "subtitles/talk.vtt"], cwd=d, capture_output=True,
                           text=True)
        if json.loads(r.stdout) != [example]:
            problems.append(f"GitLab: the page's example issue is not what vtt prints: {r.stdout}")


def install_words(line):
    """The package names of an `apt-get install` command line."""
    words = line.split("apt-get install", 1)[1].split("&&", 1)[0].split()
    return {w for w in words if not w.startswith("-")}


def check_install_lines(source, problems):
    readme = open(os.path.join(source, "README.md"), encoding="utf-8").read()
    build = re.search(r"^apt-get update && apt-get install[^\n]*--target vtt", readme, re.M)
    if not build:
        problems.append("README: no quick-start command that installs packages and builds vtt")
        return
    needed = install_words(build.group(0))
    for doc in ("docs/integrations.md", "docs/lint-rules.md"):
        text = open(os.path.join(source, doc), encoding="utf-8").read()
        for line in re.findall(r"apt-get install[^\n]*", text):
            missing = needed - install_words(line)
            if missing:
                problems.append(f"{doc}: `{line.strip()}` lacks {' '.join(sorted(missing))}, which the build needs")


def main():
    vtt, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    page = open(os.path.join(source, "docs/integrations.md"), encoding="utf-8").read()
    problems = []
    check_install_lines(source, problems)
    check_vscode(vtt, page, problems)
    check_make(vtt, page, problems)
    check_gitlab(vtt, page, problems)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    print("VS Code problem matcher, Make targets and GitLab report as docs/integrations.md says")
    return 0


if __name__ == "__main__":
    sys.exit(main())
