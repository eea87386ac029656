#!/usr/bin/env bash
# Packs the extls dotnet tool into OUT_DIR: the `extls` package, which only names one package per runtime, and those
# packages (src/Analyzer.Cli/Analyzer.Cli.csproj says which runtime gets which build):
#   extls.linux-x64     Native AOT, when packed on Linux x64 (else ReadyToRun like the next three): two executables,
#                       extls without PowerShell's parser and extls-plan with it, both compiled by its `dotnet pack`
#   extls.linux-arm64, extls.win-x64, extls.osx-arm64
#                       framework-dependent, precompiled with ReadyToRun
#   extls.any           framework-dependent, for every other platform
# The SDK packs a Native AOT tool's runtime packages one `dotnet pack -r RID` at a time (it cannot compile natively for
# another platform, so it leaves the loop to the caller); this script is that loop, with the runtimes read from the
# project, so that the list lives in one place.
#
#   build/pack.sh OUT_DIR [MSBUILD_ARGUMENT…]       e.g. build/pack.sh /tmp/feed -p:Version=1.2.3
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: build/pack.sh OUT_DIR [MSBUILD_ARGUMENT…]" >&2; exit 2; }
out=$(mkdir -p "$1" && cd "$1" && pwd); shift
project="$(cd "$(dirname "$0")/.." && pwd)/src/Analyzer.Cli"

rids=$(dotnet msbuild "$project" -nologo -p:_IsPacking=true -getProperty:ToolPackageRuntimeIdentifiers "$@")
[ -n "$rids" ] || { echo "the project names no ToolPackageRuntimeIdentifiers" >&2; exit 1; }

pack() { # label, then dotnet pack arguments
  local label=$1 started=$SECONDS; shift
  dotnet pack "$project" -c Release -nologo -v q -o "$out" "$@"
  echo "packed $label in $((SECONDS - started)) s"
}
pack extls "$@"
IFS=';' read -ra list <<< "$rids"
for rid in "${list[@]}"; do
  pack "extls.$rid" -r "$rid" "$@"
done
