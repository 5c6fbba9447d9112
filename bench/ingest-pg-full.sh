#!/usr/bin/env bash
# The whole of SaudiNewsNet (../shared/corpora/saudinewsnet, 16 day-zips,
# 26,743 articles) ingested twice: once by one process into SQLite, all
# days in order, and once by W worker processes (default 4) at once into
# one PostgreSQL database, each worker on its own share of consecutive days
# in time order (16/W days each). Prints the wall time, articles/s and CPU
# of both, then what tests/pg_compare.py finds between the two stores:
# documents (count and a checksum over the sorted hashes), exact-duplicate
# groups, near-duplicate links (as pairs of hashes) and stories (B-cubed
# F1), and whether the PostgreSQL store is consistent; then settles both
# (`rasd ingest --settle`, timed) and compares them again. Plain runs
# settle by themselves at their end (a bulk import); --raw ingests with
# --no-settle, to see what arrival order alone gives.
#
#   bench/ingest-pg-full.sh [--workers W] [--tagger] [--keep DIR] [--raw]
#
# --tagger: run the trained name tagger too (slower; off by default, as in
# tests/test_ingest_pg.sh). --keep DIR: keep the SQLite file there. Starts
# its own throwaway server (tests/pg_harness.sh) unless RASD_TEST_PG names
# one. Skips (exit 0) with a message when the corpus or PostgreSQL is absent.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
workers=4
tagger=--no-tagger
keep=
raw=
args=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers=$2; shift 2 ;;
    --tagger) tagger=; shift ;;
    --keep) keep=$2; shift 2 ;;
    --raw) raw=--no-settle; shift ;;
    *) echo "usage: bench/ingest-pg-full.sh [--workers W] [--tagger] [--keep DIR] [--raw]" >&2; exit 2 ;;
  esac
done
corpus=${RASD_SHARED:-$here/../shared}/corpora/saudinewsnet
if ! ls "$corpus"/*.zip > /dev/null 2>&1; then echo "bench: SKIP: no corpus at $corpus"; exit 0; fi
[ -x "$build/rasd" ] || { echo "bench: build first ($build/rasd missing)" >&2; exit 2; }
if [ -z "${RASD_TEST_PG:-}" ] && [ -z "${RASD_BENCH_IN_HARNESS:-}" ]; then
  RASD_BENCH_IN_HARNESS=1 exec bash "$here/tests/pg_harness.sh" bash "$0" "${args[@]}"
fi
[ -n "${RASD_TEST_PG:-}" ] || { echo "bench: SKIP: no PostgreSQL server"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mapfile -t zips < <(ls "$corpus"/*.zip | sort)
per=$(((${#zips[@]} + workers - 1) / workers))
now() { date +%s.%N; }
# runs "$@" and appends its user and system CPU seconds to $tmp/cpu
# (exit status 1, some input skipped, is no failure here)
timed() { /usr/bin/time -a -o "$tmp/cpu" -f "%U %S" "$@" || [ $? -eq 1 ]; }
report() { # name start end articles
  cpu=$(awk '{u += $1; s += $2} END {printf "%.1f user + %.1f sys", u, s}' "$tmp/cpu")
  awk -v name="$1" -v t0="$2" -v t1="$3" -v n="$4" -v cpu="$cpu" \
    'BEGIN {printf "%-30s %7.1f s wall  %6.1f articles/s  CPU %s\n", name, t1 - t0, n / (t1 - t0), cpu}'
  : > "$tmp/cpu"
}
report_settle() { # name start end
  cpu=$(awk '{u += $1; s += $2} END {printf "%.1f user + %.1f sys", u, s}' "$tmp/cpu")
  awk -v name="$1" -v t0="$2" -v t1="$3" -v cpu="$cpu" 'BEGIN {printf "%-30s %7.1f s wall  CPU %s\n", name, t1 - t0, cpu}'
  : > "$tmp/cpu"
}
read_count() { grep -h '^rasd ingest:' "$@" | awk '{n += $3} END {print n + 0}'; }

echo "bench/ingest-pg-full.sh: ${#zips[@]} day files, $workers PostgreSQL workers of $per days each," \
  "${tagger:-with the tagger}, $(nproc) cores"
: > "$tmp/cpu"
lite=${keep:-$tmp}/full.db
rm -f "$lite"
t0=$(now)
timed "$build/rasd" ingest --quiet $tagger $raw --jobs "$(nproc)" --db "$lite" "${zips[@]}" > "$tmp/lite.log" 2>&1
report "SQLite, 1 process" "$t0" "$(now)" "$(read_count "$tmp/lite.log")"
grep -A1 '^rasd ingest:' "$tmp/lite.log" | sed 's/^/  /'

db=bench_full
psql -X -q -d "$RASD_TEST_PG" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" 2>/dev/null
url="${RASD_TEST_PG%/*}/$db"
t0=$(now)
pids=()
for ((i = 0; i < workers; i++)); do
  share=("${zips[@]:i*per:per}")
  [ ${#share[@]} -gt 0 ] || continue
  timed "$build/rasd" ingest --quiet $tagger $raw --jobs 1 --db "$url" "${share[@]}" > "$tmp/w$i.log" 2>&1 &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || [ $? -eq 1 ]; done
report "PostgreSQL, $workers workers" "$t0" "$(now)" "$(read_count "$tmp"/w*.log)"
for ((i = 0; i < ${#pids[@]}; i++)); do grep '^rasd ingest:\|caught up' "$tmp/w$i.log" | sed "s/^/  worker $i: /"; done
echo "== as ingested (${raw:-plain runs: a bulk import settles by itself}${raw:+ --no-settle: in arrival order})"
python3 "$here/tests/pg_compare.py" --min-f1 0.95 --verbose "$lite" "$url" || true
echo "== both settled again (rasd ingest --settle)"
cp "$lite" "$tmp/settled.db"
: > "$tmp/cpu"
t0=$(now)
timed "$build/rasd" ingest --quiet $tagger --settle --db "$tmp/settled.db" > "$tmp/s1.log" 2>&1
report_settle "settling SQLite" "$t0" "$(now)"
grep '^  settled:' "$tmp/s1.log"
t0=$(now)
timed "$build/rasd" ingest --quiet $tagger --settle --db "$url" > "$tmp/s2.log" 2>&1
report_settle "settling PostgreSQL" "$t0" "$(now)"
grep '^  settled:' "$tmp/s2.log"
python3 "$here/tests/pg_compare.py" --min-f1 0.95 --verbose "$tmp/settled.db" "$url"
