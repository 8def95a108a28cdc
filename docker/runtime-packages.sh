#!/bin/bash
# Prints, one a line, the Debian packages mlops-bot needs at run time: those that hold the
# shared libraries the binary is linked with (ldd, then dpkg -S), so a library added to the
# build (say hiredis) reaches the image without a second list to keep in step, and those it
# reads without linking them:
#   wamerican        /usr/share/dict/words, the spelling corrector's English (MLOPS_BOT_DICTIONARY's default)
#   ca-certificates  the trust store for the HTTPS calls to Slack and Discord
#
#   docker/runtime-packages.sh BINARY
set -euo pipefail
[ $# -eq 1 ] || { sed -n '2,9p' "$0" >&2; exit 2; }

# The package owning a file; with merged /usr a library may be registered under /lib or /usr/lib.
owner() {
  local path=$1 candidate found
  for candidate in "$path" "$(realpath "$path")" "${path#/usr}" "/usr$path"; do
    # "libre2-9:amd64: /usr/lib/x86_64-linux-gnu/libre2.so.9.0.0" -> libre2-9
    if found=$(dpkg-query -S "$candidate" 2>/dev/null) && [ -n "$found" ]; then
      echo "${found%%[:,]*}"
      return 0
    fi
  done
  echo "runtime-packages: no Debian package holds $path" >&2
  return 1
}

libraries=$(ldd "$1" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')
[ -n "$libraries" ] || { echo "runtime-packages: ldd found no libraries in $1" >&2; exit 1; }
{
  for library in $libraries; do owner "$library"; done
  echo wamerican
  echo ca-certificates
} | sort -u
