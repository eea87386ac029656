#!/usr/bin/env sh
# Defines, for this clone, the git diff driver "utf16" that snapshots/.gitattributes gives the fixtures saved in
# UTF-16 (Windows PowerShell's `>`, Export-Clixml), so that git diff, git log -p and git show print them as text
# instead of "Binary files differ". Only the display changes: -text keeps the files' bytes exact. Idempotent;
# test.sh runs it, and a developer can run it once after cloning.
set -eu
cd "$(dirname "$0")/.."

if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "setup-git: not a git checkout, nothing to set up"
  exit 0
fi

if ! command -v iconv >/dev/null 2>&1; then
  echo "setup-git: iconv not found; UTF-16 fixtures will show as binary in git diff" >&2
  exit 0
fi

# iconv reads the byte order mark the files begin with to choose little-endian, and drops it.
git config diff.utf16.textconv "iconv -f UTF-16 -t UTF-8"
echo "setup-git: git diff shows UTF-16 fixtures as text (diff.utf16.textconv)"
