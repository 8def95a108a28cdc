#!/bin/bash
# The chat server against bare Beast servers under the same client (issue 15): answers per server
# CPU-second of `mlops-bot serve` divided by round trips per CPU-second of
#   - tests/bench/bench_bare_ws_server (a one-thread Beast WebSocket echo, answer-shaped replies),
#     both loaded by `mlops-bot bench -c C ws://.../v1/chat` (its five-question mix);
#   - tests/bench/bench_bare_http_server (one-thread Beast HTTP, the body parsed with Boost.JSON),
#     both loaded by `wrk -t1 -cC -s tests/server/wrk_ask.lua http://.../v1/ask`.
# Every server is pinned to core 0 (`serve --threads 1`), the client to core 1. Server CPU is read
# from /proc/PID/stat around each measured run (after a warm-up run), so the ratio depends much
# less on the machine's other load than answers per wall second would. Runs alternate bare/bot.
#
#   scripts/transport-ratio.sh [--runs N] [--duration S] [--connections C] [--build DIR] [--no-build]
#
# Prints each run and the medians; needs wrk, curl and taskset (scripts/setup.sh bench-deps).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
duration=10
connections=50
build=build
do_build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=${2:?--runs needs a number}; shift ;;
    --duration) duration=${2:?--duration needs seconds}; shift ;;
    --connections) connections=${2:?--connections needs a number}; shift ;;
    --build) build=${2:?--build needs a folder}; shift ;;
    --no-build) do_build=0 ;;
    -h | --help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "transport-ratio: unknown argument '$1' (--help lists them)" >&2; exit 2 ;;
  esac
  shift
done
for number in "$runs" "$duration" "$connections"; do
  [[ "$number" =~ ^[1-9][0-9]*$ ]] || { echo "transport-ratio: '$number' is not a positive whole number" >&2; exit 2; }
done
for tool in wrk curl taskset; do
  command -v "$tool" >/dev/null || { echo "transport-ratio: $tool is missing: run scripts/setup.sh bench-deps as root" >&2; exit 1; }
done
[ "$(nproc)" -ge 2 ] || { echo "transport-ratio: needs two cores (server on one, client on the other)" >&2; exit 1; }

