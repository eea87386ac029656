#!/usr/bin/env bash
# Runs the worked CI example of docs/ci.md on two of the repository's own dumps, with the commands taken
# from the document itself, so that the example and extls cannot drift apart:
#   - the baseline command and the shared analysis commands are the blocks marked <!-- ci-example: baseline -->
#     and <!-- ci-example: commands -->;
#   - the GitHub Actions, Azure DevOps and GitLab examples are the YAML blocks marked github, azure and gitlab;
#     the script body of each (the `run: |`, `- bash: |` or `- |` holding `extls analyze`) must start with the
#     shared commands, and is run as it is written, in a folder laid out as the example's variables say.
# The story: the healthy dump (001) is committed with its baseline; a change deletes EX02's internal transport
# certificate (008): the step must report new findings and the job must fail; the change is accepted (the baseline
# is made again): nothing new; the certificate comes back: the fixed findings are passing tests.
# Usage: build/ci-example.sh [EXTLS]   (EXTLS: the extls executable; default: the Release build of src/Analyzer.Cli).
# Ends with one line "N passed, N failed".
set -uo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
doc="$repo/docs/ci.md"
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && exit 0 || exit 1
}

command -v node > /dev/null || { fail "node is missing: the checks read the reports with it"; finish; }

work="$(mktemp -d "${TMPDIR:-/tmp}/extls-ci-example.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# The doc's commands call `extls`: put the one under test first on the PATH.
extls="${1:-${EXTLS:-}}"
mkdir -p "$work/bin"
if [ -n "$extls" ]; then
  target="$(command -v "$extls" || echo "$extls")"
  [ -x "$target" ] || { fail "$extls is not an executable"; finish; }
  printf '#!/usr/bin/env bash\nexec "%s" "$@"\n' "$target" > "$work/bin/extls"
  chmod +x "$work/bin/extls"
else
  dll="$repo/src/Analyzer.Cli/bin/Release/net10.0/extls.dll"
  [ -f "$dll" ] || { fail "no extls to run: build src/Analyzer.Cli in Release or pass the executable"; finish; }
  printf '#!/usr/bin/env bash\nexec dotnet "%s" "$@"\n' "$dll" > "$work/bin/extls"
  chmod +x "$work/bin/extls"
fi
export PATH="$work/bin:$PATH"

# --- the blocks of the document --------------------------------------------------------------------------------
# The fenced block that follows the marker line <!-- ci-example: NAME -->, without its fences and indentation.
block() {
  awk -v name="$1" '
    $0 ~ "<!-- ci-example: " name " -->" { found = 1; next }
    found && !inside && /^[[:space:]]*```/ { inside = 1; match($0, /^[[:space:]]*/); indent = RLENGTH; next }
    inside && /^[[:space:]]*```/ { exit }
    inside { print substr($0, indent + 1) }
  ' "$doc"
}

# The literal script of a YAML block: the body under the first `KEY: |` or `- |` whose body runs `extls analyze`.
script_of() {
  awk '
    function flush() { if (body != "" && body ~ /extls analyze/) { printf "%s", body; done = 1 } body = ""; key = -1 }
    BEGIN { key = -1 }
    done { next }
    {
      match($0, /^ */); lead = RLENGTH
      if (key >= 0) {
        if ($0 ~ /^[[:space:]]*$/ || lead > key) { if (indent < 0) indent = lead; body = body substr($0, indent + 1) "\n"; next }
        flush()
      }
      # The body is indented past its parent: the key, which in a list item ("- bash: |") starts after the "- ",
      # or the list item itself ("- |").
      if ($0 ~ /(:|-) \|[[:space:]]*$/) { key = lead + ($0 ~ /^ *- [^ ]+: \|/ ? 2 : 0); indent = -1; body = "" }
    }
    END { if (!done) flush() }
  '
}

# A variable of a YAML block: "NAME: value".
variable_of() { sed -nE "s/^[[:space:]]*$2:[[:space:]]*\"?([^\"]*)\"?[[:space:]]*$/\1/p" <<< "$1" | head -n 1; }

baseline_command="$(block baseline)"
commands="$(block commands)"
[ -n "$baseline_command" ] && [ -n "$commands" ] || { fail "docs/ci.md has no baseline or commands block"; finish; }
declare -A scripts=() dumps=() baselines=()
for ci in github azure gitlab; do
  yaml="$(block "$ci")"
  scripts[$ci]="$(script_of <<< "$yaml")"
  dumps[$ci]="$(variable_of "$yaml" DUMP)"
  baselines[$ci]="$(variable_of "$yaml" BASELINE)"
  if [ -z "${scripts[$ci]}" ]; then
    fail "docs/ci.md: the $ci example has no script running extls analyze"
  elif [ "${scripts[$ci]:0:${#commands}}" != "$commands" ]; then
    fail "docs/ci.md: the $ci example's script does not start with the shared commands"
  else
    pass "docs/ci.md: the $ci example runs the shared commands"
  fi
