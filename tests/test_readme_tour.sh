#!/usr/bin/env bash
# test_readme_tour.sh SOURCE_DIR BUILD_DIR: runs the commands of README.md's
# tour (between <!-- tour: begin --> and <!-- tour: end -->) in order, as a
# reader would from the repository's root, and fails on the first one that
# does not exit 0 (a pipeline fails when any of its commands does). It runs
# in a scratch directory where build/ and examples/ point at the real ones,
# so the files the tour writes (news.db, out.jsonl, ...) go nowhere else.
set -u
src=$1 bld=$2
tmp=$(mktemp -d /tmp/rasd-tour-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
ln -s "$bld" "$tmp/build"
ln -s "$src/examples" "$tmp/examples"
block=$(sed -n '/<!-- tour: begin -->/,/<!-- tour: end -->/p' "$src/README.md" | grep -v '^<!--\|^```')
if [ "$(printf '%s\n' "$block" | grep -c 'build/rasd')" -lt 20 ]; then
    echo "README.md: the tour's markers or commands are missing" >&2
    exit 1
fi
# every file the tour names under examples/ exists
for f in $(printf '%s\n' "$block" | grep -o 'examples/[A-Za-z0-9._-]*' | sort -u); do
    [ -e "$src/$f" ] || { echo "README.md's tour names $f, which does not exist" >&2; exit 1; }
done
cd "$tmp" || exit 1
script="set -e -o pipefail
trap 'echo \"README tour: this command failed (status \$?): \$BASH_COMMAND\" >&2' ERR
$block"
if ! bash -c "$script" > "$tmp/out" 2> "$tmp/err"; then
    tail -n 20 "$tmp/err" >&2
    exit 1
fi
# what the store part answers: the articles of examples/ are found
grep -q 'الفرات' "$tmp/out" || { echo "README tour: search found nothing" >&2; exit 1; }
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["total"] >= 1 and d["items"], d' "$tmp/hits.json" || exit 1
python3 -c 'import csv,sys; rows=list(csv.reader(open(sys.argv[1], newline=""))); assert len(rows) > 1 and len({len(r) for r in rows}) == 1' "$tmp/events.csv" || exit 1
echo "README tour: $(printf '%s\n' "$block" | grep -c '^[^#]*build/rasd') commands ran"
