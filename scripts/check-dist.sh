#!/usr/bin/env bash
# Rebuilds dist/ (and the files the build generates: checklist.schema.json, the validator, the kinds'
# options.gen.ts, and scripts/build-stamp.json, what npm test's pretest compares) and fails when any differs from
# what is committed.
set -euo pipefail
npm run --silent build
generated=(dist src/checklist/validate.generated.js checklist.schema.json 'src/checks/*/options.gen.ts' scripts/build-stamp.json)
if [ -n "$(git status --porcelain -- "${generated[@]}")" ]; then
  echo "dist/ (or a generated file) is stale: run 'npm run build' and commit them." >&2
  git status --short -- "${generated[@]}" >&2
  exit 1
fi
echo "dist/ is fresh"
