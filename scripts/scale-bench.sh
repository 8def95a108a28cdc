#!/bin/bash
# The scale benchmark (issue 12, item 7; issue 15's per-question target): the bot with the seed
# article alone against the bot with the seed and 10,000 of Debian's man pages as Markdown, measured
# in one run on one machine, printed as a table of ratios.
#
#   scripts/scale-bench.sh [--quick] [--count N] [--runs N] [--work DIR] [--build DIR] [--no-build]
#
#   --quick      500 documents, one timing run each: for development (a minute or two)
#   --count N    documents in the large corpus (default 10000)
#   --runs N     timing runs of `index` and of the bare FTS5 insert, each (default 3; --quick 1)
#   --work DIR   where the corpus, the knowledge bases and the raw results go (default build/scale-bench);
#                a corpus made by an earlier run with the same count and packages is used again
#   --build DIR  the build folder holding mlops-bot and tests/bench/bench_bare_fts5 (default build)
#   --no-build   do not (re)build those two targets first
#
# What it measures, seed only against seed + N documents:
#   index        CPU time of `mlops-bot index` over the large corpus against bench_bare_fts5, which
#                inserts the same files' paragraphs into one FTS5 table and nothing else: a lower bound
#   start-up     exec of `mlops-bot ask hello` to its exit (hyperfine, median); start-up instructions
#                (callgrind); exec of `serve` to the first 200 from /readyz
#   per question instructions per question over the dev question mix (tests/eval/dev.jsonl and the
#                turns of dev-dialogs.jsonl, one conversation, `ask --json` reading stdin), from
#                callgrind dumps at each question: the first pass (cold) and the second (warm)
#   memory       maximum resident set of `ask` over the mix (/usr/bin/time) and of `serve` after
#                answering the mix through POST /v1/ask (VmHWM)
#   answers      `mlops-bot eval` on the dev sets with each knowledge base
# Timings on a shared machine drift from run to run; instruction counts do not.
#
# Needs the packages of `scripts/setup.sh bench-deps` (mandoc, the man pages, hyperfine, valgrind,
# time, curl, jq). Takes about 15 minutes on a 2-core machine, plus making the corpus the first time.
set -euo pipefail
cd "$(dirname "$0")/.."

count=10000
runs=3
quick=0
work=build/scale-bench
build=build
do_build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 count=500 runs=1 ;;
    --count) count=${2:?--count needs a number}; shift ;;
    --runs) runs=${2:?--runs needs a number}; shift ;;
    --work) work=${2:?--work needs a folder}; shift ;;
    --build) build=${2:?--build needs a folder}; shift ;;
    --no-build) do_build=0 ;;
    -h | --help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "scale-bench: unknown argument '$1' (--help lists them)" >&2; exit 2 ;;
  esac
  shift
done
for number in "$count" "$runs"; do
  [[ "$number" =~ ^[1-9][0-9]*$ ]] || { echo "scale-bench: '$number' is not a positive number" >&2; exit 2; }
done
startup_runs=$((quick ? 3 : 10))

for tool in mandoc hyperfine valgrind /usr/bin/time curl jq; do
  command -v "$tool" >/dev/null || { echo "scale-bench: $tool is missing: run scripts/setup.sh bench-deps as root" >&2; exit 1; }
done

say() { printf '\n== %s\n' "$*" >&2; }
# Every command that measures something is written to $work/commands.txt, for the README.
log_command() { printf '%s\n' "$*" >>"$work/commands.txt"; }

if [ "$do_build" = 1 ]; then
  say "building mlops-bot and bench_bare_fts5 in $build"
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build" -j "$(nproc)" --target mlops-bot bench_bare_fts5 >/dev/null
fi
bot=$build/mlops-bot
bare=$build/tests/bench/bench_bare_fts5
for binary in "$bot" "$bare"; do
  [ -x "$binary" ] || { echo "scale-bench: $binary is not built (leave out --no-build, or give --build)" >&2; exit 1; }
done

mkdir -p "$work"
work=$(realpath "$work")
: >"$work/commands.txt"
seed=knowledge/corpus
seed_db=$work/seed.db
big=$work/corpus-$count
big_db=$work/corpus-$count.db

# ---- the corpus: the seed and COUNT man pages, made again only when what it is made of changed
stamp="count $count; $(sha256sum scripts/man-corpus.sh "$seed"/* | cut -c1-16 | tr '\n' ' ');
$(dpkg-query -W $(scripts/man-corpus.sh --packages) 2>/dev/null | tr '\n' ' ')"
if [ -f "$big/.made-by" ] && [ "$(cat "$big/.made-by")" = "$stamp" ]; then
  say "corpus: using $big ($(find "$big" -name '*.md' | wc -l) pages, made by an earlier run)"
