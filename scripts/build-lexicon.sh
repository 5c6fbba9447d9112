#!/usr/bin/env bash
# Derives data/lexicon/ar-words.tsv, the word statistics the clitic splitter
# consults, from the SaudiNewsNet corpus in ../shared (or the directory given
# as $1): the title and content of every article, counted by `rasd wordfreq`.
# Run after a build; the output is committed, so users never need the corpus.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$here/../shared/corpora/saudinewsnet}
rasd=${RASD_BIN:-$here/build/rasd}
min_count=${MIN_COUNT:-3}
out=$here/data/lexicon/ar-words.tsv

[ -d "$corpus" ] || { echo "build-lexicon: no corpus at $corpus" >&2; exit 2; }
[ -x "$rasd" ] || { echo "build-lexicon: build rasd first ($rasd)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

bash "$here/scripts/unpack-corpus.sh" "$corpus" "$tmp"
# An empty lexicon lets rasd run while it counts (wordfreq needs no lexicon).
{
  echo "# Word keys and their counts in the titles and bodies of the SaudiNewsNet"
  echo "# corpus (26,743 articles, July-August 2015), words seen at least $min_count times."
  echo "# Derived by scripts/build-lexicon.sh; do not edit by hand."
  "$rasd" wordfreq --min-count "$min_count" "$tmp"/text/*.txt
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "build-lexicon: $(grep -vc '^#' "$out") words -> $out"
