#!/usr/bin/env bash
# bench/load.sh: `rasd serve` route by route, cold and warm. Builds (once) a
# store of the SaudiNewsNet corpus and the seeds with `rasd ingest`, then:
#  - cold: a server started with --no-cache answers every request of every
#    route once, one at a time. bench/load_paths.py writes the requests
#    from the store itself: hundreds of distinct ones, every filter of
#    every route, so each answer is computed by its query. Printed: their
#    p50/p95/p99, and the server's CPU time per request (which the
#    machine's load does not inflate, as it does wall-clock times);
#  - warm: a server with its answer cache, every request asked once, then
#    wrk with 64 connections on each route in turn, rotating over the same
#    requests: requests, req/s, p50/p95/p99 and errors (must be zero).
# The target is p95 under 100 ms for each route, cold and warm.
# RASD_SERVE_ARGS=--no-cache runs the warm part without the cache too
# (every answer computed, under load). Last, the slow-connection probe:
# 1,100 connections held open from 127.0.0.1, each with a request that
# never ends, while a client on 127.0.0.2 asks for /api/health; its answer
# must come within 1 s.
#
#   bash bench/load.sh                          # 10 s per route
#   SECONDS_PER_RUN=30 THREADS=4 bash bench/load.sh
#   RASD_BENCH_DB=/tmp/snn-full.db bash bench/load.sh   # reuse a store
#   RASD_BIN=/tmp/rasd-old bash bench/load.sh   # another binary (before/after)
#   ROUTES="actors search" bash bench/load.sh   # some routes only
# Skips with a message when the corpus is absent and no database is given.
# A store older than the binary is brought up to date when the first
# server opens it (schema steps), so RASD_BIN=old on a store a newer rasd
# opened fails: keep a copy for each.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${SECONDS_PER_RUN:-10}
threads=${THREADS:-4}
conns=${CONNECTIONS:-64}
db=${RASD_BENCH_DB:-build/bench/snn.db}
bin=${RASD_BIN:-build/rasd}
corpus=../shared/corpora/saudinewsnet
routes=${ROUTES:-"health search stories story article actors actor events quotes outlets timeline places names static"}
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
start_server() { # rasd serve with these extra arguments, on a free port
  rm -f "$work/serve.out"
  "$bin" serve --db "$db" --port 0 --threads "$threads" --quiet "$@" > "$work/serve.out" 2> "$work/serve.err" &
  server_pid=$!
  for _ in $(seq 1 3000); do grep -q 'http://' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
  port=$(grep -o '127.0.0.1:[0-9]*' "$work/serve.out" | cut -d: -f2)
  [ -n "$port" ] || { echo "load: the server did not start:"; cat "$work/serve.err"; exit 1; }
  base="http://127.0.0.1:$port"
}
stop_server() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; }
# the serving connections map the store's file (PRAGMA mmap_size): its
# pages are the system's file cache, counted in RSS once per connection
# that touched them, so the server's own memory is said apart
rss() { awk '/^VmRSS/ {r = $2} /^RssAnon/ {a = $2} END {print r " kB (own memory " a " kB, the rest mapped store file)"}' "/proc/$server_pid/status"; }

# Cold: every request once, one at a time, on a server that keeps no
# answers; each route's wrk script rotates over the same requests.
start_server --no-cache
python3 bench/load_paths.py "$base" "$work"
python3 - "$base" "$work" "$server_pid" $routes <<'PY'
import json, os, sys, time, urllib.request
base, work, pid, routes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
def cpu_ms():  # the server's user and system time so far
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) * 1000 / os.sysconf("SC_CLK_TCK")
with open(f"{work}/cold.txt", "w") as out:
    for name in routes:
        paths = open(f"{work}/{name}.paths").read().split()
        ms, c0 = [], cpu_ms()
        for p in paths:
            t0 = time.monotonic()
            urllib.request.urlopen(urllib.request.Request(base + p, headers={"Accept-Encoding": "gzip"}),
                                   timeout=120).read()
            ms.append((time.monotonic() - t0) * 1000)
        cpu = (cpu_ms() - c0) / len(ms)
        ms.sort()
        pc = lambda f: ms[min(len(ms) - 1, int(f * len(ms)))]
        out.write(f"{name} {len(ms)} {pc(.5):.1f} {pc(.95):.1f} {pc(.99):.1f} {cpu:.1f}\n")
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
PY
stop_server

# Warm: the server as it runs, under wrk, once it has computed each
# answer (asked once, four at a time): the cold answers are measured
# above, and under load they would measure how many a busy machine can
# compute in the run's first seconds, not what a client waits.
start_server ${RASD_SERVE_ARGS:-}
python3 - "$base" "$work" $routes <<'PY'
import sys, urllib.request
from concurrent.futures import ThreadPoolExecutor
base, work, routes = sys.argv[1], sys.argv[2], sys.argv[3:]
paths = [p for r in routes for p in open(f"{work}/{r}.paths").read().split()]
def ask(p):
    try:
        urllib.request.urlopen(base + p, timeout=300).read()
        return None
    except Exception as e:  # said, not fatal: the load run counts the errors
        return f"{p}: {e}"
with ThreadPoolExecutor(4) as pool:
    failed = [f for f in pool.map(ask, paths) if f]
if failed:
    print(f"warming: {len(failed)} of {len(paths)} requests failed, the first: {failed[0]}")
PY
echo "== $bin serve --threads $threads on $db ($(du -h "$db" | cut -f1)); wrk: $conns connections, $secs s per route, gzip"
curl -s "$base/api/health"; echo
echo "RSS before: $(rss)"
status=0
echo "cold: each request once, one at a time, --no-cache: n, p50/p95/p99 ms, server CPU ms per request"
echo "warm: each request asked once, then $conns connections for $secs s over them, ${RASD_SERVE_ARGS:-cache on}: p50/p95/p99 ms"
printf "%-8s %4s %8s %8s %8s %7s | %8s %8s %8s %8s %8s %6s  %s\n" route n "cold p50" "cold p95" "cold p99" "cpu/req" \
  requests req/s "p50" "p95" "p99" errors verdict
for name in $routes; do
  # the previous route's connections gone first (up to 60 s): the server
  # answers each request even when wrk has left, and a connection over
  # the per-client cap (--max-per-client) is closed at once, counted here
  # as an error of the next route
  for _ in $(seq 1 120); do
    [ "$(ss -Htn state established "( dport = :$port )" 2>/dev/null | wc -l)" = 0 ] && break
    sleep 0.5
  done
  sleep 1
  wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s -s "$work/$name.lua" "$base" > "$work/$name.txt" 2>&1 || true
  read -r _ n rps p50 p95 p99 errs kinds < <(grep '^RESULT' "$work/$name.txt" || echo "RESULT 0 0 0 0 0 -1 -")
  read -r _ cn c50 c95 c99 ccpu < <(grep "^$name " "$work/cold.txt" || echo "$name - - - - -")
  verdict=ok
  if [ "$errs" != 0 ] || [ "$n" = 0 ] || awk -v p="$p95" -v c="$c95" 'BEGIN {exit !(p >= 100 || c >= 100)}'; then
    verdict="SLOW-OR-ERRORS"
    [ "$errs" = 0 ] || verdict="$verdict ($kinds)"
    status=1
  fi
  printf "%-8s %4s %8s %8s %8s %7s | %8s %8s %8s %8s %8s %6s  %s\n" "$name" "$cn" "$c50" "$c95" "$c99" "$ccpu" \
    "$n" "$rps" "$p50" "$p95" "$p99" "$errs" "$verdict"
done
echo "RSS after: $(rss)"

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
