#!/usr/bin/env bash
# Benchmarks of the text core and of `rasd analyze` on the SaudiNewsNet
# corpus (../shared/corpora/saudinewsnet, or $1), in one run:
#   (a) tokenize + normalize + clitics + stem (bench_text), 1 and 2 threads
#   (b) `rasd analyze`: the text core, actors/people/places alone
#       (--only entities), and everything, --jobs 1 and --jobs 2
#   and, side by side, Snowball's own stemwords over the same Arabic words.
# Reports MB/s, articles/s, words/s and peak RSS. Skips (exit 0) with a
# message when the corpus is absent.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$here/../shared/corpora/saudinewsnet}
build=${BUILD_DIR:-$here/build}
if [ ! -d "$corpus" ]; then
  echo "bench: SKIP: no corpus at $corpus"
  exit 0
fi
for tool in "$build/rasd" "$build/bench/bench_text"; do
  [ -x "$tool" ] || { echo "bench: build first ($tool missing)" >&2; exit 2; }
done
command -v stemwords >/dev/null || { echo "bench: stemwords missing (scripts/install-deps.sh installs it)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "bench: unpacking $corpus"
bash "$here/scripts/unpack-corpus.sh" "$corpus" "$tmp" --per-article
find "$tmp/text" -name '*.txt' | sort > "$tmp/list"

total_mb=$(du -sb "$tmp/text" | awk '{printf "%.1f", $1/1e6}')
echo "bench: corpus text ${total_mb} MB on disk"

# warm the page cache, and dump the Arabic words for stemwords
"$build/bench/bench_text" --files-from "$tmp/list" --dump-words "$tmp/words.txt" > /dev/null
words=$(wc -l < "$tmp/words.txt")
words_mb=$(wc -c < "$tmp/words.txt" | awk '{printf "%.1f", $1/1e6}')

echo
echo "== (a) text core: tokenize + normalize + clitics + stem"
for t in 1 2; do
  "$build/bench/bench_text" --threads "$t" --files-from "$tmp/list"
done

echo
echo "== reference: Snowball stemwords -l arabic over the same $words words ($words_mb MB, one per line)"
start=$(date +%s.%N)
/usr/bin/time -f "stemwords_peak_rss_MB=%M" -o "$tmp/sw.rss" stemwords -l arabic -i "$tmp/words.txt" -o /dev/null
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v w="$words" -v mb="$words_mb" \
  'BEGIN { t = e - s; printf "stemwords seconds=%.3f words_per_s=%.0f MB_per_s=%.1f\n", t, w / t, mb / t }'
awk -F= '{ printf "%s=%.1f\n", $1, $2 / 1024 }' "$tmp/sw.rss"

echo
echo "== knowledge base load"
"$build/rasd" actors > /dev/null 2> "$tmp/kb" && tail -n 1 "$tmp/kb"

echo
echo "== (b) rasd analyze (JSON to /dev/null): text core only, entities only, then everything"
n=$(wc -l < "$tmp/list")
run_analyze() { # label, jobs, extra options
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$tmp/rss" "$build/rasd" analyze --jobs "$2" $3 --files-from "$tmp/list" > /dev/null 2> "$tmp/err" || true
  end=$(date +%s.%N)
  failed=$(grep -c '^rasd: ' "$tmp/err" || true)
  awk -v s="$start" -v e="$end" -v n="$n" -v mb="$total_mb" -v j="$2" -v rss="$(tail -n 1 "$tmp/rss")" -v f="$failed" -v l="$1" \
    'BEGIN { t = e - s; printf "analyze %s jobs=%d articles=%d refused=%d seconds=%.2f MB_per_s=%.1f articles_per_s=%.0f peak_rss_MB=%.1f\n", l, j, n, f, t, mb / t, n / t, rss / 1024 }'
}
run_analyze text-core 1 --no-entities
# actors, people and places alone (issue 3's measure), then everything
run_analyze entities 1 "--only entities"
for j in 1 2; do run_analyze everything "$j" ""; done
