#!/usr/bin/env bash
# The first command for a new user: installs the Debian packages rasd needs,
# builds it, and runs the main job on the embedded default store (SQLite):
# `rasd ingest` of the example articles into build/quickstart.db, then what
# an analyst asks of it (stories, search, events, quotes). It also shows the
# stateless `rasd analyze` (JSON lines) that the store is built from.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build -j"$(nproc)"
echo
echo "== build/rasd analyze examples/*.txt > build/examples.jsonl  (one JSON line per article)"
build/rasd analyze --published 2024-03-05 --source examples examples/*.txt > build/examples.jsonl
echo "   $(wc -l < build/examples.jsonl) articles, $(wc -c < build/examples.jsonl) bytes; what they hold:"
/usr/bin/python3 - build/examples.jsonl <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    print(f"\n  {d['doc']['title']}  ({len(d['sentences'])} sentences, {d['stats']['words']} words)")
    print("   actors:", ", ".join(f"{e['id']} x{e['mention_count']}" for e in d["entities"]))
    print("   places:", ", ".join(f"{p['name_en'] or p['name_ar']} ({p['lat']}, {p['lon']})" for p in d["places"]))
    for q in d["quotes"]:
        print(f"   quote: {q['speaker']['entity'] or q['speaker']['text']}: {q['text'][:70]}")
    for n in d["numbers"]:
        print(f"   number: {n['text']} = {n['value']} {n['unit_code'] or ''}")
    for t in d["dates"]:
        print(f"   date: {t['text']} = {t['value']}")
PY
echo
echo "== build/rasd words: how rasd reads a phrase"
build/rasd words "وقال المتحدث باسم التحالف إن قسد والعشائر اتفقتا"

db=build/quickstart.db
rm -f "$db" "$db-wal" "$db-shm"
echo
echo "== build/rasd ingest --db $db examples/   (outlets and dates from examples/manifest.tsv)"
build/rasd ingest --quiet --db "$db" examples/
echo
echo "== build/rasd stories --db $db"
build/rasd stories --db "$db"
echo
echo "== build/rasd search --db $db 'عشائر'   (finds العشائر, وعشائر: clitics, stems)"
build/rasd search --db "$db" "عشائر"
echo
echo "== build/rasd events --db $db"
build/rasd events --db "$db"
echo
echo "== build/rasd quotes --db $db"
build/rasd quotes --db "$db"
echo
echo "Next: build/rasd serve --db $db   then open http://127.0.0.1:8080/"
