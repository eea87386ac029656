#!/usr/bin/env bash
# Checks that two builds of extls write the same bytes: every committed dump under snapshots/ and the generated
# organisations (100, 300 and 1,000 servers, PowerShell 7 and 5.1 styles, seed 1, a fifth broken) are analysed
# (JSON report), imported (snapshot file), inventoried (certificates, JSON) and redacted (with one fixed key, so the
# pseudonyms are comparable) by each build, and the outputs, messages and exit codes compared file by file.
#
#   bench/compare-outputs.sh OLD_BUILD_DIR NEW_BUILD_DIR [WORK_DIR]
#
# Each build directory holds a published extls (dotnet publish src/Analyzer.Cli -c Release -r linux-x64
# --self-contained false -o DIR), or a Native AOT one. EXTLS_COMPARE_SERVERS lists the generated sizes
# (default "100 300 1000"; empty: the committed dumps only), EXTLS_COMPARE_COMMANDS the commands (default
# "analyze import certificates redact"). Exit code 0 when everything is identical, 1 when anything differs.
set -euo pipefail
old=$(cd "$1" && pwd); new=$(cd "$2" && pwd)
work=${3:-$(mktemp -d)}
repo=$(cd "$(dirname "$0")/.." && pwd)
commands=" ${EXTLS_COMPARE_COMMANDS-analyze import certificates redact} "
mkdir -p "$work/gen"

for n in ${EXTLS_COMPARE_SERVERS-100 300 1000}; do
  for style in ps7 ps51; do
    [ -d "$work/gen/g$n-$style" ] || "$old/extls" generate --servers "$n" --broken-share 0.2 --seed 1 --style "$style" --out "$work/gen/g$n-$style" > /dev/null
  done
done

outputs() {
  local bin=$1/extls out=$2
  rm -rf "$out"; mkdir -p "$out"
  local dumps=()
  while read -r m; do dumps+=("$(dirname "$m")"); done < <(cd "$repo" && find snapshots -name manifest.json | sort)
  for n in ${EXTLS_COMPARE_SERVERS-100 300 1000}; do
    for style in ps7 ps51; do dumps+=("$work/gen/g$n-$style"); done
  done
  for d in "${dumps[@]}"; do
    local tag paths
    tag=$(echo "$d" | tr '/' '_')
    paths=("$d")
    # An organisation's dump beside its Edge's is analysed joined with it, as a user would.
    if [[ "$d" == */dump && -d "$repo/${d%/dump}/edge-dump" ]]; then paths+=("${d%/dump}/edge-dump"); fi
    [[ "$commands" != *" analyze "* ]] || (cd "$repo" && NO_COLOR=1 "$bin" analyze "${paths[@]}" --format json --output "$out/$tag.analyze.json" > /dev/null 2> "$out/$tag.analyze.err"; echo "exit $?" >> "$out/$tag.analyze.err") || true
    [[ "$commands" != *" import "* ]] || (cd "$repo" && NO_COLOR=1 "$bin" import "$d" -o "$out/$tag.snapshot.json" > /dev/null 2> "$out/$tag.import.err"; echo "exit $?" >> "$out/$tag.import.err") || true
    [[ "$commands" != *" certificates "* ]] || (cd "$repo" && NO_COLOR=1 "$bin" certificates "$d" --format json --output "$out/$tag.certificates.json" > /dev/null 2> "$out/$tag.certificates.err"; echo "exit $?" >> "$out/$tag.certificates.err") || true
    [[ "$commands" != *" redact "* ]] || (cd "$repo" && NO_COLOR=1 EXTLS_REDACTION_KEY=compare-outputs "$bin" redact "$d" -o "$out/$tag.redacted" > /dev/null 2> "$out/$tag.redact.err"; echo "exit $?" >> "$out/$tag.redact.err") || true
  done
}

outputs "$old" "$work/old"
outputs "$new" "$work/new"
if diff -r -q "$work/old" "$work/new"; then
  echo "identical: $(find "$work/old" -type f | wc -l) files in $work"
else
  echo "outputs differ (above); both sets are in $work"
  exit 1
fi