else
  say "corpus: $count man pages as Markdown into $big"
  rm -rf "$big"
  scripts/man-corpus.sh "$big" "$count"
  cp "$seed"/* "$big"/
  printf '%s' "$stamp" >"$big/.made-by"
fi
log_command "scripts/man-corpus.sh $big $count && cp $seed/* $big/"

# ---- the dev question mix: single questions, then the dialogs' turns, as one conversation
mix=$work/mix.txt
jq -r 'if has("turns") then .turns[].text else .text end' tests/eval/dev.jsonl tests/eval/dev-dialogs.jsonl >"$mix"
questions=$(wc -l <"$mix")

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# timed OUT CMD...: runs CMD with its output discarded; prints "wall_s cpu_s maxrss_kb".
timed() {
  local out=$1
  shift
  /usr/bin/time -f '%e %U %S %M' -o "$out" "$@" >/dev/null
  awk '{ printf "%s %.3f %s\n", $1, $2 + $3, $4 }' "$out"
}

# ---- index: mlops-bot index against the bare FTS5 insert, alternated so that both see the same load
say "index: $runs run(s) each of bench_bare_fts5 and mlops-bot index over $big"
log_command "/usr/bin/time -f '%e %U %S %M' $bare $big $work/bare.db"
log_command "/usr/bin/time -f '%e %U %S %M' $bot index --corpus $big --db $big_db"
: >"$work/index-bare.txt"
: >"$work/index-bot.txt"
for ((run = 1; run <= runs; run++)); do
  timed "$work/time.txt" "$bare" "$big" "$work/bare.db" >>"$work/index-bare.txt"
  timed "$work/time.txt" "$bot" index --corpus "$big" --db "$big_db" >>"$work/index-bot.txt"
done
"$bare" "$big" "$work/bare.db" >"$work/bare-summary.txt"
"$bot" index --corpus "$big" --db "$big_db" >"$work/index-summary.txt"
"$bot" index --corpus "$seed" --db "$seed_db" >/dev/null
bare_cpu=$(cut -d' ' -f2 "$work/index-bare.txt" | median)
index_cpu=$(cut -d' ' -f2 "$work/index-bot.txt" | median)
bare_wall=$(cut -d' ' -f1 "$work/index-bare.txt" | median)
index_wall=$(cut -d' ' -f1 "$work/index-bot.txt" | median)
index_rss=$(cut -d' ' -f3 "$work/index-bot.txt" | median)

# ---- start-up: exec of `ask hello` to its exit
say "start-up: hyperfine, $startup_runs runs each"
ask_seed="$bot ask --corpus $seed --db $seed_db hello"
ask_big="$bot ask --corpus $big --db $big_db hello"
log_command "hyperfine -N --warmup 1 --runs $startup_runs '$ask_seed' '$ask_big'"
hyperfine -N --warmup 1 --runs "$startup_runs" --export-json "$work/startup.json" "$ask_seed" "$ask_big" >&2
startup_seed=$(jq '.results[0].median * 1000' "$work/startup.json")
startup_big=$(jq '.results[1].median * 1000' "$work/startup.json")

# ---- instructions: callgrind, a dump as each question starts. Before the first is start-up; then
# QUESTIONS questions of the first pass over the mix, QUESTIONS of the second; the last (one more
# question, then exit) is left out.
instructions() {  # NAME CORPUS DB: writes "startup cold_per_question warm_per_question" to $work/callgrind/NAME.txt
  local corpus=$2 db=$3 out=$work/callgrind/$1
  rm -rf "$out" "$out.txt"
  mkdir -p "$out"
  { cat "$mix" "$mix"; head -n 1 "$mix"; } >"$work/mix-twice.txt"
  log_command "valgrind --tool=callgrind --dump-before='bot::Engine::ask*' --callgrind-out-file=$out/cg.out $bot ask --json --corpus $corpus --db $db < $work/mix-twice.txt"
  valgrind --tool=callgrind --dump-before='bot::Engine::ask*' --callgrind-out-file="$out/cg.out" \
    "$bot" ask --json --corpus "$corpus" --db "$db" <"$work/mix-twice.txt" >/dev/null 2>"$out/valgrind.log"
  # Each dump's "summary:" line is the instructions since the previous dump, and its "Trigger:" the
  # function about to run. The pattern also matches lambdas inside ask(), so a question is every
  # dump from one trigger by ask() itself to the next; the first, everything before, is start-up.
  local dumps
  dumps=$(find "$out" -name 'cg.out.[0-9]*' | wc -l)
  for ((dump = 1; dump <= dumps; dump++)); do
    awk '/^desc: Trigger:/ { ask = ($0 ~ /=bot::Engine::ask\(bot::Conversation&, [^)]*\) const$/) }
         /^summary:/ { cost = $2 }
         END { print cost, ask }' "$out/cg.out.$dump"
  done | awk -v q="$questions" -v logfile="$out/valgrind.log" '
    BEGIN { current = 0 }
    { cost[current] += $1; if ($2 == 1) current++ }
    END {
      if (current < 2 * q + 1) { printf "scale-bench: callgrind saw %d questions, not %d (see %s)\n", current, 2 * q + 1, logfile > "/dev/stderr"; exit 1 }
      for (i = 1; i <= q; i++) cold += cost[i]
      for (i = q + 1; i <= 2 * q; i++) warm += cost[i]
      printf "%.0f %.0f %.0f\n", cost[0], cold / q, warm / q  # not %d: mawk stops at 2^31
    }' >"$out.txt"
}
say "instructions: callgrind over the mix twice ($questions questions a pass), seed only"
instructions seed "$seed" "$seed_db"
read -r startup_ir_seed cold_seed warm_seed <"$work/callgrind/seed.txt"
say "instructions: callgrind over the mix twice, seed + $count documents (slow: valgrind runs the start-up too)"
instructions big "$big" "$big_db"
read -r startup_ir_big cold_big warm_big <"$work/callgrind/big.txt"

# ---- memory: ask over the mix
say "memory: ask over the mix"
log_command "/usr/bin/time -f %M $bot ask --json --corpus $big --db $big_db < $mix"
ask_rss_seed=$(timed "$work/time.txt" "$bot" ask --json --corpus "$seed" --db "$seed_db" <"$mix" | cut -d' ' -f3)
ask_rss_big=$(timed "$work/time.txt" "$bot" ask --json --corpus "$big" --db "$big_db" <"$mix" | cut -d' ' -f3)

# ---- serve: exec to the first 200 from /readyz, then the mix through POST /v1/ask, then VmHWM
jq -R -c '{text: ., session: "scale-bench"}' "$mix" >"$work/mix-bodies.jsonl"
serve_run() {  # CORPUS DB: prints "ready_ms vmhwm_kb non_200_answers"
  local corpus=$1 db=$2 log=$work/serve.log port="" pid start ready_ms hwm bad
  # Emptied first: the server's redirection truncates it only once started, and reading the last
  # run's "listening" line before that polled a closed port for ever.
  : >"$log"
  start=$(date +%s%N)
  "$bot" serve --host 127.0.0.1 --port 0 --rate-limit 0 --http-rate-limit 0 --log-level warn --corpus "$corpus" --db "$db" \
    2>"$log" &
  pid=$!
  # Readiness: the port from the "listening" line, then /readyz answering 200, polled every 10 ms.
  while :; do
    kill -0 "$pid" 2>/dev/null || { echo "scale-bench: serve stopped (see $log)" >&2; exit 1; }
    [ -n "$port" ] || port=$(sed -n 's/.*"event":"listening".*"port":\([0-9]*\).*/\1/p' "$log")
    [ -n "$port" ] && curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" && break
    sleep 0.01
  done
  ready_ms=$((($(date +%s%N) - start) / 1000000))
  local args=()
  while IFS= read -r body; do
    args+=(--next -s -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/json' --data-binary "$body"
      "http://127.0.0.1:$port/v1/ask")
  done <"$work/mix-bodies.jsonl"
  bad=$(curl "${args[@]:1}" | grep -cv '^200$' || true)
  hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
  kill -TERM "$pid"
  wait "$pid" || true
  echo "$ready_ms $hwm $bad"
}
say "serve: ready time and memory after the mix ($startup_runs runs each for the ready time)"
log_command "$bot serve --host 127.0.0.1 --port 0 --rate-limit 0 --http-rate-limit 0 --log-level warn --corpus $big --db $big_db  # exec to the first 200 from /readyz; then POST /v1/ask with each line of $mix; VmHWM"
: >"$work/serve-seed.txt"
: >"$work/serve-big.txt"
for ((run = 1; run <= startup_runs; run++)); do
  serve_run "$seed" "$seed_db" >>"$work/serve-seed.txt"
  serve_run "$big" "$big_db" >>"$work/serve-big.txt"