done

dump="${dumps[github]}"
baseline="${baselines[github]}"
if [ -z "$dump" ] || [ -z "$baseline" ] || [ "$dump" != "${dumps[azure]}" ] || [ "$dump" != "${dumps[gitlab]}" ]; then
  fail "docs/ci.md: the examples do not name one DUMP and BASELINE ($dump, $baseline)"; finish
fi
case "$baseline_command" in
  *"$dump"*"$baseline"*) pass "docs/ci.md: the baseline is made from the examples' dump into their baseline" ;;
  *) fail "docs/ci.md: the baseline command does not write $baseline from $dump" ;;
esac

# --- the repository the example describes, in a folder of its own ------------------------------------------------
site="$work/repo"
mkdir -p "$site"
put_dump() { rm -rf "${site:?}/$dump"; mkdir -p "$site/$dump"; cp -R "$repo/$1/." "$site/$dump/"; }

# Runs one example's script in the site as its pipeline would, with the pipeline's files. Sets $status.
run_step() {
  local ci="$1" label="$2"
  rm -f "$site"/extls.sarif "$site"/extls-junit.xml "$site"/extls-summary.md
  : > "$work/output"; : > "$work/summary"
  (cd "$site" && DUMP="$dump" BASELINE="$baseline" GITHUB_OUTPUT="$work/output" GITHUB_STEP_SUMMARY="$work/summary" \
    bash -e -o pipefail -c "${scripts[$ci]}") > "$work/$ci-$label.log" 2>&1
  status=$?
}

# Prints what the reports say, for the checks: "sarif N new M unchanged K absent", "junit T tests F failures", ...
facts() {
  node - "$site" <<'EOF'
const fs = require("fs"), path = require("path"), site = process.argv[2];
const out = [];
const sarifPath = path.join(site, "extls.sarif");
if (fs.existsSync(sarifPath)) {
  const run = JSON.parse(fs.readFileSync(sarifPath, "utf8")).runs[0];
  const states = { new: 0, unchanged: 0, absent: 0, none: 0 };
  for (const r of run.results) states[r.baselineState || "none"]++;
  const helpUris = run.tool.driver.rules.every(r => /^https:\/\/.+\/EXTLS[0-9]{4}\.md$/.test(r.helpUri || ""));
  out.push(`sarif ${states.new} new ${states.unchanged} unchanged ${states.absent} absent ${states.none} none exit ${run.invocations[0].exitCode} helpUri ${helpUris}`);
}
const junitPath = path.join(site, "extls-junit.xml");
if (fs.existsSync(junitPath)) {
  const xml = fs.readFileSync(junitPath, "utf8");
  const root = /<testsuites [^>]*tests="(\d+)" failures="(\d+)"/.exec(xml);
  const fixed = (xml.match(/<system-out>fixed since the baseline/g) || []).length;
  out.push(`junit ${root ? root[1] : "?"} tests ${root ? root[2] : "?"} failures ${(xml.match(/<failure /g) || []).length} failure-elements ${fixed} fixed`);
}
const summaryPath = path.join(site, "extls-summary.md");
if (fs.existsSync(summaryPath)) {
  const md = fs.readFileSync(summaryPath, "utf8");
  out.push(`summary ${md.length} chars ${md.startsWith("## extls: ") ? "titled" : "untitled"}`);
}
console.log(out.join("\n"));
EOF
}

expect() { # label, then a pattern the facts must match
  local label="$1" pattern="$2"
  if grep -qE -- "$pattern" <<< "$facts"; then pass "$label"; else fail "$label: expected /$pattern/ in: $(tr '\n' ';' <<< "$facts")"; fi
}

# 1. The healthy dump is committed with its baseline, made by the document's own command.
put_dump snapshots/scenarios/001-healthy-baseline/dump
mkdir -p "$site/$(dirname "$baseline")"
if (cd "$site" && bash -e -c "$baseline_command") > "$work/baseline.log" 2>&1 && [ -s "$site/$baseline" ]; then
  pass "the baseline command writes $baseline"
else
  cat "$work/baseline.log"; fail "the baseline command"; finish
fi

