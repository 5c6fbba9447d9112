#!/usr/bin/env bash
# `rasd ingest` into PostgreSQL with 1, 2 and 4 worker processes writing
# into one database at once, against one process into SQLite, over the
# first N articles (default 1000) of SaudiNewsNet (../shared/corpora/
# saudinewsnet, its days in order: the first day holds 2,888), split into
# as many consecutive parts as workers.
# Reports wall time, articles/s and CPU user+system seconds summed over
# the processes (the machine is shared: user time is the steadier figure).
# Starts its own throwaway server (tests/pg_harness.sh) unless RASD_TEST_PG
# names one.
#   bench/ingest-pg.sh [N] [--jobs J]   (J: analysis threads per worker, default 1)
# Skips (exit 0) with a message when the corpus or PostgreSQL is absent.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
n=1000
jobs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --jobs) jobs=$2; shift 2 ;;
    *) n=$1; shift ;;
  esac
done
corpus=$here/../shared/corpora/saudinewsnet
if ! ls "$corpus"/*.zip > /dev/null 2>&1; then echo "bench: SKIP: no corpus at $corpus"; exit 0; fi
[ -x "$build/rasd" ] || { echo "bench: build first ($build/rasd missing)" >&2; exit 2; }
if [ -z "${RASD_TEST_PG:-}" ]; then exec bash "$here/tests/pg_harness.sh" bash "$0" "$n" --jobs "$jobs"; fi
[ -n "${RASD_TEST_PG:-}" ] || { echo "bench: SKIP: no PostgreSQL server"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$corpus" "$tmp" "$n" <<'PY'
import glob, json, sys, zipfile
corpus, tmp, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
arts = []
for path in sorted(glob.glob(corpus + "/*.zip")):
    if len(arts) >= n:
        break
    z = zipfile.ZipFile(path)
    arts += [a for a in json.loads(z.read(z.namelist()[0])) if a.get("content", "").strip()]
arts = arts[:n]
json.dump(arts, open(f"{tmp}/all.json", "w"), ensure_ascii=False)
open(f"{tmp}/n", "w").write(str(len(arts)))
for w in (2, 4):
    q = (len(arts) + w - 1) // w
    for i in range(w):
        json.dump(arts[i * q:(i + 1) * q], open(f"{tmp}/w{w}_{i}.json", "w"), ensure_ascii=False)
PY
n=$(cat "$tmp/n") # (fewer when the corpus holds fewer)

opts=(--quiet --jobs "$jobs")
now() { date +%s.%N; }
# runs "$@" and appends its user and system CPU seconds to $tmp/cpu
# (exit status 1, some input skipped, is no failure here)
timed() { /usr/bin/time -a -o "$tmp/cpu" -f "%U %S" "$@" || [ $? -eq 1 ]; }
report() { # name start end
  cpu=$(awk '{u += $1; s += $2} END {printf "%.1f user + %.1f sys", u, s}' "$tmp/cpu")
  awk -v name="$1" -v t0="$2" -v t1="$3" -v n="$n" -v cpu="$cpu" \
    'BEGIN {printf "%-28s %6.1f s wall  %6.1f articles/s  CPU %s\n", name, t1 - t0, n / (t1 - t0), cpu}'
  : > "$tmp/cpu"
}

echo "bench/ingest-pg.sh: $n articles, $jobs analysis thread(s) per worker, $(nproc) cores"
: > "$tmp/cpu"
t0=$(now)
timed "$build/rasd" ingest "${opts[@]}" --db "$tmp/one.db" "$tmp/all.json" > /dev/null 2>&1
report "SQLite, 1 process" "$t0" "$(now)"
expected=$(sqlite3 "$tmp/one.db" "SELECT count(*) FROM documents" 2>/dev/null ||
           python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM documents').fetchone()[0])" "$tmp/one.db")
for w in 1 2 4; do
  db=bench_w$w
  psql -X -q -d "$RASD_TEST_PG" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" 2>/dev/null
  url="${RASD_TEST_PG%/*}/$db"
  t0=$(now)
  if [ "$w" = 1 ]; then
    timed "$build/rasd" ingest "${opts[@]}" --db "$url" "$tmp/all.json" > /dev/null 2>&1
  else
    pids=()
    for ((i = 0; i < w; i++)); do
      timed "$build/rasd" ingest "${opts[@]}" --db "$url" "$tmp/w${w}_$i.json" > "$tmp/log$i" 2>&1 &
      pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || [ $? -eq 1 ]; done
  fi
  report "PostgreSQL, $w worker(s)" "$t0" "$(now)"
  stored=$(psql -X -q -t -A -d "$url" -c "SELECT count(*) FROM documents")
  [ "$stored" = "$expected" ] || echo "  (stored $stored documents, SQLite $expected)"
done
