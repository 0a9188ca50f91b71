import type { Item, Kind, Severity } from '../checklist/types.js'
import type { Annotation, Status } from '../checks/types.js'

export type Verdict = 'pass' | 'fail'
export type Mode = 'enforce' | 'report'

export interface ItemResult {
  id: string
  section: string
  title: string
  check: Kind
  severity: Severity
  status: Status
  summary: string
  details: Record<string, unknown>
  annotations: Annotation[]
  durationMs: number
  item: Item
}

export interface GateResult {
  checklist: { name: string; path: string; release?: string }
  /** the stage gated (section 9); set by runGate */
  stage?: string
  verdict: Verdict
  counts: Record<Status, number>
  items: ItemResult[]
  /** blocking items that are fail, error or pending */
  blockingFailures: number
}
