#!/usr/bin/env bash
# The first command for a new user: installs the Debian packages rasd needs,
# builds it, and runs the main job (`rasd analyze`) on the example articles.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build -j"$(nproc)"
echo
echo "== build/rasd analyze examples/*.txt  (one JSON line per article; first 300 bytes of each shown)"
build/rasd analyze --published 2024-03-05 --source examples examples/*.txt | cut -c1-300
echo
echo "== build/rasd words: how rasd reads a phrase"
build/rasd words "وقال المتحدث باسم التحالف إن قسد والعشائر اتفقتا"
