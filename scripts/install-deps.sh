#!/usr/bin/env bash
# Installs every Debian package rasd needs to build, test, fuzz and benchmark.
# Idempotent: safe to run again. Needs root (or sudo) and Debian 12.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git ca-certificates
  clang libclang-rt-14-dev          # second compiler, ASan/UBSan and libFuzzer runtimes
  libutf8proc-dev                   # Unicode categories and NFKC folding
  libstemmer-dev libstemmer-tools   # Snowball stemmers (Arabic) and the stemwords reference tool
  libjansson-dev                    # JSON reading and writing
  libxxhash-dev                     # document ids (XXH3-128)
  libcmocka-dev                     # unit-test framework
  python3 python3-jsonschema        # validates analyze output against docs/analyze.schema.json
  unzip valgrind time               # benchmarks and memory checks
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
