#!/usr/bin/env python3
"""Checks the dependency rule of src/ (docs/architecture.md).

The library's folders form layers; a file may include internal headers ("folder/file.hpp")
only from its own folder or a folder of a lower layer, and public headers (<vttkit/x.hpp>)
only of its own layer or lower. The program (apps/vtt) may include any public header but no
internal one. Exits 1 and names each offending #include.
"""
import pathlib
import re
import sys

# Layer of each src/ folder: a folder may depend on folders of a lower number only.
LAYERS = {"text": 0, "model": 1, "io": 2, "parse": 3, "transform": 4, "write": 5, "report": 5, "lint": 5}
# Layer of each public header (the folder whose code implements it).
PUBLIC = {
    "version.hpp": 0, "timestamp.hpp": 1, "diagnostic.hpp": 1, "rules.def": 1, "document.hpp": 1,
    "source.hpp": 2, "sink.hpp": 2, "cue_text.hpp": 3, "parse.hpp": 3, "transform.hpp": 4,
    "pipeline.hpp": 4, "fix.hpp": 4, "write.hpp": 5, "format.hpp": 5, "timeline.hpp": 5, "report.hpp": 5, "diff.hpp": 5, "lint.hpp": 5, "vttkit.hpp": 9,
}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def check(root: pathlib.Path) -> list[str]:
    problems = []
    for path in sorted((root / "src").rglob("*")):
        if path.suffix not in {".cpp", ".hpp", ".inc"}:
            continue
        folder = path.relative_to(root / "src").parts[0]
        if folder not in LAYERS:
            problems.append(f"{path.relative_to(root)}: folder '{folder}' has no layer in tests/layering.py")
            continue
        mine = LAYERS[folder]
        for m in INCLUDE.finditer(path.read_text(encoding="utf-8")):
            kind, target = m.groups()
            line = path.read_text(encoding="utf-8").count("\n", 0, m.start()) + 1
            where = f"{path.relative_to(root)}:{line}"
            if kind == '"':
                dep = target.split("/")[0]
                if dep not in LAYERS:
                    problems.append(f'{where}: "{target}" is not in a stage folder')
                elif LAYERS[dep] > mine or (LAYERS[dep] == mine and dep != folder):
                    problems.append(f'{where}: {folder}/ may not include "{target}" ({dep}/ is not below it)')
            elif target.startswith("vttkit/"):
                header = target[len("vttkit/"):]
                layer = PUBLIC.get(header)
                if layer is None:
                    problems.append(f"{where}: <{target}> has no layer in tests/layering.py")
                elif layer > mine:
                    problems.append(f"{where}: {folder}/ may not include <{target}> (a later stage)")
    for path in sorted((root / "apps").rglob("*.[ch]pp")):
        for m in INCLUDE.finditer(path.read_text(encoding="utf-8")):
            kind, target = m.groups()
            if kind == '"' and target.split("/")[0] in LAYERS:
                problems.append(f'{path.relative_to(root)}: the program includes the library\'s internal "{target}"')
    return problems


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[1])
    problems = check(root)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