# 2. A change deletes EX02's internal transport certificate: new findings.
put_dump snapshots/scenarios/008-p1-not-in-store/dump
run_step github broken
facts="$(facts)"
if [ "$status" -eq 0 ] && grep -qx "exit-code=1" "$work/output"; then
  pass "GitHub step on the broken dump: the step passes and hands on exit code 1, so 'Fail on new findings' fails the job"
else
  cat "$work/github-broken.log"; fail "GitHub step on the broken dump: status $status, outputs $(tr '\n' ' ' < "$work/output")"
fi
expect "GitHub step on the broken dump: every SARIF result is new, none absent, each rule has its helpUri" '^sarif [1-9][0-9]* new 0 unchanged 0 absent 0 none exit 1 helpUri true$'
expect "GitHub step on the broken dump: the JUnit report has failures" '^junit [0-9]+ tests [1-9][0-9]* failures [1-9][0-9]* failure-elements 0 fixed$'
expect "GitHub step on the broken dump: the Markdown summary fits a pull-request comment" '^summary [0-9]{1,5} chars titled$'
if [ -s "$work/summary" ] && cmp -s "$work/summary" "$site/extls-summary.md" && [ "$(wc -c < "$work/summary")" -lt 65536 ]; then
  pass "GitHub step on the broken dump: the summary is written to the job summary"
else
  fail "GitHub step on the broken dump: the job summary is not the Markdown summary"
fi
if grep -q "EXTLS1004" "$work/github-broken.log" && grep -q "(new)" "$work/github-broken.log"; then
  pass "GitHub step on the broken dump: the log shows the new findings"
else
  fail "GitHub step on the broken dump: the log does not show the new EXTLS1004"
fi

run_step azure broken
if [ "$status" -eq 0 ] && grep -q '##vso\[task.setvariable variable=extlsExitCode\]1' "$work/azure-broken.log" \
   && grep -q '##vso\[task.uploadsummary\]' "$work/azure-broken.log" && [ -s "$site/extls-junit.xml" ]; then
  pass "Azure DevOps step on the broken dump: passes, sets extlsExitCode to 1 and uploads the summary"
else
  cat "$work/azure-broken.log"; fail "Azure DevOps step on the broken dump: status $status"
fi
run_step gitlab broken
if [ "$status" -eq 1 ] && [ -s "$site/extls-junit.xml" ] && [ -s "$site/extls.sarif" ]; then
  pass "GitLab job on the broken dump: fails with exit code 1 and leaves its reports"
else
  cat "$work/gitlab-broken.log"; fail "GitLab job on the broken dump: status $status"
fi

# 3. The change is accepted: the baseline is made again, and the same dump has nothing new.
(cd "$site" && bash -e -c "$baseline_command") > "$work/baseline.log" 2>&1
run_step github accepted
facts="$(facts)"
if [ "$status" -eq 0 ] && grep -qx "exit-code=0" "$work/output"; then
  pass "GitHub step after the baseline is renewed: exit code 0"
else
  cat "$work/github-accepted.log"; fail "GitHub step after the baseline is renewed: status $status, outputs $(tr '\n' ' ' < "$work/output")"
fi
expect "GitHub step after the baseline is renewed: every SARIF result is unchanged" '^sarif 0 new [1-9][0-9]* unchanged 0 absent 0 none exit 0 '

# 4. The certificate comes back: the baseline's findings are fixed, a passing test each, and absent from the SARIF.
put_dump snapshots/scenarios/001-healthy-baseline/dump
run_step github fixed
facts="$(facts)"
if [ "$status" -eq 0 ] && grep -qx "exit-code=0" "$work/output"; then
  pass "GitHub step once the certificate is back: exit code 0"
else
  cat "$work/github-fixed.log"; fail "GitHub step once the certificate is back: status $status"
fi
expect "GitHub step once the certificate is back: the fixed findings are passing JUnit cases" '^junit [0-9]+ tests 0 failures 0 failure-elements [1-9][0-9]* fixed$'
expect "GitHub step once the certificate is back: the SARIF for code scanning leaves the absent results out" '^sarif 0 new 0 unchanged 0 absent 0 none exit 0 '

# 5. An empty DUMP variable fails the step instead of analysing the working folder or the built-in sample.
scripts[empty]="${scripts[github]}"
saved="$dump"; dump=""
run_step empty empty
dump="$saved"
if [ "$status" -ne 0 ] && grep -q "extls exited with 2" "$work/empty-empty.log" && grep -q "An empty PATH was given" "$work/empty-empty.log"; then
  pass "GitHub step with an empty DUMP: fails with a usage error"
else
  cat "$work/empty-empty.log"; fail "GitHub step with an empty DUMP: status $status"
fi

finish
