#!/usr/bin/env bash
# Installs what the collector's Pester tests need, from NuGet only:
#   - PowerShell 7.6.9 as a local dotnet tool (.config/dotnet-tools.json), run as `dotnet tool run pwsh`;
#   - Pester 5.7.1 into .tools/pester (git-ignored).
# Idempotent: a second run restores nothing new and skips the Pester download.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

pester_version="5.7.1"
pester_dir="$repo_root/.tools/pester"
pester_manifest="$pester_dir/pester/$pester_version/tools/Pester.psd1"

dotnet tool restore

if [[ -f "$pester_manifest" ]]; then
    echo "Pester $pester_version already present in .tools/pester"
else
    mkdir -p "$pester_dir"
    dotnet package download "Pester@$pester_version" -o "$pester_dir"
    if [[ ! -f "$pester_manifest" ]]; then
        echo "Pester $pester_version downloaded but $pester_manifest is missing" >&2
        exit 1
    fi
fi

dotnet tool run pwsh -- -NoLogo -NoProfile -Command '"PowerShell " + $PSVersionTable.PSVersion.ToString()'