done
ready_seed=$(cut -d' ' -f1 "$work/serve-seed.txt" | median)
ready_big=$(cut -d' ' -f1 "$work/serve-big.txt" | median)
serve_rss_seed=$(cut -d' ' -f2 "$work/serve-seed.txt" | sort -n | tail -1)
serve_rss_big=$(cut -d' ' -f2 "$work/serve-big.txt" | sort -n | tail -1)
serve_bad=$(cat "$work/serve-seed.txt" "$work/serve-big.txt" | awk '{ s += $3 } END { print s }')

# ---- answers: the dev sets with each knowledge base
say "answers: mlops-bot eval on the dev sets"
eval_sets=(tests/eval/dev.jsonl tests/eval/dev-dialogs.jsonl)
log_command "$bot eval ${eval_sets[*]} --corpus $big --db $big_db"
"$bot" eval --quiet --json "${eval_sets[@]}" --corpus "$seed" --db "$seed_db" >"$work/eval-seed.json" || true
"$bot" eval --quiet --json "${eval_sets[@]}" --corpus "$big" --db "$big_db" >"$work/eval-big.json" || true
score() { jq -r "$2" "$work/eval-$1.json"; }

# ---- the table
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.1f×", b / a; else print "-" }'; }
met() { awk -v v="$1" -v limit="$2" 'BEGIN { print (v + 0 <= limit + 0) ? "yes" : "NO" }'; }
human() { awk -v n="$1" 'BEGIN { if (n >= 1e6) printf "%.1fM", n / 1e6; else if (n >= 1e3) printf "%.1fk", n / 1e3; else printf "%d", n }'; }
ratio_value() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > 0) ? b / a : 0 }'; }
row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$@"; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.1f MB", kb / 1024 }'; }
at_least() { [ "$1" = "$2" ] && echo yes || awk -v seed="$1" -v big="$2" 'BEGIN { print (big + 0 >= seed + 0) ? "yes" : "NO" }'; }
eval_cell() { score "$1" ".$2.right" | tr '\n' '/'; score "$1" ".$2.total"; }

