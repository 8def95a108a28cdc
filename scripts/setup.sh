#!/bin/bash
# One script for every set-up: the README's two commands, CI (.ci/run) and the Dockerfile call it.
#
#   scripts/setup.sh deps    install what is missing (Debian 12 packages; run as root)
#   scripts/setup.sh build   deps, then configure and build into build/
#   scripts/setup.sh run     build, then start the server (flags after "run" go to `serve`)
#   scripts/setup.sh test    build, then every test: unit and integration (CTest), the eval
#                            thresholds on the project's question sets, the browser tests; then
#                            the unit and integration tests again under AddressSanitizer and
#                            UBSan (build-asan/), and a short run of each fuzzer (build-fuzz/)
#   scripts/setup.sh bench-deps  install what scripts/scale-bench.sh needs besides the build
set -euo pipefail
cd "$(dirname "$0")/.."

# Build and run-time libraries, all from Debian 12 (Boost 1.81: the default 1.74 has no Boost.JSON;
# md4c, libxml2 and poppler read the corpus's Markdown, HTML and PDF files).
BUILD_PACKAGES=(g++ cmake make pkg-config git ca-certificates
  libboost1.81-dev libboost-json1.81-dev libboost-program-options1.81-dev libboost-system1.81-dev libboost-url1.81-dev
  libre2-dev libsqlite3-dev libssl-dev libsodium-dev libedit-dev zlib1g-dev catch2 libbenchmark-dev
  libhiredis-dev libjemalloc-dev libmd4c-dev libxml2-dev libpoppler-cpp-dev wamerican)
# Only the tests need these: a browser for the widget's end-to-end tests, node to drive it, a
# redis-server the conversation-store tests start on a loopback port of their own, PyYAML for
# the deploy lint (tests/deploy) and jsonschema for the answer contract's tests (tests/contract),
# which report themselves skipped without them; clang and its libFuzzer for the fuzzers (tests/fuzz).
TEST_PACKAGES=(chromium python3 python3-yaml python3-jsonschema openssl redis-server clang libfuzzer-14-dev)
# Only the benchmarks (scripts/scale-bench.sh, instructions.sh, transport-ratio.sh) need these: their timers,
# probes and load client (wrk), and the man pages the scale corpus is made of, which scripts/man-corpus.sh
# names (with mandoc, which renders them).
BENCH_PACKAGES=(hyperfine valgrind time curl jq wrk)

missing_packages() {
  local package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || printf ' %s' "$package"
  done
}

install_packages() {
  local missing
  missing=$(missing_packages "$@")
  command -v node >/dev/null 2>&1 || missing="$missing nodejs npm"
  [ -z "${missing// /}" ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "setup: missing packages:$missing — run as root, or install them with apt-get" >&2
    exit 1
  fi
  echo "setup: installing$missing" >&2
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

build() {
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build -j "$(nproc)"
}

command=${1:-}
shift || true
case "$command" in
  deps)
    install_packages "${BUILD_PACKAGES[@]}"
    ;;
  build)
    install_packages "${BUILD_PACKAGES[@]}"
    build
    ;;
  run)
    install_packages "${BUILD_PACKAGES[@]}"
    build
    build/mlops-bot index
    exec build/mlops-bot serve "$@"
    ;;
  bench-deps)
    # shellcheck disable=SC2046
    install_packages "${BENCH_PACKAGES[@]}" $(scripts/man-corpus.sh --packages)
    ;;
  test)
    install_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    build
    # One test process per core; each starts its own servers on ephemeral loopback ports.
    ctest --test-dir build --output-on-failure -j "$(nproc)"
    # The issue's bar: ≥95% intents and ≥90% answers on the dev questions, every dialog turn right.
    build/mlops-bot eval --quiet --min-intent 0.95 --min-answer 0.90 --min-turns 1.0 \
      tests/eval/dev.jsonl tests/eval/dev-dialogs.jsonl
    build/mlops-bot eval --quiet --min-intent 0.90 --min-answer 0.85 --min-turns 1.0 \
      tests/eval/paraphrases.jsonl tests/eval/paraphrase-dialogs.jsonl
    # Real questions copied from public pages (tests/eval/real-questions-SOURCES.md).
    build/mlops-bot eval --quiet --min-intent 0.95 --min-answer 0.90 tests/eval/real-questions.jsonl
    # Documents in other formats and layouts beside the seed (tests/eval/docs-dev): their questions at
    # ≥90% intents and ≥85% answers with every dialog turn, and the seed's sets as well as before,
    # once with the cloud engineer document as HTML and once as PDF.
    for cloud in tests/eval/docs-dev/cloud-engineer-salary-india.html tests/eval/docs-dev/pdf/cloud-engineer-salary-india.pdf; do
      corpus=$(mktemp -d)
      cp knowledge/corpus/* tests/eval/docs-dev/*-salary-india.md tests/eval/docs-dev/*-salary-india.txt "$cloud" "$corpus"/
      build/mlops-bot eval --quiet --corpus "$corpus" --db "$corpus/kb.db" --min-intent 0.90 --min-answer 0.85 \
        --min-turns 1.0 tests/eval/docs-dev/questions.jsonl tests/eval/docs-dev/dialogs.jsonl
      build/mlops-bot eval --quiet --corpus "$corpus" --db "$corpus/kb.db" --min-intent 0.95 --min-answer 0.90 \
        --min-turns 1.0 tests/eval/dev.jsonl tests/eval/dev-dialogs.jsonl
      build/mlops-bot eval --quiet --corpus "$corpus" --db "$corpus/kb.db" --min-intent 0.90 --min-answer 0.85 \
        --min-turns 1.0 tests/eval/paraphrases.jsonl tests/eval/paraphrase-dialogs.jsonl
      rm -rf "$corpus"
    done
    tests/browser/run.sh build/mlops-bot
    # Everything again with AddressSanitizer and UBSan (CMakePresets.json: -O1, no benchmarks):
    # a memory error, a leak or undefined behaviour fails the test that meets it.
    cmake --preset asan >/dev/null
    cmake --build --preset asan -j "$(nproc)"
    ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
    # Each fuzzer for a fixed number of inputs from its seeds (README: how to run them longer).
    cmake --preset fuzz >/dev/null
    cmake --build --preset fuzz -j "$(nproc)"
    ctest --test-dir build-fuzz --output-on-failure -j "$(nproc)" -L fuzz
    ;;
  *)
    sed -n '2,9p' "$0" >&2
    exit 2
    ;;
esac
