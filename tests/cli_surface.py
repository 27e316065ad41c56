#!/usr/bin/env python3
"""The program's surface against its --help: usage: cli_surface.py CHECK VTT SOURCE_DIR.

The flags of each command are read from `vtt COMMAND --help`, so a flag added to the program
is checked everywhere at once; each failure names the flag and the file to change.

  help      every option shows a placeholder that says what it takes (not TEXT, UINT, FLOAT...)
            and a default; each command has examples, and they run; every numeric flag
            (placeholder N, NUMBER or SECONDS) refuses -5, abc, 1e20, nan, inf in words
  man       docs/vtt.1 names every flag of every command, and no other
  bash      apps/vtt/completions/vtt.bash offers every flag, the values of each flag, files
  zsh       apps/vtt/completions/_vtt loads and offers every flag (skipped without zsh)
  fish      apps/vtt/completions/vtt.fish loads and offers every flag (skipped without fish)

Exit 0 when the check passes, 1 with one line per problem, 77 when skipped (ctest SKIP_RETURN_CODE).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
GENERIC_TYPES = {"TEXT", "UINT", "INT", "FLOAT", "NONNEGATIVE", "POSITIVE", "BOOLEAN", "NUMBER:NONNEGATIVE"}
NUMERIC_TYPES = {"N", "NUMBER", "SECONDS"}


class Option:
    def __init__(self, short, long, type_name, default, description):
        self.short = short  # "-o" or None
        self.long = long  # "--output"
        self.type_name = type_name  # "FILE", "FORMAT:{vtt,srt}" or None for a flag
        self.default = default  # the text after '=', or None
        self.description = description

    @property
    def placeholder(self):
        return self.type_name.split(":")[0] if self.type_name else None

    @property
    def choices(self):
        m = re.search(r"\{([^}]*)\}", self.type_name or "")
        return m.group(1).split(",") if m else None

    def names(self):
        return [n for n in (self.short, self.long) if n]


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def commands(vtt):
    out = run([vtt, "help"]).stdout
    section = out.split("Subcommands:", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in section.splitlines() if line.startswith("  ") and line.split()]


def parse_help(text):
    """The options of a command's --help, as CLI11 prints them."""
    options = []
    lines = text.split("Options:", 1)[1].split("\n\n", 1)[0].splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^  (-\w,)?(--[\w-]+)(.*)$", line)
        if not m:
            continue
        short = m.group(1)[:-1] if m.group(1) else None
        # " TYPE=default Excludes: --x" then two or more spaces and the description, if on this line
        parts = re.match(r"^((?: \S+)*)(?:\s{2,}(.*))?$", m.group(3))
        head, desc = parts.group(1).strip(), parts.group(2) or ""
        if not desc and i + 1 < len(lines) and lines[i + 1].startswith(" " * 20):
            desc = lines[i + 1].strip()
        head = head.split(" Excludes:")[0].split(" Needs:")[0].strip()
        type_name = default = None
        if head and not head.startswith(("Excludes:", "Needs:")):
            # "FORMAT:{vtt,srt}=vtt", "N=0", "OLD=NEW": a placeholder in capitals may hold '='
            word = head.split()[0]
            m_type = re.match(r"^([A-Z](?:[A-Z_=]*[A-Z])?(?::\{[^}]*\})?)(?:=(.*))?$", word)
            type_name, default = (m_type.group(1), m_type.group(2)) if m_type else (word.split("=", 1) + [None])[:2]
        options.append(Option(short, m.group(2), type_name, default, desc))
    return options


def all_options(vtt):
    result = {}
    for cmd in commands(vtt):
        result[cmd] = parse_help(run([vtt, cmd, "--help"]).stdout)
    return result


def rules(source):
    text = open(os.path.join(source, "include/vttkit/rules.def")).read()
    pairs = re.findall(r'VTTKIT_RULE\(\s*\w+,\s*"(\w+)",\s*"([\w-]+)"', text)
    return [p[0] for p in pairs] + [p[1] for p in pairs] + sorted({p[0][0] for p in pairs})


