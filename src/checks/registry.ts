import { spec as manual } from './manual/spec.js'
import { spec as approvals } from './approvals/spec.js'
import { spec as secrets } from './secrets/spec.js'
import { spec as coverage } from './coverage/spec.js'
import { spec as vulnerabilities } from './vulnerabilities/spec.js'
import { spec as licenses } from './licenses/spec.js'
import { spec as sarif } from './sarif/spec.js'
import { spec as ciStatus } from './ci-status/spec.js'
import { spec as workflow } from './workflow/spec.js'
import { spec as file } from './file/spec.js'
import { spec as values } from './values/spec.js'
import { spec as http } from './http/spec.js'
import { spec as prometheus } from './prometheus/spec.js'
import { CheckError } from '../errors.js'
import type { Check, KindSpec } from './types.js'

// The kinds, one line each (and the import of its spec): src/checks/<kind>/ holds the check (index.ts), its
// options with their defaults (schema.json, assembled into checklist.schema.json at build time, in this
// order) and what the loader checks beyond the schema (spec.ts).
// The checks load on demand: a run pays only for the kinds its checklist uses.
const kinds = {
  manual: { spec: manual, load: () => import('./manual/index.js') },
  approvals: { spec: approvals, load: () => import('./approvals/index.js') },
  secrets: { spec: secrets, load: () => import('./secrets/index.js') },
  coverage: { spec: coverage, load: () => import('./coverage/index.js') },
  vulnerabilities: { spec: vulnerabilities, load: () => import('./vulnerabilities/index.js') },
  licenses: { spec: licenses, load: () => import('./licenses/index.js') },
  sarif: { spec: sarif, load: () => import('./sarif/index.js') },
  'ci-status': { spec: ciStatus, load: () => import('./ci-status/index.js') },
  workflow: { spec: workflow, load: () => import('./workflow/index.js') },
  file: { spec: file, load: () => import('./file/index.js') },
  values: { spec: values, load: () => import('./values/index.js') },
  http: { spec: http, load: () => import('./http/index.js') },
  prometheus: { spec: prometheus, load: () => import('./prometheus/index.js') }
} satisfies Record<string, { spec: KindSpec; load: () => Promise<{ check: Check }> }>

export type Kind = keyof typeof kinds
export const KINDS = Object.keys(kinds) as Kind[]
const byName = new Map<string, KindSpec>(KINDS.map(k => [k, kinds[k].spec]))

/** A kind's spec; undefined for a name that is not a kind (the name is user-given: no plain-object lookup). */
export function kindSpec(name: string): KindSpec | undefined {
  return byName.get(name)
}

export async function loadCheck(kind: Kind): Promise<Check> {
  // a kind comes from the checklist: never a property of Object.prototype
  if (!Object.hasOwn(kinds, kind)) throw new CheckError(`check '${String(kind)}' does not exist`)
  return (await kinds[kind].load()).check
}
