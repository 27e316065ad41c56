#!/usr/bin/env python3
"""Checks that no function in src/ or apps/ is longer than 80 lines.

A function's length is counted from the line of its name to the line of its closing brace,
both included. Functions are found by brace matching after comments, string and character
literals and preprocessor lines are blanked out: a `{` at namespace or class scope opens a
function body when the text before it looks like a signature (a parameter list, then
qualifiers, a trailing return type or a constructor's initializer list). That is good enough
for this code's style; lambdas and local classes count as part of the function around them.

Usage: function_size.py ROOT [--max N]. Prints `file:line: NAME is N lines (max 80)` for each
function over the limit and exits 1 when there is one.
"""
import pathlib
import re
import sys

FOLDERS = ("src", "apps")
SUFFIXES = {".cpp", ".hpp", ".h", ".cc", ".inc"}
CLASS_HEAD = re.compile(r"^\s*(?:template\s*<.*>\s*)?(?:class|struct|union|enum)\b", re.S)
INIT_LIST = re.compile(r"\)[^()]*?(?<!:):(?!:)")
NAME_BEFORE_PAREN = re.compile(r"(operator\s*(?:\(\)|[^\s(]+)|[~\w]+(?:::[~\w]+)*)\s*(?:<[^()]*>)?\s*$")


def blank(text: str) -> str:
    """Replaces comments, literals and preprocessor lines with spaces, keeping line breaks."""
    out = list(text)
    i, n = 0, len(text)

    def wipe(a: int, b: int) -> None:
        for k in range(a, min(b, n)):
            if out[k] != "\n":
                out[k] = " "

    at_line_start = True
    while i < n:
        c = text[i]
        if at_line_start and c == "#":
            j = i
            while j < n and not (text[j] == "\n" and text[j - 1] != "\\"):
                j += 1
            wipe(i, j)
            i = j
            continue
        if c == "\n":
            at_line_start = True
            i += 1
            continue
        if not c.isspace():
            at_line_start = False
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            wipe(i, j)
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            wipe(i, j)
            i = j
        elif c == "R" and i + 1 < n and text[i + 1] == '"' and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")
                                                                  or text[i - 1] in "8uUL"):
            k = text.find("(", i + 2)
            delim = text[i + 2:k]
            j = text.find(")" + delim + '"', k)
            j = n if j < 0 else j + len(delim) + 2
            wipe(i, j)
            i = j
        elif c == '"' or (c == "'" and not (i > 0 and text[i - 1].isalnum() and i + 1 < n and text[i + 1].isalnum()
                                             and text[i - 1].isdigit())):
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            wipe(i, j + 1)
            i = j + 1
        else:
            i += 1
    return "".join(out)


def matching_brace(code: str, i: int) -> int:
    """Index of the `}` that closes the `{` at i."""
    depth = 0
    for j in range(i, len(code)):
        if code[j] == "{":
            depth += 1
        elif code[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(code) - 1


def top_level_paren(head: str) -> int:
    """Index of the first `(` of head outside <...> nesting, or -1."""
    return head.find("(")


def functions(text: str):
    """Yields (name, first line, last line) of each function defined in text."""
    code = blank(text)
    line_of = lambda pos: code.count("\n", 0, pos) + 1  # noqa: E731
    scopes = []  # (closing index, class name or None)
    head_start = 0
    i = 0
    while i < len(code):
        while scopes and i > scopes[-1][0]:
            scopes.pop()
        c = code[i]
        if c in ";}" or (c == ":" and re.search(r"\b(public|private|protected)\s*$", code[head_start:i])):
            head_start = i + 1
            i += 1
            continue
        if c != "{":
            i += 1
            continue
        head = code[head_start:i]
        end = matching_brace(code, i)
        flat = " ".join(head.split())
        paren = top_level_paren(flat)
        if re.search(r"\bnamespace\b", flat) or re.fullmatch(r"extern\s*", flat):  # extern "C" { (literal blanked)
            scopes.append((end, None))
            head_start = i + 1
            i += 1
        elif CLASS_HEAD.match(flat) and (paren < 0 or CLASS_HEAD.match(flat[:paren])):
            name = re.sub(r"\s*(final)?\s*((?<!:):(?!:).*)?$", "", re.sub(r"^.*?\b(class|struct|union|enum)\s+(class\s+)?", "", flat))
            scopes.append((end, name.split()[-1] if name.split() else "(anonymous)"))
            head_start = i + 1
            i += 1
        elif paren < 0 or "=" in flat[:paren].replace("operator=", "").replace("==", ""):
            i = end + 1  # a braced initializer or a lambda assigned to a variable
        elif INIT_LIST.search(flat) and re.search(r"[\w>]\s*$", head):
            i = end + 1  # a member's braced initializer in a constructor's initializer list
        else:
            m = NAME_BEFORE_PAREN.search(head[:head.find("(")])
            name = " ".join(m.group(1).split()) if m else flat[:paren]
            first = line_of(head_start + (m.start(1) if m else 0))
            classes = [s[1] for s in scopes if s[1]]
            yield "::".join(classes + [name]), first, line_of(end)
            i = end + 1
            head_start = i


def check(root: pathlib.Path, limit: int) -> list[str]:
    problems = []
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in SUFFIXES:
                continue
            for name, first, last in functions(path.read_text(encoding="utf-8")):
                length = last - first + 1
                if length > limit:
                    problems.append(f"{path.relative_to(root)}:{first}: {name} is {length} lines (max {limit})")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--max"):
        print(__doc__.strip().splitlines()[-3], file=sys.stderr)
        return 2
    limit = int(argv[3]) if len(argv) == 4 else 80
    problems = check(pathlib.Path(argv[1]), limit)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
