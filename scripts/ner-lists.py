#!/usr/bin/env python3
"""Derives the tagger's extra name lists (data/ner/lists/*.tsv, read by
src/ner/context.c) from ANERcorp's gazetteers (ANERGazet: persons' names,
places, organisations), in the kb's columns: type, name_ar. One name a
line, duplicates and the gazetteers' ==== separators left out.
  scripts/ner-lists.py ANERCORP_DIR OUT.tsv"""
import os
import sys

src, out = sys.argv[1], sys.argv[2]
kinds = (("Pers", "person"), ("Loc", "place"), ("Org", "organization"))
rows, seen = [], set()
for part, kind in kinds:
    path = os.path.join(src, f"ANERGazet_Aligned{part}Gazetteer_data")
    if not os.path.exists(path):
        continue
    for line in open(path, encoding="utf-8-sig"):
        name = " ".join(line.split())
        if not name or name.startswith("=") or (kind, name) in seen:
            continue
        seen.add((kind, name))
        rows.append((kind, name))
with open(out, "w", encoding="utf-8") as f:
    f.write("# Derived by scripts/ner-lists.py from ANERcorp's gazetteers (ANERGazet); do not edit by hand.\n")
    f.write("type\tname_ar\n")
    for kind, name in rows:
        f.write(f"{kind}\t{name}\n")
print(f"ner-lists: {len(rows)} names -> {out}")