# ------------------------------------------------------------------------------------------
# help
# ------------------------------------------------------------------------------------------

def check_help(vtt, source, problems):
    opts = all_options(vtt)
    for cmd, options in opts.items():
        text = run([vtt, cmd, "--help"]).stdout
        where = f"'vtt {cmd} --help'"
        for o in options:
            if o.long == "--help":
                continue
            if o.type_name and (o.placeholder in GENERIC_TYPES or any(t in o.type_name for t in ("TEXT", "FLOAT"))):
                problems.append(f"{where}: {o.long} shows the placeholder {o.type_name}; give it one that says "
                                f"what it takes (->type_name(\"FILE\"), N, SECONDS, FORMAT...) in apps/vtt/")
            if o.type_name and o.default is None and "default" not in o.description:
                problems.append(f"{where}: {o.long} shows no default: give CLI11 one (default_str) or say "
                                f"'(default: ...)' in its help text")
        if cmd == "help":
            continue
        examples = re.findall(r"^  (vtt .*)$", text.split("Examples:", 1)[-1], re.M) if "Examples:" in text else []
        if not 2 <= len(examples) <= 4:
            problems.append(f"{where}: {len(examples)} examples under 'Examples:' in the footer; want 2 or 3")
        run_examples(vtt, source, cmd, examples, problems)
        for o in options:
            if o.placeholder in NUMERIC_TYPES:
                check_number_flag(vtt, cmd, o, problems)


def run_examples(vtt, source, cmd, examples, problems):
    """Runs each example in a folder holding the files the examples name."""
    samples = os.path.join(source, "samples")
    with tempfile.TemporaryDirectory() as d:
        for name, sample in (("talk.vtt", "podcast.vtt"), ("interview.srt", "interview.srt")):
            shutil.copy(os.path.join(samples, sample), os.path.join(d, name))
        for folder in ("transcripts", "subs"):
            os.mkdir(os.path.join(d, folder))
            shutil.copy(os.path.join(samples, "podcast.vtt"), os.path.join(d, folder, "a.vtt"))
        bindir = os.path.dirname(os.path.abspath(vtt))
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""))
        for example in examples:
            r = run(["bash", "-c", example], cwd=d, env=env)
            # lint's findings and fmt --check's changes exit 1; 2 is a usage error
            if r.returncode not in (0, 1):
                problems.append(f"'vtt {cmd} --help': the example `{example}` exits {r.returncode}: "
                                f"{r.stderr.strip()[:200]}")


# What a command needs besides the flag under test: shift's OFFSET, scale's mapping.
REQUIRED_ARGS = {"shift": ["0"], "scale": ["--fps", "1:1"]}


def check_number_flag(vtt, cmd, option, problems):
    need = REQUIRED_ARGS.get(cmd, [])
    for bad in ("-5", "abc", "1e20", "nan", "inf", "99999999999999999999999") + (
            () if option.placeholder == "SECONDS" else ("1s",)):
        r = run([vtt, cmd] + need + [option.long, bad, "-"], input="WEBVTT\n")
        first = r.stderr.splitlines()[0] if r.stderr else ""
        ok = r.returncode == 2 and first.startswith("vtt: ") and option.long in first and bad in first
        if not ok or re.search(r"\d{30}", first.replace(bad, "")):
            problems.append(f"vtt {cmd} {option.long} {bad}: want exit 2 and a message naming the flag and "
                            f"the value in words; got exit {r.returncode}: {first[:160]!r} "
                            f"(use add_count_flag, add_number_flag or add_seconds_flag, apps/vtt/flags.hpp)")
    for good in ("0", "1") + (("1.5s", "1500ms", "00:01.500") if option.placeholder == "SECONDS" else ()):
        r = run([vtt, cmd] + need + [option.long, good, "-"], input="WEBVTT\n")
        if r.returncode == 2:
            problems.append(f"vtt {cmd} {option.long} {good}: refused: {r.stderr.strip()[:160]}")


# ------------------------------------------------------------------------------------------
# man page
# ------------------------------------------------------------------------------------------

