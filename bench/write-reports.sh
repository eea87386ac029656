#!/usr/bin/env bash
# Writes every report of one extls build for every dump committed under snapshots/ (and any generated dumps
# named on the command line), so that two builds can be compared byte for byte:
#
#   bench/write-reports.sh /tmp/before/extls /tmp/out-before [DUMP...]
#   bench/write-reports.sh /tmp/after/extls  /tmp/out-after  [DUMP...]
#   diff -r /tmp/out-before /tmp/out-after && echo identical
#
# Per dump: the JSON, SARIF and console reports of analyze, the JSON and CSV of matrix --all and the default
# matrix table, and each command's exit code. A dump folder with an edge-dump beside it is joined to it, as
# the scenario tests join them. Runs one process at a time: the machine is shared.
set -euo pipefail

if [[ $# -lt 2 ]]; then
    echo "usage: $0 EXTLS OUTDIR [DUMP...]" >&2
    exit 2
fi

extls=$1
out=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
export NO_COLOR=1

cases=()
while IFS= read -r dir; do
    cases+=("$dir")
done < <(cd "$root" && { find snapshots -type d -name dump; find snapshots -name manifest.json -printf '%h\n' | grep -v -e '/dump$' -e '/edge-dump$'; } | sort -u)

run() {
    local name=$1
    shift
    local code=0
    "$extls" "$@" >"$out/$name.stdout" 2>"$out/$name.stderr" || code=$?
    echo "$code" >"$out/$name.exit"
}

report() {
    local name=$1
    shift
    run "$name.analyze-json" analyze "$@" --format json --output "$out/$name.json" --fail-on never
    run "$name.analyze-sarif" analyze "$@" --format sarif --output "$out/$name.sarif" --fail-on never
    run "$name.analyze-console" analyze "$@" --format console --fail-on never
    run "$name.matrix-json" matrix "$@" --format json --all --output "$out/$name.matrix.json" --fail-on never
    run "$name.matrix-csv" matrix "$@" --format csv --all --output "$out/$name.matrix.csv" --fail-on never
    run "$name.matrix-console" matrix "$@" --fail-on never
}

for dir in "${cases[@]}"; do
    paths=("$root/$dir")
    parent=$(dirname "$root/$dir")
    if [[ $(basename "$dir") == dump && -d "$parent/edge-dump" ]]; then
        paths+=("$parent/edge-dump")
    fi

    report "$(echo "$dir" | tr '/' '_')" "${paths[@]}"
done

for dump in "$@"; do
    paths=("$dump")
    # A dump generated with --edge-layout separate: the organisation and each Edge folder, joined.
    if [[ -d "$dump/organization" ]]; then
        paths=("$dump"/*/)
    fi

    report "generated_$(basename "$dump")" "${paths[@]}"
done

echo "$(find "$out" -name '*.exit' | wc -l) runs written to $out"
