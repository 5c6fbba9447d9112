#!/usr/bin/env bash
# The event coder measured against the analysts' golds in ../shared, in one
# run, so anyone can rerun the figures of docs/events.md:
#   (1) ../shared/data/events-dev/: 52 SaudiNewsNet articles annotated
#       exhaustively (events, quotes, people), each analysed with its
#       publication date from manifest.tsv and scored by score_news.py
#       (events recall, source, precision; recall and precision by CAMEO root);
#   (2) UniversalPetrarch's Arabic PROTEST/ASSAULT gold, its dev half
#       (arabic_gsr_dev.xml), scored by score_upetrarch.py (category recall,
#       source).
# Usage: bench/events-dev.sh [-v]   (-v also prints every miss and false event)
# Skips (exit 0) with a message when ../shared is absent; the scorers are
# the shared ones, never a copy.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${RASD_SHARED:-$here/../shared}
rasd=${BUILD_DIR:-$here/build}/rasd
dev=$shared/data/events-dev
up=$shared/data/upetrarch-ar/arabic_gsr_dev.xml
if [ ! -f "$dev/gold.json" ] || [ ! -f "$shared/tools/score_news.py" ]; then
  echo "events-dev: SKIP: no gold at $dev (../shared is not beside the repository)"
  exit 0
fi
[ -x "$rasd" ] || { echo "events-dev: build first ($rasd missing)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== events-dev: $(tail -n +2 "$dev/manifest.tsv" | wc -l) articles"
tail -n +2 "$dev/manifest.tsv" | while IFS=$'\t' read -r f _outlet _dateline published _how; do
  "$rasd" analyze --published "$published" "$dev/$f"
done > "$tmp/dev.jsonl"
python3 "$shared/tools/score_news.py" "$dev/gold.json" "$tmp/dev.jsonl" "${1:-}" | tee "$tmp/score.txt" |
  { if [ "${1:-}" = -v ]; then cat; else head -8; fi; }

# Recall and precision by CAMEO root, with the scorer's own matching rule
# (same sentence or overlapping trigger, same root).
python3 - "$shared/tools/score_news.py" "$dev/gold.json" "$tmp/dev.jsonl" <<'EOF'
import collections, sys
scorer, gold_path, out_path = sys.argv[1:]
sys.argv = ["score_news.py", gold_path, out_path]
src = open(scorer, encoding="utf-8").read().split("# events")[0]
ns = {}
exec(compile(src, scorer, "exec"), ns)  # the scorer's reading and matching helpers, unchanged
gold, docs = ns["gold"], ns["docs"]
files = {a["file"] for a in gold["articles"]}
sys_ev = {f: [e for e in (docs.get(f) or {}).get("events") or [] if str(e.get("cameo") or "")[:2] not in ("", "01")]
          for f in files}
def place(d, e, g):
    ts, _ = ns["trig_span"](d, g)
    if ts is None:
        return False
    et = tuple(e["trigger"]["span"])
    a, b = ns["sys_sentence"](d, ts[0]), ns["sys_sentence"](d, et[0])
    return ns["ov"](et, ts) or (a is not None and a == b)
tot, hit, coded, right = (collections.Counter() for _ in range(4))
for g in gold["events"]:
    if g.get("negated"):
        continue
    d = docs.get(g["file"]) or {"text": ""}
    tot[g["cameo_root"]] += 1
    hit[g["cameo_root"]] += any(place(d, e, g) and e["cameo"][:2] == g["cameo_root"] for e in sys_ev[g["file"]])
for f, evs in sys_ev.items():
    d = docs.get(f) or {"text": ""}
    for e in evs:
        coded[e["cameo"][:2]] += 1
        right[e["cameo"][:2]] += any(g["file"] == f and g["cameo_root"] == e["cameo"][:2] and place(d, e, g)
                                     for g in gold["events"])
print("root  gold  recall  coded  precision")
for r in sorted(set(tot) | set(coded)):
    rec = f"{hit[r] / tot[r]:.2f}" if tot[r] else "   -"
    pre = f"{right[r] / coded[r]:.2f}" if coded[r] else "   -"
    print(f"  {r}  {tot[r]:4}  {rec:>6}  {coded[r]:5}  {pre:>9}")
EOF

echo
if [ -f "$up" ] && [ -f "$shared/tools/score_upetrarch.py" ]; then
  echo "== UniversalPetrarch Arabic gold, dev half"
  python3 "$shared/tools/score_upetrarch.py" "$up" "$rasd" --half dev
else
  echo "== UniversalPetrarch: SKIP: no $up"
fi
