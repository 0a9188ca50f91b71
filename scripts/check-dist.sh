#!/usr/bin/env bash
# Rebuilds dist/ and fails when it differs from what is committed.
set -euo pipefail
npm run --silent build
if [ -n "$(git status --porcelain -- dist src/checklist/validate.generated.js)" ]; then
  echo "dist/ is stale: run 'npm run build' and commit dist/." >&2
  git status --short -- dist src/checklist/validate.generated.js >&2
  exit 1
fi
echo "dist/ is fresh"