{
  echo "Seed only: $seed. Large: the seed + $count man pages ($(cat "$work/index-summary.txt" | sed 's/^indexed //'))."
  echo "Bare FTS5 over the same files: $(cat "$work/bare-summary.txt"). Mix: $questions questions. Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD)."
  echo
  row measure "seed only (index: bare FTS5)" "seed + $count" ratio target met
  row --- --- --- --- --- ---
  index_ratio=$(ratio_value "$bare_cpu" "$index_cpu")
  row "index, CPU seconds (median of $runs)" "${bare_cpu} s" "${index_cpu} s" "$(ratio "$bare_cpu" "$index_cpu")" "≤ 3×" "$(met "$index_ratio" 3)"
  row "index, wall seconds (median of $runs)" "${bare_wall} s" "${index_wall} s" "$(ratio "$bare_wall" "$index_wall")" "" ""
  row "start-up: ask hello, ms (median of $startup_runs)" "$(printf %.0f "$startup_seed")" "$(printf %.0f "$startup_big")" \
    "$(ratio "$startup_seed" "$startup_big")" "≤ 3×" "$(met "$(ratio_value "$startup_seed" "$startup_big")" 3)"
  row "start-up to the first question, instructions" "$(human "$startup_ir_seed")" "$(human "$startup_ir_big")" \
    "$(ratio "$startup_ir_seed" "$startup_ir_big")" "≤ 3×" "$(met "$(ratio_value "$startup_ir_seed" "$startup_ir_big")" 3)"
  row "serve: exec to first 200 /readyz, ms (median of $startup_runs)" "$ready_seed" "$ready_big" \
    "$(ratio "$ready_seed" "$ready_big")" "≤ 3×" "$(met "$(ratio_value "$ready_seed" "$ready_big")" 3)"
  row "per question, warm (second pass), instructions" "$(human "$warm_seed")" "$(human "$warm_big")" \
    "$(ratio "$warm_seed" "$warm_big")" "≤ 3×" "$(met "$(ratio_value "$warm_seed" "$warm_big")" 3)"
  row "per question, cold (first pass), instructions" "$(human "$cold_seed")" "$(human "$cold_big")" \
    "$(ratio "$cold_seed" "$cold_big")" "" ""
  row "peak memory: ask over the mix" "$(mb "$ask_rss_seed")" "$(mb "$ask_rss_big")" "" "≤ 100 MB" \
    "$(met "$ask_rss_big" $((100 * 1024)))"
  row "peak memory: serve after the mix" "$(mb "$serve_rss_seed")" "$(mb "$serve_rss_big")" "" "≤ 100 MB" \
    "$(met "$serve_rss_big" $((100 * 1024)))"
  row "peak memory: index" "" "$(mb "$index_rss")" "" "" ""
  for measure in intent_accuracy answers dialog_turns; do
    row "eval dev: $measure" "$(eval_cell seed $measure)" "$(eval_cell big $measure)" "" "as before" \
      "$(at_least "$(score seed ".$measure.right")" "$(score big ".$measure.right")")"
  done
  [ "$serve_bad" = 0 ] || echo "($serve_bad answers of serve were not 200: the memory figure is of a server that failed)"
} | tee "$work/results.md"
echo
echo "Commands (in $work/commands.txt):"
sed 's/^/  /' "$work/commands.txt"
