#!/usr/bin/env bash
# The key of the code a commit holds: the ids of every top-level entry of its tree but content/
# (the paper's editions). A commit that adds or edits only content — each morning's edition —
# has the key of the code before it, so the publishing workflow knows its tests have passed
# already (.github/workflows/publish.yml). Any change outside content/ (code, tests, settings
# of the tools, the lockfile, the workflow itself) gives a new key.
#   bash scripts/code-key.sh [COMMIT]      prints 40 hex digits (default HEAD)
set -euo pipefail
git ls-tree "${1:-HEAD}" | awk -F '\t' '$2 != "content"' | sha256sum | cut -c1-40
