#!/bin/sh
# The web widget's and the admin page's end-to-end tests: Debian's chromium driven by playwright-core against the
# real server. usage: tests/browser/run.sh [PATH/TO/mlops-bot]   (default: build/mlops-bot)
# Installs chromium (apt-get) and the pinned npm packages (npm ci) when they are missing.
# Screenshots go to $MLOPS_BOT_SCREENSHOTS (default tests/browser/screenshots).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
binary=$(realpath "${1:-$here/../../build/mlops-bot}")
[ -x "$binary" ] || { echo "run.sh: no server binary at $binary (build it first)" >&2; exit 2; }

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium
fi
cd "$here"
[ -d node_modules ] || npm ci --no-audit --no-fund
MLOPS_BOT_BINARY=$binary exec node --test widget.test.js admin.test.js
