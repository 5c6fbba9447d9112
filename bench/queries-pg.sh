#!/usr/bin/env bash
# The query layer on SQLite and on PostgreSQL over the same store: the
# first N articles (default 3000) of SaudiNewsNet's first days ingested
# into SQLite, copied into PostgreSQL with rasd migrate, a `rasd serve`
# (one thread) on each, then sixteen API questions (lists with filters,
# a story, an article, an actor, searches with facets, an export) asked
# R times (default 5) of each. Reports each question's median time per
# backend, whether the two answers are the same bytes (search: the same
# hits, facets and totals), and the servers' CPU user time (the machine
# is shared: user time is the steadier figure). docs/store-postgres.md,
# "The query layer".
#   bench/queries-pg.sh [N] [R]
# Starts its own server (tests/pg_harness.sh) unless RASD_TEST_PG names one.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
n=${1:-3000}
reps=${2:-5}
corpus=$here/../shared/corpora/saudinewsnet
if ! ls "$corpus"/*.zip > /dev/null 2>&1; then echo "bench: SKIP: no corpus at $corpus"; exit 0; fi
if [ -z "${RASD_TEST_PG:-}" ]; then exec bash "$here/tests/pg_harness.sh" bash "$0" "$n" "$reps"; fi
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT
python3 - "$corpus" "$tmp" "$n" <<'PY'
import glob, json, sys, zipfile
corpus, tmp, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
arts = []
for path in sorted(glob.glob(corpus + "/*.zip")):
    z = zipfile.ZipFile(path)
    arts += [a for a in json.loads(z.read(z.namelist()[0])) if a.get("content", "").strip()]
    if len(arts) >= n: break
json.dump(arts[:n], open(f"{tmp}/a.json", "w"), ensure_ascii=False)
PY
"$build/rasd" ingest --quiet --jobs 2 --db "$tmp/a.db" "$tmp/a.json" > /dev/null 2>&1 || true
psql -X -q -d "$RASD_TEST_PG" -c "DROP DATABASE IF EXISTS bench_queries WITH (FORCE)" \
  -c "CREATE DATABASE bench_queries" 2>/dev/null
url="${RASD_TEST_PG%/*}/bench_queries"
"$build/rasd" migrate --quiet --from "$tmp/a.db" --to "$url" 2>/dev/null
psql -X -q -d "$url" -c "VACUUM ANALYZE" 2>/dev/null

serve() { # db, name: starts a server, prints its port
  "$build/rasd" serve --db "$1" --port 0 --threads 1 --quiet > "$tmp/$2.out" 2>&1 &
  pids+=($!)
  echo $! > "$tmp/$2.pid"
  for _ in $(seq 100); do grep -q "127.0.0.1:" "$tmp/$2.out" 2>/dev/null && break; sleep 0.1; done
}
serve "$tmp/a.db" lite
serve "$url" pg
python3 - "$tmp" "$reps" <<'PY'
import json, os, re, statistics, sys, time, urllib.parse, urllib.request
tmp, reps = sys.argv[1], int(sys.argv[2])
def port(name):
    return int(re.search(r"127\.0\.0\.1:(\d+)", open(f"{tmp}/{name}.out").read()).group(1))
def cpu(name):  # user seconds of the server process
    pid = open(f"{tmp}/{name}.pid").read().strip()
    return int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[11]) / 100
base = {b: f"http://127.0.0.1:{port(b)}" for b in ("lite", "pg")}
get = lambda b, p: urllib.request.urlopen(base[b] + p, timeout=60).read()
stories = json.loads(get("lite", "/api/stories?limit=5"))["items"]
actors = json.loads(get("lite", "/api/actors?limit=5"))["items"]
outlet = json.loads(get("lite", "/api/outlets"))["items"][0]["outlet"]
q = urllib.parse.quote
paths = [
    "/api/stories", "/api/stories?limit=100&offset=50", f"/api/stories?actor={q(actors[0]['id'])}",
    f"/api/story/{stories[0]['id']}", "/api/article/100", "/api/actors?limit=100",
    f"/api/actors?type=person&outlet={q(outlet)}", f"/api/actor/{q(actors[0]['id'])}",
    "/api/events?limit=100", "/api/events?cameo=1", "/api/quotes?limit=100", "/api/outlets",
    "/api/search?q=" + q("السعودية"), "/api/search?q=" + q('"مجلس الأمن"') + "&outlet=" + q(outlet),
    "/api/search?q=" + q("اليمن OR الحوثي") + "&offset=20", "/api/export?format=csv",
]
def strip(body):  # search: all but the scores' last digits
    d = json.loads(body)
    for it in d.get("items", []):
        it["score"] = round(it["score"], 9)
    return d
def pg_cpu():  # user seconds of the PostgreSQL server's processes, when its directory is known
    sock = os.environ.get("RASD_TEST_PG_SOCKET")
    if not sock: return None
    pm = open(f"{sock}/data/postmaster.pid").readline().strip()
    total = 0
    for d in os.listdir("/proc"):
        if not d.isdigit(): continue
        try: f = open(f"/proc/{d}/stat").read().rsplit(")", 1)[1].split()
        except OSError: continue
        if d == pm or f[1] == pm: total += int(f[11])
    return total / 100
cpu0 = {b: cpu(b) for b in base}
pg0 = pg_cpu()
tot = {"lite": 0.0, "pg": 0.0}
same_bytes = same_search = 0
print(f"{'question':58} {'SQLite':>9} {'PostgreSQL':>11}  same answer")
for p in paths:
    med, body = {}, {}
    for b in base:
        ts = []
        for _ in range(reps):
            t0 = time.perf_counter(); body[b] = get(b, p); ts.append(time.perf_counter() - t0)
        med[b] = statistics.median(ts); tot[b] += sum(ts)
    if p.startswith("/api/search"):
        same = "but score" if strip(body["lite"]) == strip(body["pg"]) else "NO"
        same_search += same != "NO"
    else:
        same = "bytes" if body["lite"] == body["pg"] else "NO"
        same_bytes += same == "bytes"
    print(f"{p[:58]:58} {med['lite'] * 1000:7.1f}ms {med['pg'] * 1000:9.1f}ms  {same}")
pg1 = pg_cpu()
print(f"{len(paths)} questions x {reps}: wall {tot['lite']:.2f} s on SQLite, {tot['pg']:.2f} s on PostgreSQL; "
      f"CPU user: rasd serve {cpu('lite') - cpu0['lite']:.2f} s on SQLite; on PostgreSQL rasd serve "
      f"{cpu('pg') - cpu0['pg']:.2f} s + the PostgreSQL server "
      + (f"{pg1 - pg0:.2f} s" if pg0 is not None else "(not measured: RASD_TEST_PG_SOCKET unset)"))
n_search = sum(1 for p in paths if p.startswith("/api/search"))
print(f"the same bytes: {same_bytes} of {len(paths) - n_search} answers; the same but for the scores' last digits: "
      f"{same_search} of {n_search} searches")
PY