if [ "$do_build" = 1 ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build" -j 2 --target mlops-bot bench_bare_ws_server bench_bare_http_server >/dev/null
fi
bot=$build/mlops-bot
bare_ws=$build/tests/bench/bench_bare_ws_server
bare_http=$build/tests/bench/bench_bare_http_server
for binary in "$bot" "$bare_ws" "$bare_http"; do
  [ -x "$binary" ] || { echo "transport-ratio: $binary is not built (leave out --no-build, or give --build)" >&2; exit 1; }
done
"$bot" index >/dev/null  # serve must not spend the measured time building the knowledge base

work=$(mktemp -d)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# start NAME CMD...: starts CMD on core 0; sets PID and PORT once it answers.
start() {
  local name=$1 out=$work/$1.out err=$work/$1.err
  shift
  taskset -c 0 "$@" >"$out" 2>"$err" &
  PID=$!
  pids+=("$PID")
  PORT=""
  for _ in $(seq 1000); do  # readiness: the port it prints, then a TCP connection (10 s at most)
    kill -0 "$PID" 2>/dev/null || { echo "transport-ratio: $name stopped: $(cat "$err")" >&2; exit 1; }
    [ -n "$PORT" ] || PORT=$(sed -n -e 's/^listening \([0-9]*\)$/\1/p' -e 's/.*"event":"listening".*"port":\([0-9]*\).*/\1/p' \
      "$out" "$err" | head -n 1)
    [ -n "$PORT" ] && curl -s -o /dev/null "http://127.0.0.1:$PORT/" && return 0
    sleep 0.01
  done
  echo "transport-ratio: $name did not start listening" >&2
  exit 1
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }  # utime + stime, every thread
ticks_per_second=$(getconf CLK_TCK)

# ws PID PORT: one warm-up run, then the measured one; prints "answers_per_cpu_second answers/s p99_ms".
ws() {
  local url=ws://127.0.0.1:$2/v1/chat before after
  taskset -c 1 "$bot" bench -c "$connections" -d 2 --warmup 0 "$url" >/dev/null 2>&1
  before=$(cpu_ticks "$1")
  taskset -c 1 "$bot" bench -c "$connections" -d "$duration" --warmup 0 "$url" >"$work/bench.txt" 2>>"$work/bench.err" ||
    { echo "transport-ratio: bench reported a problem:" >&2; cat "$work/bench.txt" >&2; exit 1; }
  after=$(cpu_ticks "$1")
  awk -v cpu=$((after - before)) -v hz="$ticks_per_second" '
    /^answers / { answers = $2 + 0 } /^answers\/s / { rate = $2 } /^latency / { p99 = $6 }
    END { printf "%.0f %s %s\n", answers / (cpu / hz), rate, p99 }' "$work/bench.txt"
}

# http PID PORT: the same with wrk; prints "requests_per_cpu_second requests/s mean_latency".
http() {
  local url=http://127.0.0.1:$2/v1/ask before after
  taskset -c 1 wrk -t1 -c"$connections" -d2s -s tests/server/wrk_ask.lua "$url" >/dev/null
  before=$(cpu_ticks "$1")
  taskset -c 1 wrk -t1 -c"$connections" -d"${duration}s" -s tests/server/wrk_ask.lua "$url" >"$work/wrk.txt"
  after=$(cpu_ticks "$1")
  if grep -q -e "Non-2xx" -e "Socket errors" "$work/wrk.txt"; then
    echo "transport-ratio: wrk saw errors:" >&2
    cat "$work/wrk.txt" >&2
    exit 1
  fi
  awk -v cpu=$((after - before)) -v hz="$ticks_per_second" '
    / requests in / { requests = $1 } /^Requests\/sec:/ { rate = $2 } /^    Latency/ { latency = $2 }
    END { printf "%.0f %.0f %s\n", requests / (cpu / hz), rate, latency }' "$work/wrk.txt"
}

start bare_ws "$bare_ws"
bare_ws_pid=$PID bare_ws_port=$PORT
start bare_http "$bare_http"
bare_http_pid=$PID bare_http_port=$PORT
start serve "$bot" serve --host 127.0.0.1 --port 0 --threads 1 --rate-limit 0 --http-rate-limit 0 --log-level warn
bot_pid=$PID bot_port=$PORT
until curl -sf -o /dev/null "http://127.0.0.1:$bot_port/readyz"; do sleep 0.01; done

median() { sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
: >"$work/ws-ratios"
: >"$work/http-ratios"
echo "server on core 0, client on core 1, $connections connections, ${duration} s a run; per server CPU-second"
for ((run = 1; run <= runs; run++)); do
  read -r bare_rate bare_wall bare_p99 < <(ws "$bare_ws_pid" "$bare_ws_port")
  read -r bot_rate bot_wall bot_p99 < <(ws "$bot_pid" "$bot_port")
  ratio=$(awk -v a="$bot_rate" -v b="$bare_rate" 'BEGIN { printf "%.2f", a / b }')
  echo "$ratio" >>"$work/ws-ratios"
  echo "run $run WebSocket: bare echo $bare_rate/CPU-s ($bare_wall/s, p99 $bare_p99 ms), serve $bot_rate/CPU-s ($bot_wall/s, p99 $bot_p99 ms): $ratio"
  read -r bare_rate bare_wall bare_latency < <(http "$bare_http_pid" "$bare_http_port")
  read -r bot_rate bot_wall bot_latency < <(http "$bot_pid" "$bot_port")
  ratio=$(awk -v a="$bot_rate" -v b="$bare_rate" 'BEGIN { printf "%.2f", a / b }')
  echo "$ratio" >>"$work/http-ratios"
  echo "run $run POST /v1/ask: bare HTTP+JSON $bare_rate/CPU-s ($bare_wall/s, mean $bare_latency), serve $bot_rate/CPU-s ($bot_wall/s, mean $bot_latency): $ratio"
done
echo "median ratio, WebSocket (serve / bare echo): $(median <"$work/ws-ratios")"
echo "median ratio, POST /v1/ask (serve / bare HTTP + Boost.JSON): $(median <"$work/http-ratios")"
