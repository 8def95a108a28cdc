#!/bin/bash
# mlops-bot-healthcheck [PATH]: exits 0 when GET PATH (default /healthz) on the local server
# answers 200, 1 otherwise. The image's HEALTHCHECK and compose's health checks run it: bash's
# /dev/tcp is the HTTP client, so the slim image carries no curl. It reads the server's own
# settings, MLOPS_BOT_PORT (default 8080) and MLOPS_BOT_HOST (a wildcard address means loopback).
set -u
path=${1:-/healthz}
port=${MLOPS_BOT_PORT:-8080}
case ${MLOPS_BOT_HOST:-} in
  "" | 0.0.0.0) host=127.0.0.1 ;;
  "::" | "[::]") host=::1 ;;
  *) host=$MLOPS_BOT_HOST ;;
esac
if ! exec 3<>"/dev/tcp/$host/$port"; then
  echo "healthcheck: cannot connect to $host:$port" >&2
  exit 1
fi
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nUser-Agent: mlops-bot-healthcheck\r\nConnection: close\r\n\r\n' "$path" >&3
status=
IFS= read -r -t 5 status <&3
status=${status%$'\r'}
case $status in
  "HTTP/1."?" 200 "*) exit 0 ;;
esac
echo "healthcheck: GET $path: ${status:-no answer}" >&2
exit 1
