#!/bin/bash
# A soak test: `bench` at 50 connections against a server for N minutes, sampling the server's
# resident memory every 10 s, to see that it stays flat. The per-client limits are off, as for
# every load generator (README, "Performance"): bench is one client.
#
#   scripts/soak.sh [MINUTES] [BINARY]      (defaults: 10, build/mlops-bot)
#
# Prints one line per sample (seconds since the load started, VmRSS, VmHWM) and bench's
# summary; exits 1 when bench reports failures or the server dies. Everything on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes=${1:-10}
binary=${2:-build/mlops-bot}
connections=50
sample_every=10

work=$(mktemp -d)
server_pid=
bench_pid=
cleanup() {
  [ -n "$bench_pid" ] && kill "$bench_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$binary" serve --host 127.0.0.1 --port 0 --rate-limit 0 --http-rate-limit 0 --log-level warn 2>"$work/server.log" &
server_pid=$!

# Ready when the server logs the port it listens on (at warn level, see adapters/server/server.cpp).
port=
for _ in $(seq 300); do
  port=$(grep -o '"event":"listening".*"port":[0-9]*' "$work/server.log" | grep -o '[0-9]*$' || true)
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; echo "soak: the server did not start" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "soak: the server logged no port within 30 s" >&2; exit 1; }

memory() {  # "VmRSS VmHWM" in kB
  awk '/^VmRSS:/ {rss=$2} /^VmHWM:/ {hwm=$2} END {print rss, hwm}' "/proc/$server_pid/status"
}

read -r rss hwm < <(memory)
echo "soak: $connections connections for $minutes min against $binary (pid $server_pid, port $port)"
printf '%6s  %10s  %10s\n' "second" "VmRSS kB" "VmHWM kB"
printf '%6s  %10s  %10s\n' "idle" "$rss" "$hwm"

seconds=$((minutes * 60))
"$binary" bench -c "$connections" -d "$seconds" --warmup 0 "ws://127.0.0.1:$port/v1/chat" >"$work/bench.out" 2>&1 &
bench_pid=$!
start=$SECONDS
while kill -0 "$bench_pid" 2>/dev/null; do
  sleep "$sample_every"
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; echo "soak: the server died" >&2; exit 1; }
  read -r rss hwm < <(memory)
  printf '%6d  %10s  %10s\n' $((SECONDS - start)) "$rss" "$hwm"
done
status=0
wait "$bench_pid" || status=$?
bench_pid=
cat "$work/bench.out"
exit "$status"
