import type { Check } from './types.js'

// The kinds, one line each: src/checks/<kind>/ holds the check (index.ts) and its options with their defaults
// (schema.json, assembled into checklist.schema.json at build time, in this order).
// Loaded on demand: a run pays only for the kinds its checklist uses.
const loaders = {
  manual: () => import('./manual/index.js'),
  approvals: () => import('./approvals/index.js'),
  secrets: () => import('./secrets/index.js'),
  coverage: () => import('./coverage/index.js'),
  vulnerabilities: () => import('./vulnerabilities/index.js'),
  licenses: () => import('./licenses/index.js'),
  sarif: () => import('./sarif/index.js'),
  'ci-status': () => import('./ci-status/index.js'),
  workflow: () => import('./workflow/index.js'),
  file: () => import('./file/index.js'),
  values: () => import('./values/index.js'),
  http: () => import('./http/index.js')
} satisfies Record<string, () => Promise<{ check: Check }>>

export type Kind = keyof typeof loaders
export const KINDS = Object.keys(loaders) as Kind[]

export async function loadCheck(kind: Kind): Promise<Check> {
  return (await loaders[kind]()).check
}
