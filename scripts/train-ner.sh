#!/usr/bin/env bash
# Rebuilds the name tagger's data in one command (docs/ner.md):
#   1. unpacks the SaudiNewsNet corpus (../shared/corpora/saudinewsnet, or
#      $CORPUS) into plain text, as scripts/build-lexicon.sh does;
#   2. learns word clusters from it -> data/ner/clusters.tsv
#      (skipped with --model-only, which reuses the clusters already there);
#   3. derives the tagger's own name lists from ANERcorp's gazetteers
#      (scripts/ner-lists.py -> data/ner/lists/anergazet.tsv);
#   4. trains the tagger on ANERcorp (../shared/data/anercorp/train.txt, or
#      $TRAIN) with the clusters, the name lists of data/kb, data/gazetteer
#      and data/ner/lists as they are now, and tag profiles from the same
#      corpus -> data/ner/model.bin. The dev figure of docs/ner.md is the
#      last tenth of the file, one contiguous block (--dev-every 10
#      --dev-block 407: no article on both sides); the shipped model is
#      then trained on all of it (--dev-every 0), with the epochs chosen there.
# Run it after a build, and again whenever the name lists change a lot.
# Takes about a minute on two cores. Extra arguments go to `rasd train-ner`
# (for instance --dev-every 10 --dev-block 407 to see the dev scores).
# The tagger is trained with a wrong tag's cost of 20 (rasd's own default
# is 10): docs/ner.md round 5 measured it at +0.75 over ten tenths and
# three seeds. `--cost 10` among the extra arguments overrides it (the
# last --cost given wins) and reproduces the model shipped before.
# Without ../shared (the corpus and ANERcorp live there) it skips, exit 0.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CORPUS:-$here/../shared/corpora/saudinewsnet}
train=${TRAIN:-$here/../shared/data/anercorp/train.txt}
rasd=${RASD_BIN:-$here/build/rasd}
out=$here/data/ner
threads=$(nproc)

model_only=false
if [ "${1:-}" = "--model-only" ]; then
  model_only=true
  shift
fi

[ -x "$rasd" ] || { echo "train-ner: build rasd first ($rasd)" >&2; exit 2; }
if [ ! -d "$corpus" ] || [ ! -f "$train" ]; then
  echo "train-ner: SKIP: no corpus at $corpus or no training data at $train (../shared is not beside the repository)"
  exit 0
fi
if $model_only && [ ! -f "$out/clusters.tsv" ]; then
  echo "train-ner: --model-only needs $out/clusters.tsv (run without it once)" >&2
  exit 2
fi
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)

echo "train-ner: unpacking $corpus"
bash "$(dirname "$0")/unpack-corpus.sh" "$corpus" "$tmp"

if ! $model_only; then
  echo "train-ner: word clusters -> $out/clusters.tsv"
  "$rasd" train-ner --make-clusters "$out/clusters.tsv" --threads "$threads" "$tmp"/text/*.txt
fi

mkdir -p "$out/lists"
python3 "$(dirname "$0")/ner-lists.py" "$(dirname "$train")" "$out/lists/anergazet.tsv"

echo "train-ner: the tagger -> $out/model.bin"
"$rasd" train-ner --train "$train" --clusters "$out/clusters.tsv" --corpus "$tmp/text" \
  --threads "$threads" --out "$out/model.bin" --dev-every 0 --epochs 8 --cost 20 "$@"
echo "train-ner: done in $(( $(date +%s) - start )) s"
