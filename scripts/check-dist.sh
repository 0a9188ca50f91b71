#!/usr/bin/env bash
# Rebuilds dist/ and fails when it differs from what is committed.
set -euo pipefail
npm run --silent build
if [ -n "$(git status --porcelain -- dist src/checklist/validate.generated.js checklist.schema.json)" ]; then
  echo "dist/ (or checklist.schema.json) is stale: run 'npm run build' and commit them." >&2
  git status --short -- dist src/checklist/validate.generated.js checklist.schema.json >&2
  exit 1
fi
echo "dist/ is fresh"
