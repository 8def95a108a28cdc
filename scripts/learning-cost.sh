#!/bin/bash
# What the learning recorder costs the thread that answers (issue 14), from callgrind, which counts
# exactly and does not drift with the machine's load: tests/bench/bench_chat_protocol's
# chat_message (learning off) and chat_message_learning (the recorder as serve makes it, its
# writer on its own thread), each run twice (--benchmark_min_time 1 and 4). The warm cost of one
# message is the difference of the two runs' instructions over the difference of their calls, so
# the first, cold messages (RE2 building DFA states) cancel out.
#
#   scripts/learning-cost.sh [--build DIR]
#
# Prints, per benchmark, handle_chat_message's inclusive instructions per message, and
# LearningRecorder::answered's. Needs valgrind (scripts/setup.sh bench-deps) and a build with
# debug information (RelWithDebInfo, the default).
set -euo pipefail
cd "$(dirname "$0")/.."

build=build
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=${2:?--build needs a folder}; shift ;;
    -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "learning-cost: unknown argument '$1' (--help lists them)" >&2; exit 2 ;;
  esac
  shift
done
bench="$build/tests/bench/bench_chat_protocol"
[ -x "$bench" ] || { echo "learning-cost: no $bench (cmake --build $build --target bench_chat_protocol)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# "INSTRUCTIONS CALLS" of function $2's inclusive cost in callgrind output $1.
inclusive() {
  callgrind_annotate --inclusive=yes --tree=caller "$1" 2>/dev/null |
    grep -E "=> .*$2\(" | head -1 | sed -E 's/^ *([0-9,]+) .*\(([0-9,]+)x\)$/\1 \2/' | tr -d ,
}

for benchmark in chat_message chat_message_learning; do
  for seconds in 1 4; do
    valgrind --tool=callgrind --callgrind-out-file="$work/$benchmark.$seconds" "$bench" \
      --benchmark_filter="^$benchmark\$" --benchmark_min_time=$seconds >/dev/null 2>&1
  done
  for function in handle_chat_message LearningRecorder::answered; do
    if ! read -r short_instructions short_calls < <(inclusive "$work/$benchmark.1" "$function"); then
      [ "$function" = handle_chat_message ] &&
        { echo "learning-cost: no $function in callgrind's output: $bench needs debug information (cmake -DCMAKE_BUILD_TYPE=RelWithDebInfo)" >&2; exit 1; }
      continue  # chat_message has no recorder
    fi
    read -r long_instructions long_calls < <(inclusive "$work/$benchmark.4" "$function")
    echo "$benchmark $function $(((long_instructions - short_instructions) / (long_calls - short_calls))) instructions per message"
  done
done
