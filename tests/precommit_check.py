#!/usr/bin/env python3
"""The pre-commit hooks of .pre-commit-hooks.yaml run by the real pre-commit: usage:
precommit_check.py VTT SOURCE_DIR.

Makes a throwaway hooks repository holding a copy of .pre-commit-hooks.yaml (pre-commit
try-repo takes a git repository and reads the committed file), and a throwaway project with a
bad and a good .vtt file, puts the built vtt first on PATH, and runs `pre-commit try-repo` for
each hook: vtt-lint fails on the bad file with its finding and passes the good one; vtt-fmt
fails on the file fmt would change and names it; vtt-fmt-fix rewrites it and fails, as
pre-commit does when a hook changed files, and the file is then canonical. pre-commit runs
without network (in a user namespace without one, where the system allows it, and otherwise
with proxies that lead nowhere and git limited to local repositories): `language: system`
hooks must install nothing. Exit 0 when it passes, 1 with one line per problem, 77 (skipped)
without pre-commit.
"""

import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
BAD = "WEBVTT\n\n0:00:05.000 --> 0:00:04.000\nbackwards\n"  # E003 and W103 at 3:1; fmt changes the hours
BAD_FINDING = "bad.vtt:3:1: error: cue ends at 00:00:04.000 but starts at 00:00:05.000 [E003]"
BAD_FIXED = "WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nbackwards\n"
GOOD = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello.\n"


def git(cwd, *args):
    subprocess.run(["git", "-c", "user.name=vttkit test", "-c", "user.email=test@example.invalid", "-c",
                    "init.defaultBranch=main", *args], cwd=cwd, check=True, capture_output=True)


def offline_prefix():
    """`unshare -rn` (a new user and network namespace: no network at all) when it works here."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn"]
    print("note: unshare -rn is not permitted here; network kept away by dead proxies and git limited to files")
    return []


def main():
    vtt, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    precommit = shutil.which("pre-commit")
    if not precommit:
        print("skipped: pre-commit is not installed (apt-get install pre-commit)")
        return SKIP
    problems = []
    prefix = offline_prefix()
    with tempfile.TemporaryDirectory() as d:
        hooks, project = os.path.join(d, "hooks"), os.path.join(d, "project")
        os.mkdir(hooks)
        os.mkdir(project)
        shutil.copy(os.path.join(source, ".pre-commit-hooks.yaml"), hooks)
        git(hooks, "init", "-q")
        git(hooks, "add", ".pre-commit-hooks.yaml")
        git(hooks, "commit", "-q", "-m", "hooks")
        git(project, "init", "-q")
        for name, text in (("bad.vtt", BAD), ("good.vtt", GOOD), ("notes.txt", "not WebVTT\n")):
            with open(os.path.join(project, name), "w") as f:
                f.write(text)
        git(project, "add", ".")
        env = dict(os.environ, PATH=os.path.dirname(vtt) + os.pathsep + os.environ.get("PATH", ""),
                   PRE_COMMIT_HOME=os.path.join(d, "cache"), HOME=d, GIT_ALLOW_PROTOCOL="file",
                   http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9", no_proxy="",
                   NO_COLOR="1")
        env.pop("GIT_DIR", None)

        def try_repo(hook, *files):
            r = subprocess.run([*prefix, precommit, "try-repo", hooks, hook, "--color", "never", "--files", *files],
                               cwd=project, env=env, capture_output=True, text=True)
            return r.returncode, r.stdout + r.stderr

        def expect(label, got, code, present=(), absent=()):
            if got[0] != code:
                problems.append(f"{label}: exit {got[0]}, want {code}:\n{got[1]}")
            for text in present:
                if text not in got[1]:
                    problems.append(f"{label}: output lacks {text!r}:\n{got[1]}")
            for text in absent:
                if text in got[1]:
                    problems.append(f"{label}: output has {text!r}:\n{got[1]}")

        expect("vtt-lint bad.vtt", try_repo("vtt-lint", "bad.vtt"), 1, [BAD_FINDING, "Failed"])
        expect("vtt-lint good.vtt", try_repo("vtt-lint", "good.vtt", "notes.txt"), 0, ["Passed"], ["notes.txt"])
        expect("vtt-lint both", try_repo("vtt-lint", "bad.vtt", "good.vtt"), 1, [BAD_FINDING], ["good.vtt:"])
        expect("vtt-fmt bad.vtt", try_repo("vtt-fmt", "bad.vtt", "good.vtt"), 1, ["Failed", "bad.vtt"], ["good.vtt"])
        expect("vtt-fmt good.vtt", try_repo("vtt-fmt", "good.vtt"), 0, ["Passed"])
        expect("vtt-fmt-fix", try_repo("vtt-fmt-fix", "bad.vtt", "good.vtt"), 1, ["files were modified by this hook"])
        with open(os.path.join(project, "bad.vtt")) as f:
            if f.read() != BAD_FIXED:
                problems.append("vtt-fmt-fix did not rewrite bad.vtt in canonical form")
        expect("vtt-fmt-fix again", try_repo("vtt-fmt-fix", "bad.vtt", "good.vtt"), 0, ["Passed"])
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    print("pre-commit hooks vtt-lint, vtt-fmt and vtt-fmt-fix behave" + (" offline" if prefix else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
