#!/bin/bash
# Lays out what the runtime image holds, from a built and tested tree. The Dockerfile's build
# stage runs it after `scripts/setup.sh test`; tests/deploy runs it on the CI build, so the
# layout the image gets is tested on every CI run even where no Docker engine is.
#
#   docker/stage.sh BINARY DESTDIR
#
# DESTDIR/rootfs/usr/local/bin/mlops-bot            the binary, debug sections stripped
# DESTDIR/rootfs/usr/local/bin/mlops-bot-healthcheck   docker/healthcheck.sh
# DESTDIR/rootfs/usr/share/mlops-bot/{corpus,intents,web}   the data, the widget's files and
#                                                     (web/admin) the admin page's
# DESTDIR/rootfs/var/lib/mlops-bot/knowledge.db      the knowledge base, built from those
# DESTDIR/runtime-packages.txt                        the Debian packages the binary needs at
#                                                     run time (docker/runtime-packages.sh)
set -euo pipefail
[ $# -eq 2 ] || { sed -n '2,14p' "$0" >&2; exit 2; }
source_dir=$(cd "$(dirname "$0")/.." && pwd)
binary=$(realpath "$1")
dest=$2
root=$dest/rootfs
share=$root/usr/share/mlops-bot

rm -rf "$root"
install -d "$root/usr/local/bin" "$share/corpus" "$share/intents" "$share/web/admin" "$root/var/lib/mlops-bot"
# Debug sections only: the code is the code the tests ran.
strip --strip-debug -o "$root/usr/local/bin/mlops-bot" "$binary"
chmod 0755 "$root/usr/local/bin/mlops-bot"
install -m 0755 "$source_dir/docker/healthcheck.sh" "$root/usr/local/bin/mlops-bot-healthcheck"

# The whole corpus folder: its subfolders, and every format the readers take.
cp -R "$source_dir"/knowledge/corpus/. "$share/corpus/"
cp "$source_dir"/intents/data/*.json "$share/intents/"
# The file types the server's StaticFiles serves; not the folder's C++ or README.
for folder in . admin; do
  find "$source_dir/adapters/web/$folder" -maxdepth 1 -type f \
    \( -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.svg' \) -exec cp {} "$share/web/$folder/" \;
done

# The index is built from the copies, by the staged binary, the way the image will read it.
"$root/usr/local/bin/mlops-bot" index --corpus "$share/corpus" --intents "$share/intents" \
  --db "$root/var/lib/mlops-bot/knowledge.db"

"$source_dir/docker/runtime-packages.sh" "$root/usr/local/bin/mlops-bot" >"$dest/runtime-packages.txt"
