#!/usr/bin/env bash
# Runs every test of extls: the .NET test projects (xunit) and the collector's Pester tests.
# Installs what it needs first (the PowerShell dotnet tool and Pester, from NuGet), so it works on a
# fresh machine. Ends with one line "N passed, N failed", summed over every runner.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 NO_COLOR=1

log=$(mktemp -d)
status=0

# git diff shows the UTF-16 fixtures as text (a local git setting; see snapshots/README.md).
sh build/setup-git.sh > /dev/null 2>&1 || true

echo "== build"
if ! dotnet build Analyzer.sln -c Release -nologo -v q 2>&1 | tee "$log/build.txt" | grep -E "error|Build succeeded|Warn" ; then :; fi
if grep -qE "Build FAILED|error [A-Z]+[0-9]+" "$log/build.txt"; then
  echo "build failed"; status=1
fi

echo "== dotnet test"
mutations="${TMPDIR:-/tmp}/extls-mutations.txt"
rm -f "$mutations"
dotnet test Analyzer.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" 2>&1 | tee "$log/dotnet.txt"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
# The mutation tests write how many mutations they tried (EXTLS_MUTATIONS runs more).
[ -f "$mutations" ] && cat "$mutations"

# One summary line per test assembly: "Passed!  - Failed: 0, Passed: 45, Skipped: 0, Total: 45, …".
sum() { grep -Eo "$1: +[0-9]+" "$log/dotnet.txt" | awk '{ s += $2 } END { print s + 0 }'; }
passed=$(sum Passed)
failed=$(sum Failed)

if [ -f tests/Collector/Invoke-CollectorTests.ps1 ]; then
  echo "== pester"
  if bash build/install-powershell-tools.sh > "$log/tools.txt" 2>&1; then
    EXTLS_CLI="$(pwd)/src/Analyzer.Cli/bin/Release/net10.0/extls.dll" \
      dotnet tool run pwsh -NoLogo -NoProfile -File tests/Collector/Invoke-CollectorTests.ps1 2>&1 | tee "$log/pester.txt"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
    p=$(grep -Eo '^Pester: [0-9]+ passed, [0-9]+ failed' "$log/pester.txt" | tail -1)
    if [ -n "$p" ]; then
      passed=$((passed + $(echo "$p" | grep -Eo '[0-9]+ passed' | grep -Eo '[0-9]+')))
      failed=$((failed + $(echo "$p" | grep -Eo '[0-9]+ failed' | grep -Eo '[0-9]+')))
    else
      echo "Pester printed no summary"; status=1
    fi
  else
    cat "$log/tools.txt"; echo "could not install PowerShell tools"; status=1
  fi
fi

echo "${passed:-0} passed, ${failed:-0} failed"
exit $status
