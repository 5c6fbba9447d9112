#!/usr/bin/env bash
# Draws a fixed random sample of the distinct persons and places a store
# holds, each with its mention count and one sentence around its first
# mention, for a reader to judge which are junk (issue 15: "a tagged person
# must look like a person's name"; an adjective is no place). The sample is
# seeded, so the same store gives the same list and a later build can be
# judged on the same footing.
# Usage: bench/entity-sample.sh DB [N_PER_KIND (default 100)] [SEED (default 1)]
#   prints TSV: kind, id, name, documents, a context of ±40 characters
set -euo pipefail
db=${1:?usage: bench/entity-sample.sh DB [N] [SEED]}
n=${2:-100}
seed=${3:-1}
[ -f "$db" ] || { echo "entity-sample: no store at $db" >&2; exit 2; }
python3 - "$db" "$n" "$seed" <<'EOF'
import json, random, sqlite3, sys
db, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)

def context(doc, mentions):
    spans = json.loads(mentions)
    if not spans:
        return ""
    start, end = spans[0][0], spans[0][1]
    text = con.execute("SELECT text FROM documents WHERE id = ?", (doc,)).fetchone()[0]
    raw = text.encode("utf-8")  # mention offsets are bytes of the stored text
    left = raw[max(0, start - 120):start].decode("utf-8", "ignore")[-40:]
    right = raw[end:end + 120].decode("utf-8", "ignore")[:40]
    name = raw[start:end].decode("utf-8", "ignore")
    return (left + "[" + name + "]" + right).replace("\n", " ").replace("\t", " ")

kinds = {
    "person": "SELECT entity, name, COUNT(*), MIN(doc) FROM entities WHERE type = 'person' GROUP BY entity ORDER BY entity",
    "place": "SELECT place, name, COUNT(*), MIN(doc) FROM places GROUP BY place ORDER BY place",
}
rng = random.Random(seed)
for kind, sql in kinds.items():
    rows = con.execute(sql).fetchall()
    pick = rng.sample(rows, min(n, len(rows)))
    print(f"# {kind}: {len(pick)} of {len(rows)} distinct", file=sys.stderr)
    table = "entities" if kind == "person" else "places"
    column = "entity" if kind == "person" else "place"
    for ident, name, docs, doc in sorted(pick):
        m = con.execute(f"SELECT mentions FROM {table} WHERE doc = ? AND {column} = ?", (doc, ident)).fetchone()[0]
        print(f"{kind}\t{ident}\t{name}\t{docs}\t{context(doc, m)}")
EOF
