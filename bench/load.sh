#!/usr/bin/env bash
# bench/load.sh: `rasd serve` under load. Builds (once) a store of the
# SaudiNewsNet corpus with `rasd ingest`, starts the server on a free
# loopback port, and runs wrk with 64 connections against the search and
# story endpoints (rotating over queries and the 50 largest stories), then
# reports requests/s, latency percentiles (p99), errors (must be zero), the
# server's CPU time, and its RSS before and after (memory must stay flat).
#
#   bash bench/load.sh                 # 30 s per endpoint
#   SECONDS_PER_RUN=10 THREADS=4 bash bench/load.sh
#   RASD_BENCH_DB=/tmp/snn.db bash bench/load.sh
# Skips with a message when the corpus is absent and no database is given.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${SECONDS_PER_RUN:-30}
threads=${THREADS:-4}
conns=${CONNECTIONS:-64}
db=${RASD_BENCH_DB:-build/bench/snn.db}
corpus=../shared/corpora/saudinewsnet
command -v wrk >/dev/null || { echo "load: wrk is missing (bash scripts/install-deps.sh)"; exit 1; }
[ -x build/rasd ] || { echo "load: build rasd first (cmake --build build)"; exit 1; }
if [ ! -f "$db" ]; then
  if [ ! -d "$corpus" ]; then echo "load: skipped: no corpus at $corpus and no database at $db"; exit 0; fi
  mkdir -p "$(dirname "$db")"
  echo "== building $db from $corpus (once)"
  build/rasd ingest --db "$db" --quiet "$corpus" 2>/dev/null | tail -n 3 || true
fi

work=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

build/rasd serve --db "$db" --port 0 --threads "$threads" --quiet > "$work/serve.out" 2> "$work/serve.err" &
server_pid=$!
for _ in $(seq 1 100); do grep -q 'http://' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$work/serve.out" | cut -d: -f2)
[ -n "$port" ] || { echo "load: the server did not start:"; cat "$work/serve.err"; exit 1; }
base="http://127.0.0.1:$port"

rss() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }
ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
hz=$(getconf CLK_TCK)

# The request lists: search words, and the largest stories' ids.
python3 - "$base" "$work" <<'PY'
import json, sys, urllib.parse, urllib.request
base, work = sys.argv[1], sys.argv[2]
words = ["السعودية", "الرياض", "الملك", "وزير الخارجية", "اليمن", "الحوثيين", "النفط", "داعش", "سوريا",
         "إيران", "الأمم المتحدة", "التحالف", "مكة", "الحج", "الاتفاق النووي", "مجلس الأمن"]
stories = json.load(urllib.request.urlopen(base + "/api/stories?limit=50"))["items"]
lists = {
    "search": ["/api/search?q=" + urllib.parse.quote(w) for w in words],
    "story": ["/api/story/%d" % s["id"] for s in stories],
}
for name, paths in lists.items():
    with open(f"{work}/{name}.lua", "w") as f:
        f.write("local paths = {" + ",".join(json.dumps(p) for p in paths) + "}\n")
        f.write("local i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n")
print(f"{len(lists['search'])} searches, {len(lists['story'])} stories")
PY

echo "== rasd serve --threads $threads on $db ($(du -h "$db" | cut -f1)); wrk: $conns connections, $secs s per run"
curl -s "$base/api/health"; echo
# warm the page cache once, then measure
wrk -t2 -c8 -d3s -s "$work/search.lua" "$base" > /dev/null
echo "RSS before: $(rss) kB"
status=0
# each endpoint twice: the second round shows whether memory stays flat
for name in search story search story; do
  t0=$(ticks)
  wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s --latency -s "$work/$name.lua" "$base" > "$work/$name.txt"
  t1=$(ticks)
  n=$(awk '/requests in/ {print $1}' "$work/$name.txt")
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/$name.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/$name.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/$name.txt")
  errors=$(grep -E "Non-2xx|Socket errors" "$work/$name.txt" || true)
  cpu_ms=$(awk -v t="$((t1 - t0))" -v hz="$hz" -v n="$n" 'BEGIN {printf "%.1f", n ? t * 1000 / hz / n : 0}')
  printf "%-7s %6s requests  %8s req/s  p50 %8s  p99 %8s  server CPU %6s ms/request  RSS %s kB  errors: %s\n" \
    "$name" "$n" "$rps" "$p50" "$p99" "$cpu_ms" "$(rss)" "${errors:-none}"
  [ -z "$errors" ] || status=1
done
echo "(machine load average: $(cut -d' ' -f1-3 /proc/loadavg); wall-clock figures share $(nproc) cores with it)"
exit $status
