#!/usr/bin/env python3
"""include_graph.py: the layers of src/ drawn from the code's own #include
lines, checked against the arrows that must not exist (issue 16).

Every quoted #include of a file under src/ names a folder (src/storage/
includes "corpus/dedup.h": an arrow storage -> corpus; a bare "events.h"
stays in the including file's folder). An arrow of FORBIDDEN fails the
check, with the file and line that draws it, so a layer cannot quietly
start to depend on the one above it again.

Usage: include_graph.py [SOURCE_DIR]   (default: the tree this file is in)
Exit status: 0 no forbidden arrow, 1 some (each named on stderr).
"""
import os
import re
import sys

# folder -> folders it must never include, and why
FORBIDDEN = {
    "storage": {"corpus": "storage keeps rows; duplicates and stories are linked by src/ingest/",
                "ingest": "src/ingest/ is built on storage",
                "cli": "the command line is the top layer"},
    "knowledge": {"extract": "extraction reads the knowledge base, not the other way round",
                  "analysis": "the analysis is built on the knowledge base",
                  "cli": "the command line is the top layer"},
    "server": {"cli": "the server is a library room; the command line only starts it"},
    "corpus": {"storage": "the readers know nothing of the store",
               "ingest": "src/ingest/ is built on the readers",
               "cli": "the command line is the top layer"},
    "ingest": {"cli": "src/ingest/ is a library room; the command line calls it",
               "server": "the server calls src/ingest/, not the other way round"},
    "core": {"*": "the core depends on nothing of rasd"},
    "text": {"knowledge": "the text core is below the knowledge base",
             "extract": "the text core is below extraction",
             "cli": "the command line is the top layer"},
}

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')


def folders(src):
    return sorted(d for d in os.listdir(src) if os.path.isdir(os.path.join(src, d)))


def arrows(src):
    """Yields (from_folder, to_folder, file, line number) for every quoted
    include of a file of src/ that lands in another folder of src/."""
    known = set(folders(src))
    for root, _, files in os.walk(src):
        rel_root = os.path.relpath(root, src)
        here = rel_root.split(os.sep)[0]
        for name in sorted(files):
            if not name.endswith((".c", ".h", ".inc")):
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8", errors="replace") as f:
                for no, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    target = m.group(1)
                    # relative to the including file first, as the compiler does
                    local = os.path.normpath(os.path.join(root, target))
                    if os.path.exists(local) and local.startswith(src + os.sep):
                        to = os.path.relpath(local, src).split(os.sep)[0]
                    else:
                        to = target.split("/")[0] if "/" in target else here
                    if to in known and to != here:
                        yield here, to, os.path.relpath(path, os.path.dirname(src)), no


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    src = os.path.join(os.path.abspath(top), "src")
    bad = 0
    graph = {}
    for frm, to, path, no in arrows(src):
        graph.setdefault(frm, set()).add(to)
        rules = FORBIDDEN.get(frm, {})
        why = rules.get(to) or rules.get("*")
        if why:
            print(f"{path}:{no}: {frm} -> {to} is forbidden: {why}", file=sys.stderr)
            bad += 1
    for frm in sorted(graph):
        print(f"{frm} -> {', '.join(sorted(graph[frm]))}")
    if bad:
        print(f"include_graph: {bad} forbidden include(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
