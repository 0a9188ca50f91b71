import type { Kind } from '../checklist/types.js'
import type { Check } from './types.js'

// Loaded on demand: a run pays only for the kinds its checklist uses.
const loaders: Record<Kind, () => Promise<{ check: Check }>> = {
  manual: () => import('./manual.js'),
  approvals: () => import('./approvals.js'),
  secrets: () => import('./secrets.js'),
  coverage: () => import('./coverage.js'),
  vulnerabilities: () => import('./vulnerabilities.js'),
  licenses: () => import('./licenses.js'),
  sarif: () => import('./sarif.js'),
  'ci-status': () => import('./ci-status.js'),
  workflow: () => import('./workflow.js'),
  file: () => import('./file.js'),
  values: () => import('./values.js'),
  http: () => import('./http.js'),
  prometheus: () => import('./prometheus/index.js')
}

export async function loadCheck(kind: Kind): Promise<Check> {
  return (await loaders[kind]()).check
}
