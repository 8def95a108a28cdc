#!/bin/bash
# Writes COUNT of Debian's man pages as Markdown documents into DIR: a corpus of real text for the
# scale benchmark (scripts/scale-bench.sh). Generated on the machine, never committed.
#
#   scripts/man-corpus.sh DIR [COUNT]     COUNT defaults to 10000
#   scripts/man-corpus.sh --packages      prints the Debian packages whose pages it reads
#
# Which pages: the regular files (not links) under /usr/share/man/man*/ of the packages below, in
# the C locale's order, so two Debian 12 machines with these packages make the same corpus, whatever
# else they have installed (a machine's own extras, such as 16,000 generated pages of a cloud CLI,
# would otherwise swamp it). When COUNT is smaller than the pages there are, it takes every k-th
# page first, so that a small corpus still has pages of every package. Pages that are only a
# `.so` pointer to another page, or that mandoc cannot render, or that render to no text, are
# skipped and the next page is taken instead. English only; the bot's seed article is no man page,
# so it is never part of the corpus.
#
# How: `mandoc -T utf8` renders a page as text (mandoc's own `-T markdown` reads only mdoc(7),
# not the man(7) most pages are written in); awk turns that text into Markdown: the page's NAME
# line as the title heading, each section as "##", each subsection as "###", paragraphs as
# they are, with the characters that would start Markdown structure escaped.
#
# The packages (about 11,300 pages; mandoc renders them) are installed by `scripts/setup.sh bench-deps`, or here when
# missing and run as root.
set -euo pipefail

MAN_PACKAGES=(manpages manpages-dev freebsd-manpages perl-doc libssl-doc liblapack-doc tcl8.6-doc tk8.6-doc
  tcllib libx11-doc libxcb-doc openmpi-doc gnutls-doc erlang-manpages libcurl4-doc git-man)
TOOL_PACKAGES=(mandoc)

usage() {
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

if [ "${1:-}" = --packages ]; then
  echo "${MAN_PACKAGES[*]} ${TOOL_PACKAGES[*]}"
  exit 0
fi
[ $# -ge 1 ] && [ $# -le 2 ] || usage
out_dir=$1
count=${2:-10000}
[[ "$count" =~ ^[1-9][0-9]*$ ]] || { echo "man-corpus: COUNT must be a positive number, not '$count'" >&2; exit 2; }
# The count of files written is the count of pages rendered: start from an empty folder.
if [ -e "$out_dir" ] && [ -n "$(ls -A "$out_dir")" ]; then
  echo "man-corpus: $out_dir is not empty" >&2
  exit 2
fi

missing=()
for package in "${MAN_PACKAGES[@]}" "${TOOL_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "man-corpus: missing Debian packages: ${missing[*]} — run scripts/setup.sh bench-deps as root" >&2
    exit 1
  fi
  echo "man-corpus: installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export LC_ALL=C
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The candidates: every regular page of the packages, sorted; then every k-th first.
dpkg -L "${MAN_PACKAGES[@]}" | grep -E '^/usr/share/man/man[^/]*/[^/]+$' | sort -u |
  while IFS= read -r page; do [ -f "$page" ] && [ ! -L "$page" ] && printf '%s\n' "$page"; done >"$work/all"
total=$(wc -l <"$work/all")
stride=$((total / count > 1 ? total / count : 1))
awk -v stride="$stride" '{ print (NR - 1) % stride, NR - 1, $0 }' "$work/all" | sort -k1,1n -k2,2n |
  cut -d' ' -f3- >"$work/ordered"
echo "man-corpus: $total pages in ${#MAN_PACKAGES[@]} packages; writing $count to $out_dir" >&2

mkdir -p "$out_dir" "$work/empty"
out_dir=$(realpath "$out_dir")
# Renders each page named on its command line to OUT_DIR/NAME.md (NAME: the file name less .gz,
# e.g. "ls.1"); a page that fails leaves no file. mandoc's text has overstruck bold and underline,
# a header line, sections at column 0, subsections at column 3, paragraphs indented, a footer line.
# One awk renders many pages: a process per page would double the time this takes.
cat >"$work/to-markdown.awk" <<'AWK'
function escape(line) {
  # Characters that would open a heading, quote, table, HTML block, fence or rule in Markdown.
  if (line ~ /^(#|>|\||<|```|~~~)/ || line ~ /^[-=_*+ ]+$/) return "\\" line
  return line
}
function render(page,    command, line, lines, n, i, j, text, title, name, out, blank, heading, body, target) {
  gsub(/'/, "'\\''", page)
  command = "mandoc -T utf8 -O width=1000 '" page "' 2>/dev/null"
  n = 0
  while ((command | getline line) > 0) {
    gsub(/.\010/, "", line)
    sub(/[ \t]+$/, "", line)
    lines[++n] = line
  }
  close(command)
  # The header (NAME(SECTION) ... NAME(SECTION)) and the footer (source, date, NAME(SECTION)).
  while (n > 0 && lines[n] == "") n--
  n--
  name = page
  sub(/.*\//, "", name)
  sub(/\.gz$/, "", name)
  title = ""
  for (i = 2; i <= n && title == ""; i++) {
    if (lines[i] != "NAME") continue
    for (j = i + 1; j <= n && lines[j] ~ /^ /; j++) {
      text = lines[j]
      sub(/^ +/, "", text)
      if (text != "") { title = text; break }
    }
  }
  out = "# " (title == "" ? name : title) "\n"
  blank = 1
  body = 0
  for (i = 2; i <= n; i++) {
    line = lines[i]
    if (line == "") { blank = 1; continue }
    if (line ~ /^[^ ]/ && line !~ /[[:alnum:]]/) continue  # a rule drawn across the page
    heading = ""
    if (line ~ /^[^ ]/) heading = "## " line
    else if (line ~ /^   [^ ]/ && blank) heading = "### " substr(line, 4)
    if (blank || heading != "") out = out "\n"
    if (heading != "") { out = out heading "\n"; blank = 1; continue }
    sub(/^ +/, "", line)
    out = out escape(line) "\n"
    blank = 0
    ++body
  }
  if (body == 0) return
  target = out_dir "/" name ".md"
  printf "%s", out > target
  close(target)
}
BEGIN {
  for (i = 1; i < ARGC; i++) render(ARGV[i])
  exit
}
AWK

# Rounds: render the next pages needed in parallel, until COUNT are written or no page is left.
# Each round takes exactly as many new pages as are still missing, so the corpus is the first
# COUNT pages that render, in the order above, however the work was split.
: >"$work/done"
taken=0
written=0
while [ "$written" -lt "$count" ] && [ "$taken" -lt "$total" ]; do
  need=$((count - written))
  sed -n "$((taken + 1)),$((taken + need))p" "$work/ordered" >"$work/round"
  taken=$((taken + $(wc -l <"$work/round")))
  # -P: the machine's cores. From an empty folder, so that a page that is only `.so other-page`
  # fails instead of rendering its target a second time.
  (cd "$work/empty" && tr '\n' '\0' <"$work/round" |
    xargs -0 -P "$(nproc)" -n 200 awk -v out_dir="$out_dir" -f "$work/to-markdown.awk")
  written=$(find "$out_dir" -maxdepth 1 -name '*.md' | wc -l)
done
echo "man-corpus: wrote $written Markdown documents to $out_dir ($((taken - written)) of $taken pages skipped)" >&2
[ "$written" -ge "$count" ] || { echo "man-corpus: only $written pages could be rendered, not $count" >&2; exit 1; }