def man_text(source):
    text = open(os.path.join(source, "docs/vtt.1")).read()
    return text.replace("\\-", "-").replace("\\fB", "").replace("\\fR", "").replace("\\fI", "").replace("\\fP", "")


def check_man(vtt, source, problems):
    text = man_text(source)
    page = "docs/vtt.1"
    opts = all_options(vtt)
    # Per command: the line "Flags: ..." after ".SS <command>" names every flag of its --help.
    sections = dict(re.findall(r"^\.SS (\w+)\n(.*?)(?=^\.S[SH] )", text, re.M | re.S))
    entries = {}  # --long -> heading of its .TP entry under OPTIONS
    options_part = text.split(".SH OPTIONS", 1)[1].split("\n.SH ", 1)[0] if ".SH OPTIONS" in text else ""
    for heading in re.findall(r"^\.TP\n(.*)$", options_part, re.M):
        for long in re.findall(r"--[\w-]+", heading):
            entries[long] = heading
    every_long = set()
    for cmd, options in opts.items():
        helped = {o.long for o in options} - {"--help"}
        every_long |= helped
        if cmd == "help":
            continue
        if cmd not in sections:
            problems.append(f"{page}: no '.SS {cmd}' section under COMMANDS for 'vtt {cmd}'")
            continue
        m = re.search(r"^Flags:(.*?)(?:\n\.|\Z)", sections[cmd], re.M | re.S)
        listed = set(re.findall(r"--[\w-]+", m.group(1))) if m else set()
        for long in sorted(helped - listed):
            problems.append(f"{page}: {long} of 'vtt {cmd} --help' is missing from the 'Flags:' line of "
                            f"'.SS {cmd}' (and needs a .TP entry under OPTIONS)")
        for long in sorted(listed - helped):
            problems.append(f"{page}: the 'Flags:' line of '.SS {cmd}' names {long}, which 'vtt {cmd} --help' "
                            f"does not have")
        for o in options:
            if o.long == "--help":
                continue
            heading = entries.get(o.long)
            if heading is None:
                continue
            if o.short and o.short + "," not in heading:
                problems.append(f"{page}: the OPTIONS entry of {o.long} lacks its short form {o.short}")
            if o.placeholder and o.placeholder not in heading:
                problems.append(f"{page}: the OPTIONS entry of {o.long} should show its placeholder "
                                f"{o.placeholder} (as --help does)")
    for long in sorted(every_long - set(entries)):
        problems.append(f"{page}: {long} has no entry under OPTIONS ('.TP' then '\\fB{long}\\fR ...')")
    for long in sorted(set(entries) - every_long - {"--help"}):
        problems.append(f"{page}: OPTIONS describes {long}, which no command's --help has")


# ------------------------------------------------------------------------------------------
# completions
# ------------------------------------------------------------------------------------------

def value_kind(option):
    if option.choices:
        return "choices"
    return {"FILE": "file", "DIR": "dir", "RULES": "rules"}.get(option.placeholder, "none")


