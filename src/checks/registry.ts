import type { Kind } from '../checklist/types.js'
import type { Check } from './types.js'

// Loaded on demand: a run pays only for the kinds its checklist uses.
const loaders: Record<Kind, () => Promise<{ check: Check }>> = {
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
}

export async function loadCheck(kind: Kind): Promise<Check> {
  return (await loaders[kind]()).check
}
