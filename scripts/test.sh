#!/usr/bin/env bash
# The project's test command (the README's, and .ci/run's). Installs what is
# missing, then builds and tests rasd four ways:
#   1. gcc, optimised: unit tests, CLI bad-input tests, output validation
#   2. clang with AddressSanitizer + UndefinedBehaviorSanitizer: the same tests
#   3. valgrind over analyze, ingest, search and stories on the fixtures
#   4. every libFuzzer target, each for a bounded time
# (the tests include headless-Chromium tests of the web interface)
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
# exit status 99 is valgrind's own (rasd's statuses are 0 to 3, docs/cli.md)
vg() { valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect "$@"; }
vg build/rasd analyze --jobs 2 --tokens tests/fixtures/*.txt examples/*.txt > /dev/null
vgdb=$(mktemp -d)
# the fixtures hold bad files on purpose: status 1 (some input skipped) is right
status=0
vg build/rasd ingest --quiet --jobs 2 --db "$vgdb/v.db" examples/ tests/fixtures/*.txt > /dev/null 2> "$vgdb/err" || status=$?
[ "$status" -le 1 ] || { cat "$vgdb/err"; echo "valgrind: ingest failed ($status)"; exit 1; }
vg build/rasd search --db "$vgdb/v.db" "التحالف" > /dev/null
vg build/rasd stories --db "$vgdb/v.db" > /dev/null
rm -rf "$vgdb"
echo "valgrind: no errors, no leaks (analyze, ingest, search, stories)"

# Every parser and loader has a libFuzzer target (fuzz/CMakeLists.txt). Each
# runs from its own seed files for FUZZ_SECONDS (default 14); each makes
# over a thousand runs a second (a target that needs its own limits, such as
# the whole analysis cut at 128 bytes, sets them in LLVMFuzzerInitialize).
echo "== 4/4 fuzzing"
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRASD_FUZZ=ON -DRASD_TESTS=OFF > /dev/null
targets=(fuzz_text fuzz_analysis fuzz_analysis_rows fuzz_events fuzz_json_reader fuzz_stories_state fuzz_stories fuzz_dedup fuzz_html
         fuzz_feed fuzz_boilerplate fuzz_http fuzz_pg_fts fuzz_analysis_line fuzz_json_compact fuzz_json_array
         fuzz_reader_txt fuzz_zip fuzz_charset fuzz_fetch fuzz_watch_state fuzz_field_map fuzz_loaders)
cmake --build build-fuzz -j"$jobs" --target "${targets[@]}"
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
for t in "${targets[@]}"; do mkdir -p "$seeds/$t"; done
for t in fuzz_text fuzz_analysis fuzz_analysis_rows fuzz_events fuzz_stories_state fuzz_stories fuzz_dedup fuzz_boilerplate; do
  cp tests/fixtures/*.txt examples/*.txt "$seeds/$t"/
done
cp fuzz/corpus_json/* "$seeds/fuzz_json_reader"/
cp tests/fixtures/html/* tests/fixtures/web/*.html "$seeds/fuzz_html"/
cp tests/fixtures/feeds/* tests/fixtures/web/*.xml "$seeds/fuzz_feed"/
cp fuzz/corpus_http/* "$seeds/fuzz_http"/
cp tests/fixtures/*.txt "$seeds/fuzz_pg_fts"/
printf '"دير الزور" OR (قصف AND ريف*) NOT تركيا' > "$seeds/fuzz_pg_fts/query"
build/rasd analyze --no-tagger tests/fixtures/*.txt 2>/dev/null | split -l 1 - "$seeds/fuzz_analysis_line/line" || true
printf '{"a" : 1, "b" : [{"c" : "x \\" y"}, \n {"d" : null}]}' > "$seeds/fuzz_json_compact/answer"
cp fuzz/corpus_reader_txt/* "$seeds/fuzz_reader_txt"/  # a manifest, a NUL, the article's text
for f in fuzz/corpus_json_array/*; do  # byte 0: even, the scanner; odd, the escaper
  { printf '\000'; cat "$f"; } > "$seeds/fuzz_json_array/scan-${f##*/}"
  { printf '\001'; cat "$f"; } > "$seeds/fuzz_json_array/escape-${f##*/}"
done
# zips of the fixtures, charsets, HTTP answers, watch states, --map specs, data files
/usr/bin/python3 fuzz/make_seeds.py "$seeds"
for t in "${targets[@]}"; do
  secs=${FUZZ_SECONDS:-14}
  echo "-- $t for $secs s"
  case "$t" in  # these set a smaller -max_len themselves
    fuzz_analysis|fuzz_analysis_rows|fuzz_stories|fuzz_events|fuzz_html|fuzz_pg_fts) len=() ;;
    *) len=(-max_len=8192) ;;
  esac
  if ! build-fuzz/fuzz/$t -max_total_time="$secs" "${len[@]}" -timeout=10 -print_final_stats=1 \
       "$seeds/$t" > "$seeds/$t.log" 2>&1; then
    tail -n 60 "$seeds/$t.log"
    echo "$t: crash (above)"
    exit 1
  fi
  grep -E "^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)" "$seeds/$t.log" | tr '\n' ' '
  echo
done
echo "fuzz: no crash"
