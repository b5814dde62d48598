#!/usr/bin/env bash
# The key of the code a commit holds: the ids of every top-level entry of its tree but content/
# (the paper's editions), and of the TypeScript files in content/ (site.config.ts and what it
# imports: the type-check reads them). A commit that adds or edits only editions — each morning's
# — has the key of the code before it, so the publishing workflow knows its type-check and tests
# have passed already (.github/workflows/publish.yml). Any other change (code, tests, the
# settings, the tools' settings, the lockfile, the workflow itself) gives a new key.
#   bash scripts/code-key.sh [COMMIT]      prints 40 hex digits (default HEAD)
set -euo pipefail
commit="${1:-HEAD}"
{
  git ls-tree "$commit" | awk -F '\t' '$2 != "content"'
  git ls-tree -r "$commit" -- content | awk -F '\t' '$2 ~ /\.ts$/'
} | sha256sum | cut -c1-40
