#!/usr/bin/env bash
# test_migrate.sh: `rasd migrate` copies a SQLite store into PostgreSQL and
# back with every row of every table unchanged, the full-text index rebuilt
# (the same queries find the same documents on all three), and refuses a
# target that already holds documents.
#   tests/pg_harness.sh tests/test_migrate.sh BUILD_DIR
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rasd=${1:?usage: test_migrate.sh BUILD_DIR}/rasd
if [ -z "${RASD_TEST_PG:-}" ]; then echo "SKIP: RASD_TEST_PG is not set (run under tests/pg_harness.sh)"; exit 77; fi
work=$(mktemp -d /tmp/rasd-migrate-XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$rasd" ingest --quiet --jobs 2 --no-tagger --db "$work/a.db" "$here"/fixtures/*.txt > /dev/null 2>&1
psql -X -q -d "$RASD_TEST_PG" -c "DROP DATABASE IF EXISTS migrate WITH (FORCE)" -c "CREATE DATABASE migrate" 2>/dev/null
url="${RASD_TEST_PG%/*}/migrate"
"$rasd" migrate --quiet --from "$work/a.db" --to "$url" || fail "SQLite -> PostgreSQL failed"
"$rasd" migrate --quiet --from "$url" --to "$work/b.db" || fail "PostgreSQL -> SQLite failed"

python3 - "$work/a.db" "$work/b.db" <<'PY' || fail "the round trip changed rows"
import sqlite3, sys
a, b = (sqlite3.connect(p) for p in sys.argv[1:3])
bad = 0
for t in ["documents", "entities", "places", "quotes", "events", "framing", "numbers", "dates", "paragraphs",
          "fingerprints", "stories", "story_labels", "state"]:
    ra = sorted(map(repr, a.execute(f"SELECT * FROM {t}")))
    rb = sorted(map(repr, b.execute(f"SELECT * FROM {t}")))
    if ra != rb or (t in ("documents", "entities", "paragraphs") and not ra):
        print(f"{t}: {len(ra)} rows before, {len(rb)} after, different"); bad += 1
sys.exit(bad)
PY
for q in "قصف" "قوات" '"دير الزور"' "العشائر OR الهدنة"; do
  found=()
  for d in "$work/a.db" "$url" "$work/b.db"; do
    found+=("$("$rasd" search --db "$d" --json "$q" 2>&1 | python3 -c 'import json,sys; print(sorted(json.loads(l)["hash"] for l in sys.stdin if l.strip()))')")
  done
  [ "${found[0]}" = "${found[1]}" ] && [ "${found[0]}" = "${found[2]}" ] || fail "\"$q\" finds other documents after migrating"
  [ "${found[0]}" != "[]" ] || fail "\"$q\" finds nothing: the test query is no test"
done
"$rasd" migrate --quiet --from "$work/a.db" --to "$url" > "$work/again.log" 2>&1
[ $? -eq 2 ] && grep -q "empty store only" "$work/again.log" || { cat "$work/again.log"; fail "a second migrate into a full store was not refused"; }
echo "PASS"
