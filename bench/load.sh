#!/usr/bin/env bash
# bench/load.sh: `rasd serve` under load, route by route. Builds (once) a
# store of the SaudiNewsNet corpus and the seeds with `rasd ingest`, starts
# the server on a free loopback port, and runs wrk with 64 connections
# against every API route in turn (each rotating over a list of real
# requests: searches, the largest stories, articles, actors, filters), then
# prints per route: the first request of each path timed alone (what the
# query costs before the server's answer cache has it: median and max),
# then under load requests, req/s, p50/p95/p99 latency and errors (must be
# zero; the target is p95 under 100 ms). RASD_SERVE_ARGS=--no-cache
# measures the queries alone under load. Last, the slow-connection
# probe: 1,100 connections held open from 127.0.0.1, each with a request
# that never ends, while a client on 127.0.0.2 asks for /api/health; its
# answer must come within 1 s.
#
#   bash bench/load.sh                          # 10 s per route
#   SECONDS_PER_RUN=30 THREADS=4 bash bench/load.sh
#   RASD_BENCH_DB=/tmp/snn-full.db bash bench/load.sh   # reuse a store
#   RASD_BIN=/tmp/rasd-old bash bench/load.sh   # another binary (before/after)
#   ROUTES="actors search" bash bench/load.sh   # some routes only
# Skips with a message when the corpus is absent and no database is given.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${SECONDS_PER_RUN:-10}
threads=${THREADS:-4}
conns=${CONNECTIONS:-64}
db=${RASD_BENCH_DB:-build/bench/snn.db}
bin=${RASD_BIN:-build/rasd}
corpus=../shared/corpora/saudinewsnet
routes=${ROUTES:-"health search stories story article actors actor events quotes outlets static"}
command -v wrk >/dev/null || { echo "load: wrk is missing (bash scripts/install-deps.sh)"; exit 1; }
[ -x "$bin" ] || { echo "load: build rasd first (cmake --build build)"; exit 1; }
if [ ! -f "$db" ]; then
  if [ ! -d "$corpus" ]; then echo "load: skipped: no corpus at $corpus and no database at $db"; exit 0; fi
  mkdir -p "$(dirname "$db")"
  echo "== building $db from $corpus and the seeds (once; several minutes)"
  "$bin" ingest --db "$db" --jobs 2 --quiet "$corpus" ../shared/seeds 2>/dev/null | tail -n 3 || true
fi

work=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# the slow-connection probe needs ~1,200 descriptors here and in the server
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
"$bin" serve --db "$db" --port 0 --threads "$threads" --quiet ${RASD_SERVE_ARGS:-} > "$work/serve.out" 2> "$work/serve.err" &
server_pid=$!
for _ in $(seq 1 300); do grep -q 'http://' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$work/serve.out" | cut -d: -f2)
[ -n "$port" ] || { echo "load: the server did not start:"; cat "$work/serve.err"; exit 1; }
base="http://127.0.0.1:$port"

rss() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }

# The request lists, from the store itself: search words, the largest
# stories, articles, the most named actors, filtered lists.
python3 - "$base" "$work" <<'PY'
import json, sys, urllib.parse, urllib.request
base, work = sys.argv[1], sys.argv[2]
get = lambda p: json.load(urllib.request.urlopen(base + p, timeout=120))
q = urllib.parse.quote
words = ["السعودية", "الرياض", "الملك", "وزير الخارجية", "اليمن", "الحوثيين", "النفط", "داعش", "سوريا",
         "إيران", "الأمم المتحدة", "التحالف", "مكة", "الحج", "الاتفاق النووي", "مجلس الأمن"]
stories = get("/api/stories?limit=50")["items"]
actors = get("/api/actors?limit=20")["items"]
outlets = [o["outlet"] for o in get("/api/outlets?limit=5")["items"] if o["outlet"]]
article_ids = [a["id"] for s in get("/api/stories?limit=10")["items"] for a in
               get("/api/story/%d" % s["id"])["outlets"][0]["articles"]][:50]
