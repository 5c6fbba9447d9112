#!/usr/bin/env bash
# Unpacks the SaudiNewsNet corpus (zipped JSON arrays, one a day) into plain
# text: one file a day (title, then content, a blank line between articles),
# or with --per-article one file per article (title line, blank line,
# content), which is what `rasd analyze` reads.
#   scripts/unpack-corpus.sh CORPUS_DIR OUT_DIR [--per-article]
set -euo pipefail
corpus=$1 out=$2 mode=${3:-}
[ -d "$corpus" ] || { echo "unpack-corpus: no corpus at $corpus" >&2; exit 2; }
mkdir -p "$out/json"
for z in "$corpus"/*.zip; do unzip -q -o "$z" -d "$out/json"; done
/usr/bin/python3 - "$out/json" "$out/text" "$mode" <<'PY'
import json, os, sys
src, dst, mode = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(dst, exist_ok=True)
n = 0
for name in sorted(os.listdir(src)):
    if not name.endswith(".json"):
        continue
    with open(os.path.join(src, name), encoding="utf-8") as f:
        articles = json.load(f)
    if mode == "--per-article":
        day = os.path.join(dst, name[:-5])
        os.makedirs(day, exist_ok=True)
        for a in articles:
            with open(os.path.join(day, "%05d.txt" % n), "w", encoding="utf-8") as out:
                out.write((a.get("title") or "").strip() + "\n\n" + (a.get("content") or "") + "\n")
            n += 1
    else:
        with open(os.path.join(dst, name[:-5] + ".txt"), "w", encoding="utf-8") as out:
            for a in articles:
                out.write((a.get("title") or "") + "\n" + (a.get("content") or "") + "\n\n")
            n += len(articles)
print("unpack-corpus: %d articles" % n)
PY
