#!/usr/bin/env bash
# `rasd ingest` of the SaudiNewsNet corpus (../shared/corpora/saudinewsnet,
# or $1: any files, directories or zips) into a fresh database, then the
# search latency on it (bench_search). Reports articles/s end to end, MB/s
# of article text, CPU time (all threads, and the reader/writer thread),
# peak RSS, database size and exact-duplicate groups. In the same run, the
# same zips are loaded into a bare SQLite FTS5 store (bench_fts_load: no
# analysis, duplicates or stories) and the ratio of the two rates is printed.
#   bench/ingest.sh [CORPUS] [--jobs N] [--keep DB]
# Skips (exit 0) with a message when the corpus is absent.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
corpus=$here/../shared/corpora/saudinewsnet
jobs=2
keep=
while [ $# -gt 0 ]; do
  case "$1" in
    --jobs) jobs=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) corpus=$1; shift ;;
  esac
done
if [ ! -e "$corpus" ]; then
  echo "bench: SKIP: no corpus at $corpus"
  exit 0
fi
command -v sqlite3 > /dev/null || { echo "bench: the sqlite3 command is missing (apt-get install sqlite3)" >&2; exit 2; }
for tool in "$build/rasd" "$build/bench/bench_search" "$build/bench/bench_fts_load"; do
  [ -x "$tool" ] || { echo "bench: build first ($tool missing)" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=${keep:-$tmp/bench.db}
rm -f "$db" "$db-wal" "$db-shm"
input_mb=$(du -sbL "$corpus" | awk '{printf "%.1f", $1/1e6}')
echo "bench: rasd ingest --jobs $jobs of $corpus ($input_mb MB on disk) into $db"
status=0
/usr/bin/time -f '%e %U %S %M' -o "$tmp/time" \
  "$build/rasd" ingest --quiet --db "$db" --jobs "$jobs" "$corpus" 2> "$tmp/log" || status=$?
[ "$status" -le 1 ] || { cat "$tmp/log" >&2; exit "$status"; }
grep -v '^rasd: skipped' "$tmp/log"
# GNU time puts "Command exited with non-zero status 1" first when it did
read -r wall user sys rss < <(tail -n 1 "$tmp/time")
read -r n_read n_stored < <(awk '/^rasd ingest:/ {print $3, $5}' "$tmp/log" | tr -d ',')
text_mb=$(sqlite3 "$db" "SELECT printf('%.1f', sum(length(CAST(text AS BLOB)))/1e6) FROM documents")
groups=$(sqlite3 "$db" "SELECT count(DISTINCT duplicate_of) FROM documents WHERE dup_kind = 'exact'")
db_mb=$(du -cb "$db"* | tail -1 | awk '{printf "%.1f", $1/1e6}')
echo
awk -v r="$n_read" -v s="$n_stored" -v w="$wall" -v u="$user" -v y="$sys" -v m="$rss" -v t="$text_mb" \
    -v d="$db_mb" -v g="$groups" 'BEGIN {
  printf "ingest: %d articles read, %d stored in %.1f s: %.0f articles/s, %.2f MB/s of text (%.1f MB)\n", r, s, w, r/w, t/w, t
  printf "ingest: CPU %.1f s user + %.1f s system (%.2f ms per article), peak RSS %.0f MB\n", u, y, 1000*(u+y)/r, m/1024
  printf "ingest: database %.1f MB (%.0f bytes per article), %d exact-duplicate groups\n", d, d*1e6/s, g
}'
# The bare FTS5 floor over the same zips (only zips: that loader reads the
# SaudiNewsNet layout and nothing else).
mapfile -t zips < <(find -L "$corpus" -name '*.zip' -type f | sort)
if [ "${#zips[@]}" -gt 0 ]; then
  echo
  bare=$("$build/bench/bench_fts_load" "$tmp/bare.db" "${zips[@]}")
  echo "$bare"
  read -r bare_n bare_wall bare_cpu < <(awk '{print $2, $5, $10}' <<< "$bare")
  awk -v r="$n_read" -v w="$wall" -v u="$user" -v y="$sys" -v bn="$bare_n" -v bw="$bare_wall" -v bc="$bare_cpu" 'BEGIN {
    printf "ingest/bare-fts5: %.2fx the articles/s (wall), %.1fx the CPU per article\n", (r/w)/(bn/bw), ((u+y)/r)/(bc/bn)
  }'
fi
echo
"$build/bench/bench_search" --rounds 10 "$db" | tail -2
