#!/usr/bin/env bash
# How far search on PostgreSQL agrees with search on SQLite over the same
# store: the first N articles (default 600) of SaudiNewsNet's first day
# ingested into SQLite, copied into PostgreSQL with rasd migrate, then
# fifteen queries on both: the same hit set?, in the same order?, the same
# top hit?, the share of the top 10 in common; and the time spent (docs/store-postgres.md, "Ranking").
#   bench/search-agree-pg.sh [N]
# Starts its own server (tests/pg_harness.sh) unless RASD_TEST_PG names one.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
n=${1:-600}
corpus=$here/../shared/corpora/saudinewsnet
if ! ls "$corpus"/*.zip > /dev/null 2>&1; then echo "bench: SKIP: no corpus at $corpus"; exit 0; fi
if [ -z "${RASD_TEST_PG:-}" ]; then exec bash "$here/tests/pg_harness.sh" bash "$0" "$n"; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$corpus" "$tmp" "$n" <<'PY'
import glob, json, sys, zipfile
corpus, tmp, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
z = zipfile.ZipFile(sorted(glob.glob(corpus + "/*.zip"))[0])
arts = [a for a in json.loads(z.read(z.namelist()[0])) if a.get("content", "").strip()][:n]
json.dump(arts, open(f"{tmp}/a.json", "w"), ensure_ascii=False)
PY
"$build/rasd" ingest --quiet --jobs 2 --db "$tmp/a.db" "$tmp/a.json" > /dev/null 2>&1 || true
psql -X -q -d "$RASD_TEST_PG" -c "DROP DATABASE IF EXISTS agree WITH (FORCE)" -c "CREATE DATABASE agree" 2>/dev/null
url="${RASD_TEST_PG%/*}/agree"
"$build/rasd" migrate --quiet --from "$tmp/a.db" --to "$url" 2>/dev/null
python3 - "$build/rasd" "$tmp/a.db" "$url" <<'PY'
import json, subprocess, sys
rasd, lite, pg = sys.argv[1:4]
qs = ["الرياض", "السعودية", "\"مجلس الأمن\"", "السعودية OR قطر", "اليمن", "الحوثي", "وزير الخارجية", "النفط",
      "داعش", "الهلال", "أمير منطقة", "التعليم", "الأمطار", "إيران", "مكة"]
import time
spent = {lite: 0.0, pg: 0.0}
def hits(db, q, n):
    t0 = time.time()
    out = subprocess.run([rasd, "search", "--db", db, "--limit", str(n), "--jsonl", q],
                         capture_output=True, text=True).stdout
    spent[db] += time.time() - t0
    # an article is the same on both when read from the same place with the same title and date
    return [(d["origin"], d["title"], d["published"]) for d in map(json.loads, filter(str.strip, out.splitlines()))]
same = top1 = order = 0
overlap = 0.0
for q in qs:
    a, b = hits(lite, q, "all"), hits(pg, q, "all")
    a10, b10 = a[:10], b[:10]
    ov = len(set(a10) & set(b10)) / max(1, len(a10))
    same += set(a) == set(b)
    top1 += a10[:1] == b10[:1]
    order += a == b
    overlap += ov
    print(f"  {q:20} {len(a):5} hits (SQLite) {len(b):5} (PostgreSQL)  top-10 in common {ov:.1f}  same top hit {a10[:1] == b10[:1]}")
print(f"{len(qs)} queries: the same hits for {same}, in the same order for {order}, the same top hit for {top1},"
      f" top 10 in common {overlap / len(qs):.2f}")
print(f"wall time of the 30 rasd search runs (process start included): SQLite {spent[lite]:.1f} s, "
      f"PostgreSQL {spent[pg]:.1f} s")
PY