def check_bash(vtt, source, problems):
    script = os.path.join(source, "apps/vtt/completions/vtt.bash")
    where = "apps/vtt/completions/vtt.bash"

    def complete(words, cwd=None):
        # extglob stays off, as in a shell that never turned it on
        program = ('shopt -u extglob; source "$0"; complete -p vtt >/dev/null || exit 3; COMP_WORDS=("$@"); '
                   'COMP_CWORD=$(( $# - 1 )); _vtt; printf "%s\\n" "${COMPREPLY[@]}"')
        r = run(["bash", "--norc", "--noprofile", "-c", program, script] + words, cwd=cwd)
        if r.returncode != 0 or r.stderr:
            problems.append(f"{where}: completing {' '.join(words)!r} failed ({r.returncode}): {r.stderr.strip()}")
        return set(filter(None, r.stdout.split("\n")))

    opts = all_options(vtt)
    got = complete(["vtt", ""])
    for cmd in opts:
        if cmd not in got:
            problems.append(f"{where}: 'vtt <TAB>' does not offer the command {cmd} (_vtt_commands)")
    rule_words = set(rules(source))
    with tempfile.TemporaryDirectory() as d:
        for name in ("a.vtt", "B.SRT", "c.txt"):
            open(os.path.join(d, name), "w").close()
        os.mkdir(os.path.join(d, "sub"))
        for cmd, options in opts.items():
            if cmd == "help":
                continue
            offered = complete(["vtt", cmd, "-"])
            helped = {n for o in options for n in o.names()}
            for name in sorted(helped - offered):
                problems.append(f"{where}: 'vtt {cmd} -<TAB>' does not offer {name} of 'vtt {cmd} --help': "
                                f"add it to the {cmd} list of _vtt_flags")
            for name in sorted(offered - helped):
                problems.append(f"{where}: 'vtt {cmd} -<TAB>' offers {name}, which 'vtt {cmd} --help' does not have")
            for o in options:
                if o.long == "--help":
                    continue
                check_bash_value(complete, where, cmd, o, d, rule_words, problems)
            files = complete(["vtt", cmd, ""], cwd=d)
            want = {"a.vtt", "sub"} if cmd in ("lint", "fmt", "fix") else {"a.vtt", "B.SRT", "sub"}
            if cmd == "rule":  # vtt rule [ID|NAME]: the rules' ids and names, not the family letters
                want = {r for r in rule_words if len(r) > 1}
            if files != want:
                problems.append(f"{where}: 'vtt {cmd} <TAB>' offers {sorted(files)}, want {sorted(want)}")
    if complete(["vtt", "lint", "--select", "E,W10"]) != {f"E,{r}" for r in rule_words if r.startswith("W10")}:
        problems.append(f"{where}: 'vtt lint --select E,W10<TAB>' should complete the rule after the comma")
    if complete(["vtt", "convert", "--to", "=", "sr"]) != {"srt"}:
        problems.append(f"{where}: 'vtt convert --to=sr<TAB>' should offer srt")


def check_bash_value(complete, where, cmd, o, d, rule_words, problems):
    for name in o.names():
        if not o.type_name:
            continue
        got = complete(["vtt", cmd, name, ""], cwd=d)
        kind = value_kind(o)
        want = {"choices": set(o.choices or []), "file": {"a.vtt", "B.SRT", "c.txt", "sub"}, "dir": {"sub"},
                "rules": rule_words, "none": set()}[kind]
        if got != want:
            problems.append(f"{where}: after 'vtt {cmd} {name}' it offers {sorted(got)[:8]}, want "
                            f"{sorted(want)[:8]} ({kind}: a case of _vtt_value)")


def check_zsh(vtt, source, problems):
    zsh = shutil.which("zsh")
    if not zsh:
        print("zsh is not installed: check skipped")
        return SKIP
    script = os.path.join(source, "apps/vtt/completions/_vtt")
    where = "apps/vtt/completions/_vtt"
    r = run([zsh, "-f", "-c", f"autoload -U compinit && compinit -u -D && source {script!r}"])
    if r.returncode != 0 or r.stderr:
        problems.append(f"{where}: does not load in zsh: {r.stderr.strip()}")
    # The specs _vtt hands to _arguments for a command, printed by a stand-in _arguments.
    program = ('_arguments() { print -rl -- "$@" }; _describe() { }; _files() { }; _values() { }; '
               'source "$1"; words=(vtt "$2" ""); CURRENT=3; _vtt_command "$2"')
    for cmd, options in all_options(vtt).items():
        if cmd == "help":
            continue
        r = run([zsh, "-f", "-c", program, "zsh", script, cmd])
        specs = r.stdout
        offered = set(re.findall(r"(?<![\w-])(--?[\w][\w-]*)", specs))
        for o in options:
            for name in o.names():
                if name not in offered:
                    problems.append(f"{where}: 'vtt {cmd} -<TAB>' does not offer {name} of 'vtt {cmd} --help': "
                                    f"add it to the specs of {cmd} in _vtt_command")
            if o.choices and not all(c in specs for c in o.choices):
                problems.append(f"{where}: the values of {o.long} ({','.join(o.choices)}) are not all offered")
    return 0


