#!/usr/bin/env bash
# test_from_jsonl.sh: `rasd ingest --from-jsonl` stores what `rasd analyze`
# wrote elsewhere as `rasd ingest` of the same files does: the same
# documents (by hash) and the same analysis rows, in SQLite and, under
# tests/pg_harness.sh, PostgreSQL; ingesting the files afterwards finds
# them all stored; a line whose text was changed, or cut short, is skipped
# with its file and line named while the other lines are stored.
#   test_from_jsonl.sh BUILD_DIR
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rasd=${1:?usage: test_from_jsonl.sh BUILD_DIR}/rasd
work=$(mktemp -d /tmp/rasd-from-jsonl-XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
mkdir "$work/in"
cp "$here"/fixtures/*.txt "$work/in/"
opts=(--quiet --jobs 2 --no-tagger)

"$rasd" analyze --jobs 2 --no-tagger "$work"/in/*.txt > "$work/a.jsonl" 2>/dev/null || fail "rasd analyze failed"
n=$(wc -l < "$work/a.jsonl")
[ "$n" -ge 3 ] || fail "rasd analyze wrote $n lines"

summary() { # a SQLite store: its hashes and row counts, one line
  python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
q = "SELECT count(*), group_concat(hash) FROM (SELECT hash FROM documents ORDER BY hash)"
n, hashes = db.execute(q).fetchone()
rows = [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("entities", "places", "quotes", "events", "numbers", "dates", "paragraphs", "fingerprints")]
print(n, hashes, *rows)
PY
}

"$rasd" ingest "${opts[@]}" --db "$work/jsonl.db" --from-jsonl "$work/a.jsonl" 2> "$work/log" || { cat "$work/log"; fail "ingest --from-jsonl failed"; }
"$rasd" ingest "${opts[@]}" --db "$work/files.db" "$work/in" 2> /dev/null
a=$(summary "$work/jsonl.db")
b=$(summary "$work/files.db")
[ "$a" = "$b" ] || fail "--from-jsonl stored other documents or rows than ingesting the files:
  $a
  $b"
# (the output in a variable: grep -q in a pipe would cut it short)
again=$("$rasd" ingest "${opts[@]}" --db "$work/jsonl.db" "$work/in" 2>&1)
grep -q "0 stored, $n already stored" <<< "$again" ||
  { echo "$again"; fail "the files, ingested after their analyses, were not all found stored"; }

# standard input, a changed text and a cut line: both skipped, by name
python3 - "$work/a.jsonl" > "$work/bad.jsonl" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
d = json.loads(lines[1])
d["text"] = d["text"] + " "
print(lines[0])
print(json.dumps(d, ensure_ascii=False))
print(lines[2][:200])
PY
"$rasd" ingest "${opts[@]}" --db "$work/bad.db" --from-jsonl - < "$work/bad.jsonl" > "$work/bad.log" 2>&1
status=$?
[ $status -eq 1 ] || fail "bad lines: exit status $status, not 1"
grep -q -- "-#2: doc.id .* is not the hash of its text" "$work/bad.log" || { cat "$work/bad.log"; fail "changed text not named"; }
grep -q -- "-#3: column" "$work/bad.log" || { cat "$work/bad.log"; fail "cut line not named"; }
grep -q "1 stored" "$work/bad.log" || { cat "$work/bad.log"; fail "the good lines were not stored"; }

if [ -n "${RASD_TEST_PG:-}" ]; then
  url="${RASD_TEST_PG%/*}/from_jsonl"
  psql -X -q -d "$RASD_TEST_PG" -c "DROP DATABASE IF EXISTS from_jsonl WITH (FORCE)" -c "CREATE DATABASE from_jsonl" 2>/dev/null
  "$rasd" ingest "${opts[@]}" --db "$url" --from-jsonl "$work/a.jsonl" 2>/dev/null || fail "ingest --from-jsonl into PostgreSQL failed"
  p=$(psql -X -q -t -A -d "$url" -c "SELECT count(*) || ' ' || string_agg(hash, ',' ORDER BY hash) FROM documents")
  p="$p $(psql -X -q -t -A -F ' ' -d "$url" -c "SELECT (SELECT count(*) FROM entities), (SELECT count(*) FROM places),
     (SELECT count(*) FROM quotes), (SELECT count(*) FROM events), (SELECT count(*) FROM numbers),
     (SELECT count(*) FROM dates), (SELECT count(*) FROM paragraphs), (SELECT count(*) FROM fingerprints)")"
  [ "$p" = "$b" ] || fail "--from-jsonl into PostgreSQL differs from SQLite:
  $p
  $b"
  echo "PostgreSQL: the same documents and rows"
else
  echo "(no RASD_TEST_PG: the PostgreSQL half skipped)"
fi
echo "PASS: $n analyses stored as their files are"