days = ["2015-07-21", "2015-07-25", "2015-08-01", "2015-08-03"]
lists = {
    "health": ["/api/health"],
    "search": ["/api/search?q=" + q(w) for w in words] + ["/api/search?q=%s&outlet=%s" % (q(w), q(o))
                                                          for w in words[:4] for o in outlets[:2]],
    "stories": ["/api/stories", "/api/stories?offset=50"] + ["/api/stories?outlet=" + q(o) for o in outlets]
               + ["/api/stories?actor=" + q(a["id"]) for a in actors[:5]],
    "story": ["/api/story/%d" % s["id"] for s in stories],
    "article": ["/api/article/%d" % i for i in article_ids],
    "actors": ["/api/actors", "/api/actors?type=person", "/api/actors?offset=50"]
              + ["/api/actors?outlet=" + q(o) for o in outlets] + ["/api/actors?since=%s&until=%s" % (d, d) for d in days],
    "actor": ["/api/actor/" + q(a["id"]) for a in actors],
    "events": ["/api/events", "/api/events?cameo=19", "/api/events?offset=50"]
              + ["/api/events?actor=" + q(a["id"]) for a in actors[:5]] + ["/api/events?outlet=" + q(o) for o in outlets],
    "quotes": ["/api/quotes", "/api/quotes?offset=50"] + ["/api/quotes?outlet=" + q(o) for o in outlets]
              + ["/api/quotes?speaker=" + q(a["id"]) for a in actors[:5]],
    "outlets": ["/api/outlets", "/api/outlets?since=2015-07-21&until=2015-07-31"],
    "static": ["/", "/static/app.js", "/static/app.css", "/static/map.js"],
}
for name, paths in lists.items():
    with open(f"{work}/{name}.lua", "w") as f:
        f.write("local paths = {" + ",".join(json.dumps(p) for p in paths) + "}\n")
        f.write("local i = 0\nrequest = function()\n  i = i + 1\n"
                "  return wrk.format('GET', paths[(i % #paths) + 1], {['Accept-Encoding'] = 'gzip'})\nend\n")
        f.write("done = function(s, lat, req)\n"
                "  local e = s.errors\n"
                "  io.write(string.format('RESULT %d %.1f %.1f %.1f %.1f %d connect=%d,read=%d,write=%d,status=%d,timeout=%d\\n',"
                " s.requests, s.requests / (s.duration / 1e6),"
                " lat:percentile(50) / 1e3, lat:percentile(95) / 1e3, lat:percentile(99) / 1e3,"
                " e.connect + e.read + e.write + e.status + e.timeout, e.connect, e.read, e.write, e.status, e.timeout))\nend\n")
print(" ".join(f"{k}: {len(v)}" for k, v in lists.items()), "requests in rotation")
# Each request once, one at a time, timed: what the first asker of an
# answer waits (the query itself), before the load runs on answers the
# server may keep (docs/api.md, answer cache).
import time
with open(f"{work}/cold.txt", "w") as out:
    for name, paths in lists.items():
        ms = []
        for p in paths:
            t0 = time.monotonic()
            urllib.request.urlopen(urllib.request.Request(base + p, headers={"Accept-Encoding": "gzip"}), timeout=120).read()
            ms.append((time.monotonic() - t0) * 1000)
        ms.sort()
        out.write(f"{name} {ms[len(ms) // 2]:.1f} {ms[-1]:.1f}\n")
PY

echo "== $bin serve --threads $threads on $db ($(du -h "$db" | cut -f1)); wrk: $conns connections, $secs s per route, gzip"
curl -s "$base/api/health"; echo
echo "RSS before: $(rss) kB"
status=0
echo "first request of each path, one at a time (median, max); then $conns connections for $secs s (p50, p95, p99):"
printf "%-8s %9s %9s %8s %8s %9s %9s %9s %7s  %s\n" route "1st med" "1st max" requests req/s "p50 ms" "p95 ms" "p99 ms" errors verdict
for name in $routes; do
  sleep 2 # the previous route's last requests finish first
  wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s -s "$work/$name.lua" "$base" > "$work/$name.txt" 2>&1 || true
  read -r _ n rps p50 p95 p99 errs kinds < <(grep '^RESULT' "$work/$name.txt" || echo "RESULT 0 0 0 0 0 -1 -")
  verdict=ok
  if [ "$errs" != 0 ] || [ "$n" = 0 ] || awk -v p="$p95" 'BEGIN {exit !(p >= 100)}'; then
    verdict="SLOW-OR-ERRORS"
    [ "$errs" = 0 ] || verdict="$verdict ($kinds)"
    status=1
  fi
  read -r _ c50 cmax < <(grep "^$name " "$work/cold.txt" || echo "$name - -")
  printf "%-8s %9s %9s %8s %8s %9s %9s %9s %7s  %s\n" "$name" "$c50" "$cmax" "$n" "$rps" "$p50" "$p95" "$p99" "$errs" "$verdict"
done
echo "RSS after: $(rss) kB"

# The slow-connection probe.
python3 - "$port" <<'PY' || status=1
import socket, sys, time, urllib.request
port = int(sys.argv[1])
held = []
for _ in range(1100):
    s = socket.socket()
    s.setblocking(True)
    try:
        s.connect(("127.0.0.1", port))
        s.send(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
    except OSError:
        pass
    held.append(s)
t0 = time.monotonic()
probe = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=("127.0.0.2", 0))
probe.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
reply = probe.recv(200)
took = time.monotonic() - t0
ok = reply.startswith(b"HTTP/1.1 200") and took < 1.0
print(f"slow clients: 1100 connections held from 127.0.0.1; a probe from 127.0.0.2 answered "
      f"{reply.split(b' ')[1].decode() if reply else 'nothing'} in {took * 1000:.0f} ms: {'ok' if ok else 'FAILED'}")
for s in held: s.close()
sys.exit(0 if ok else 1)
PY
echo "(machine load average: $(cut -d' ' -f1-3 /proc/loadavg); wall-clock figures share $(nproc) cores with it)"
exit $status
