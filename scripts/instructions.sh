#!/bin/bash
# Instructions per question (issue 15's in-process targets), from callgrind, which counts exactly and
# does not drift with the machine's load: the dev question mix (tests/eval/dev.jsonl and the turns
# of dev-dialogs.jsonl, one conversation; the same files as ../shared/eval) fed twice to
# `mlops-bot ask --json`, with a callgrind dump as each question starts.
#
#   scripts/instructions.sh [--build DIR] [--corpus DIR --db FILE] [--keep DIR]
#
# Prints "startup N", "startup_and_one_question N", "cold N" (per question, first pass: the
# patterns' DFA states and the statements are built as questions first need them) and "warm N"
# (per question, second pass). Each question's count runs from one Engine::ask to the next, so
# it includes writing the answer out as JSON. Needs valgrind and jq (scripts/setup.sh bench-deps).
set -euo pipefail
cd "$(dirname "$0")/.."

build=build
corpus=""
db=""
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=${2:?--build needs a folder}; shift ;;
    --corpus) corpus=${2:?--corpus needs a folder}; shift ;;
    --db) db=${2:?--db needs a file}; shift ;;
    --keep) keep=${2:?--keep needs a folder}; shift ;;
    -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "instructions: unknown argument '$1' (--help lists them)" >&2; exit 2 ;;
  esac
  shift
done
for tool in valgrind jq; do
  command -v "$tool" >/dev/null || { echo "instructions: $tool is missing: run scripts/setup.sh bench-deps as root" >&2; exit 1; }
done
bot=$build/mlops-bot
[ -x "$bot" ] || { echo "instructions: $bot is not built" >&2; exit 1; }
data_args=()
[ -n "$corpus" ] && data_args+=(--corpus "$corpus")
[ -n "$db" ] && data_args+=(--db "$db")
"$bot" index "${data_args[@]}" >/dev/null  # start-up must not include building the knowledge base

work=${keep:-$(mktemp -d)}
mkdir -p "$work"
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT
rm -f "$work"/cg.out*
mix=$work/mix.txt
jq -r 'if has("turns") then .turns[].text else .text end' tests/eval/dev.jsonl tests/eval/dev-dialogs.jsonl >"$mix"
questions=$(wc -l <"$mix")
{ cat "$mix" "$mix"; head -n 1 "$mix"; } >"$work/mix-twice.txt"

valgrind --tool=callgrind --dump-before='bot::Engine::ask*' --callgrind-out-file="$work/cg.out" \
  "$bot" ask --json "${data_args[@]}" <"$work/mix-twice.txt" >/dev/null 2>"$work/valgrind.log"

# Each dump's "summary:" line is the instructions since the previous dump, and its "Trigger:" the
# function about to run. The pattern also matches lambdas inside ask(), so a question is every dump
# from one trigger by ask() itself to the next; the first, everything before, is start-up. The last
# question (one more, then exit) is left out.
dumps=$(find "$work" -name 'cg.out.[0-9]*' | wc -l)
for ((dump = 1; dump <= dumps; dump++)); do
  awk '/^desc: Trigger:/ { ask = ($0 ~ /=bot::Engine::ask\(bot::Conversation&, [^)]*\) const$/) }
       /^summary:/ { cost = $2 }
       END { print cost, ask }' "$work/cg.out.$dump"
done | awk -v q="$questions" -v logfile="$work/valgrind.log" '
  BEGIN { current = 0 }
  { cost[current] += $1; if ($2 == 1) current++ }
  END {
    if (current < 2 * q + 1) { printf "instructions: callgrind saw %d questions, not %d (see %s)\n", current, 2 * q + 1, logfile > "/dev/stderr"; exit 1 }
    for (i = 1; i <= q; i++) cold += cost[i]
    for (i = q + 1; i <= 2 * q; i++) warm += cost[i]
    printf "questions %d\nstartup %.0f\nstartup_and_one_question %.0f\ncold %.0f\nwarm %.0f\n", q, cost[0], cost[0] + cost[1], cold / q, warm / q
  }'
