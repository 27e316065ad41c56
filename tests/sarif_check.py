#!/usr/bin/env python3
"""`vtt lint --format sarif` against the SARIF 2.1.0 schema: usage: sarif_check.py VTT SOURCE_DIR.

Lints files with known findings (and standard input, and a clean file) in one run and checks
that the log validates against tests/data/sarif/sarif-schema-2.1.0.json, that it holds one run
whose rules are those of include/vttkit/rules.def with their severity and the address of their
section of docs/lint-rules.md, and that each result has the position and file the text format
gives. Exit 0 when it passes, 1 with one line per problem, 77 (skipped) without python3-jsonschema.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

SKIP = 77
BASE = "https://github.com/vttkit/vttkit/blob/main/docs/lint-rules.md"


def rules_def(source):
    text = open(os.path.join(source, "include/vttkit/rules.def")).read()
    return re.findall(r'^VTTKIT_RULE\(\w+,\s*"(\w+)",\s*"([\w-]+)",\s*(\w+),', text, re.M)


def doc_anchors(source):
    text = open(os.path.join(source, "docs/lint-rules.md"), encoding="utf-8").read()
    return {h.lower().replace(" ", "-") for h in re.findall(r"^### (\w+ [\w-]+)$", text, re.M)}


def check_rules(driver, source, problems):
    want = rules_def(source)
    got = [(r["id"], r["name"], r["defaultConfiguration"]["level"]) for r in driver["rules"]]
    if got != want:
        problems.append(f"driver.rules are {got[:3]}..., want the rows of rules.def {want[:3]}...")
    anchors = doc_anchors(source)
    for r in driver["rules"]:
        anchor = f"{r['id'].lower()}-{r['name']}"
        if r.get("helpUri") != f"{BASE}#{anchor}":
            problems.append(f"{r['id']}: helpUri {r.get('helpUri')}, want {BASE}#{anchor}")
        if anchor not in anchors:
            problems.append(f"{r['id']}: docs/lint-rules.md has no heading for the anchor {anchor}")
        if not r["shortDescription"]["text"] or not r["fullDescription"]["text"]:
            problems.append(f"{r['id']}: empty description")


def results_of(run):
    out = []
    for r in run["results"]:
        loc = r["locations"][0]["physicalLocation"]
        out.append((loc["artifactLocation"]["uri"], loc["region"]["startLine"], loc["region"]["startColumn"],
                    r["level"], r["ruleId"]))
    return out


def main():
    vtt, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    try:
        import jsonschema
    except ImportError:
        print("skipped: python3-jsonschema is not installed (apt-get install python3-jsonschema)")
        return SKIP
    schema = json.load(open(os.path.join(source, "tests/data/sarif/sarif-schema-2.1.0.json")))
    # This copy holds the log's schema as definitions/Root (tests/data/sarif/SOURCES.md): a log
    # is checked against that, and a broken log must fail, so the check can never pass vacuously.
    schema = dict(schema, **{"$ref": "#/definitions/Root"})
    problems = []
    broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "vtt"}}, "results": [
        {"message": {"text": "x"}, "locations": [{"physicalLocation": {"region": {"startColumn": 0}}}]}]}]}
    try:
        jsonschema.validate(broken, schema)
        problems.append("the schema accepts a region with startColumn 0: it checks nothing")
    except jsonschema.ValidationError:
        pass
    warnings = "WEBVTT\n\n0:00:01.000 --> 0:00:03.000\n\u65e5\u672c &x\n"  # W103 3:1, W106 4:4 (code points)
    error = "WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nx\n"  # E003 3:1
    clean = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello.\n"
    with tempfile.TemporaryDirectory() as d:
        for name, text in (("a.vtt", warnings), ("b c:d.vtt", error), ("clean.vtt", clean)):
            with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                f.write(text)
        runs = {
            "files and stdin": (["a.vtt", "b c:d.vtt", "clean.vtt", "-"], warnings, 1),
            "no findings": (["clean.vtt"], "", 0),
            "a missing input": (["clean.vtt", "missing.vtt"], "", 2),
        }
        logs = {}
        for label, (args, stdin, code) in runs.items():
            r = subprocess.run([vtt, "lint", "--format", "sarif", *args], cwd=d, input=stdin.encode(),
                               capture_output=True)
            if r.returncode != code:
                problems.append(f"{label}: exit {r.returncode}, want {code}: {r.stderr.decode()}")
            try:
                log = json.loads(r.stdout)
                jsonschema.validate(log, schema)
            except (ValueError, jsonschema.ValidationError) as e:
                problems.append(f"{label}: not a valid SARIF 2.1.0 log: {str(e)[:300]}")
                continue
            logs[label] = log
    for label, log in logs.items():
        if log["version"] != "2.1.0" or len(log["runs"]) != 1:
            problems.append(f"{label}: want version 2.1.0 and one run")
            continue
        run = log["runs"][0]
        check_rules(run["tool"]["driver"], source, problems)
        if run.get("columnKind") != "unicodeCodePoints":
            problems.append(f"{label}: columnKind {run.get('columnKind')}, want unicodeCodePoints")
        for r in run["results"]:
            if run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] != r["ruleId"]:
                problems.append(f"{label}: ruleIndex {r['ruleIndex']} is not the rule {r['ruleId']}")
    want = {
        "files and stdin": [
            ("a.vtt", 3, 1, "warning", "W103"), ("a.vtt", 4, 4, "warning", "W106"),
            ("b%20c%3Ad.vtt", 3, 1, "error", "E003"),
            ("stdin", 3, 1, "warning", "W103"), ("stdin", 4, 4, "warning", "W106"),
        ],
        "no findings": [],
        "a missing input": [],
    }
    for label, results in want.items():
        if label in logs and results_of(logs[label]["runs"][0]) != results:
            problems.append(f"{label}: results {results_of(logs[label]['runs'][0])}, want {results}")
    for label, log in logs.items():
        success = [i.get("executionSuccessful") for i in log["runs"][0].get("invocations", [])]
        if success != [label != "a missing input"]:
            problems.append(f"{label}: invocations' executionSuccessful {success}, want [{label != 'a missing input'}]")
    if "files and stdin" in logs:
        message = logs["files and stdin"]["runs"][0]["results"][1]["message"]["text"]
        if message != "'&x' is not a character reference: write '&amp;' for '&'":
            problems.append(f"W106 message: {message!r}")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    print(f"{len(logs)} SARIF logs valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