def check_fish(vtt, source, problems):
    fish = shutil.which("fish")
    if not fish:
        print("fish is not installed: check skipped")
        return SKIP
    script = os.path.join(source, "apps/vtt/completions/vtt.fish")
    where = "apps/vtt/completions/vtt.fish"

    def complete(line, cwd=None):
        r = run([fish, "--no-config", "-c", f"source {script!r}; complete -C {line!r}"], cwd=cwd)
        if r.returncode != 0 or r.stderr:
            problems.append(f"{where}: completing {line!r} failed: {r.stderr.strip()}")
        return {l.split("\t")[0] for l in r.stdout.splitlines()}

    opts = all_options(vtt)
    got = complete("vtt ")
    for cmd in opts:
        if cmd not in got:
            problems.append(f"{where}: 'vtt <TAB>' does not offer the command {cmd}")
    for cmd, options in opts.items():
        if cmd == "help":
            continue
        offered = complete(f"vtt {cmd} -") | complete(f"vtt {cmd} --")
        for o in options:
            for name in o.names():
                if name not in offered:
                    problems.append(f"{where}: 'vtt {cmd} -<TAB>' does not offer {name} of 'vtt {cmd} --help': "
                                    f"add a 'complete -c vtt -n \"__fish_seen_subcommand_from {cmd}\"' line")
            if o.choices:
                values = complete(f"vtt {cmd} {o.long} ")
                if not set(o.choices) <= values:
                    problems.append(f"{where}: after {o.long} it offers {sorted(values)[:8]}, want {o.choices}")
        extra = {n for n in offered if n.startswith("-")} - {n for o in options for n in o.names()}
        for name in sorted(extra):
            problems.append(f"{where}: 'vtt {cmd} -<TAB>' offers {name}, which 'vtt {cmd} --help' does not have")
    with tempfile.TemporaryDirectory() as d:
        for name in ("a.vtt", "B.SRT", "c.txt"):
            open(os.path.join(d, name), "w").close()
        os.mkdir(os.path.join(d, "sub"))
        for cmd, want in (("convert", {"a.vtt", "B.SRT", "sub/"}), ("lint", {"a.vtt", "sub/"})):
            got = complete(f"vtt {cmd} ", cwd=d)
            if got != want:
                problems.append(f"{where}: 'vtt {cmd} <TAB>' offers {sorted(got)}, want {sorted(want)}")
        if complete("vtt convert --out-dir ", cwd=d) != {"sub/"}:
            problems.append(f"{where}: 'vtt convert --out-dir <TAB>' should offer folders only")
    if not set(rules(source)) <= complete("vtt lint --select "):
        problems.append(f"{where}: 'vtt lint --select <TAB>' does not offer every rule of rules.def")
    if "E,W102" not in complete("vtt lint --select E,W10"):
        problems.append(f"{where}: 'vtt lint --select E,W10<TAB>' should complete the rule after the comma")
    return 0


def check_rule_lists(source, problems):
    """The rule lists copied into the completions are those of include/vttkit/rules.def."""
    want = set(rules(source))
    for name in ("vtt.bash", "_vtt", "vtt.fish"):
        path = os.path.join(source, "apps/vtt/completions", name)
        text = open(path).read()
        for rule in sorted(want):
            if not re.search(r"(?<![\w-])" + re.escape(rule) + r"(?![\w-])", text):
                problems.append(f"apps/vtt/completions/{name}: rule {rule} of include/vttkit/rules.def is not in "
                                f"its rule list")


def main():
    check, vtt, source = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    problems = []
    code = 0
    if check == "help":
        check_help(vtt, source, problems)
    elif check == "man":
        check_man(vtt, source, problems)
    elif check == "bash":
        check_bash(vtt, source, problems)
        check_rule_lists(source, problems)
    elif check == "zsh":
        code = check_zsh(vtt, source, problems)
    elif check == "fish":
        code = check_fish(vtt, source, problems)
    else:
        sys.exit(f"unknown check {check}")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s)")
        sys.exit(1)
    sys.exit(code)


if __name__ == "__main__":
    main()
