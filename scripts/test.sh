#!/usr/bin/env bash
# The project's test command (the README's, and .ci/run's). Installs what is
# missing, then builds and tests rasd four ways:
#   1. gcc, optimised: unit tests, CLI bad-input tests, output validation
#   2. clang with AddressSanitizer + UndefinedBehaviorSanitizer: the same tests
#   3. valgrind over `rasd analyze --jobs 2` on the fixtures
#   4. the libFuzzer target, for FUZZ_SECONDS (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs=$(nproc)

echo "== 0/4 data checks (knowledge base, gazetteer, event and framing lexicons)"
/usr/bin/python3 scripts/check-kb.py
/usr/bin/python3 scripts/check-gazetteer.py
/usr/bin/python3 scripts/check-events.py && echo "check-events: no problems"

echo "== 1/4 gcc build and tests"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure

echo "== 2/4 clang + ASan + UBSan build and tests"
CC=clang cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DRASD_SANITIZE=ON > /dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure

echo "== 3/4 valgrind"
valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
  build/rasd analyze --jobs 2 --tokens tests/fixtures/*.txt examples/*.txt > /dev/null
echo "valgrind: no errors, no leaks"

echo "== 4/4 fuzzing for ${FUZZ_SECONDS:-60} s"
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRASD_FUZZ=ON -DRASD_TESTS=OFF > /dev/null
cmake --build build-fuzz -j"$jobs" --target fuzz_text fuzz_events fuzz_html fuzz_feed fuzz_boilerplate
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
cp tests/fixtures/*.txt examples/*.txt "$corpus"/
build-fuzz/fuzz/fuzz_text -max_total_time="${FUZZ_SECONDS:-60}" -max_len=8192 -timeout=10 \
  -print_final_stats=1 "$corpus" 2>&1 | tail -n 12
# the event coder's dictionary reader and articles (fuzz/fuzz_events.c)
build-fuzz/fuzz/fuzz_events -max_total_time="${FUZZ_EVENTS_SECONDS:-20}" -max_len=8192 -timeout=10 \
  -print_final_stats=1 "$corpus" 2>&1 | tail -n 3
# The web readers (docs/ingest-formats.md), FUZZ_WEB_SECONDS each (default 20),
# each from its own fixtures.
mkdir "$corpus/html" "$corpus/feed" "$corpus/boilerplate"
cp tests/fixtures/html/* tests/fixtures/web/*.html "$corpus/html"/
cp tests/fixtures/feeds/* tests/fixtures/web/*.xml "$corpus/feed"/
cp tests/fixtures/*.txt "$corpus/boilerplate"/
for t in html feed boilerplate; do
  build-fuzz/fuzz/fuzz_$t -max_total_time="${FUZZ_WEB_SECONDS:-20}" -max_len=8192 -timeout=10 \
    -print_final_stats=1 "$corpus/$t" 2>&1 | tail -n 3
done
echo "fuzz: no crash"
# The JSON and JSON Lines article readers (fuzz/fuzz_json_reader.c).
cmake --build build-fuzz -j"$jobs" --target fuzz_json_reader
json_corpus=$(mktemp -d)
trap 'rm -rf "$corpus" "$json_corpus"' EXIT
cp fuzz/corpus_json/* "$json_corpus"/
build-fuzz/fuzz/fuzz_json_reader -max_total_time="${FUZZ_JSON_SECONDS:-30}" -max_len=4096 -timeout=10 \
  -print_final_stats=1 "$json_corpus" 2>&1 | tail -n 12
echo "fuzz_json_reader: no crash"
# The story-state loader and the duplicate and story code on any text.
cmake --build build-fuzz -j"$jobs" --target fuzz_stories_state
mkdir "$corpus/stories" && cp tests/fixtures/*.txt "$corpus/stories"/
build-fuzz/fuzz/fuzz_stories_state -max_total_time="${FUZZ_STORIES_SECONDS:-20}" -max_len=4096 -timeout=10 \
  -print_final_stats=1 "$corpus/stories" 2>&1 | tail -n 3
echo "fuzz (story state): no crash"
# The PostgreSQL store's query reader, tsvectors and snippets (fuzz/fuzz_pg_fts.c).
cmake --build build-fuzz -j"$jobs" --target fuzz_pg_fts
mkdir "$corpus/pg_fts" && cp tests/fixtures/*.txt "$corpus/pg_fts"/
printf '"دير الزور" OR (قصف AND ريف*) NOT تركيا' > "$corpus/pg_fts/query"
build-fuzz/fuzz/fuzz_pg_fts -max_total_time="${FUZZ_PG_SECONDS:-20}" -max_len=2048 -timeout=10 \
  -print_final_stats=1 "$corpus/pg_fts" 2>&1 | tail -n 3
echo "fuzz (PostgreSQL full-text literals): no crash"
# rasd analyze lines read back by rasd ingest --from-jsonl (fuzz/fuzz_analysis_line.c).
cmake --build build-fuzz -j"$jobs" --target fuzz_analysis_line
mkdir "$corpus/analysis_line"
build/rasd analyze --no-tagger tests/fixtures/*.txt 2>/dev/null | split -l 1 - "$corpus/analysis_line/line"
build-fuzz/fuzz/fuzz_analysis_line -max_total_time="${FUZZ_PG_SECONDS:-20}" -max_len=65536 -timeout=10 \
  -print_final_stats=1 "$corpus/analysis_line" 2>&1 | tail -n 3
echo "fuzz (analysis lines): no crash"
