import { STATUSES, type Status } from '../checks/types.js'
import type { GateResult, ItemResult } from './types.js'

/**
 * Section 2 of the contract: the gate passes when no blocking item is fail, error or pending, and at least one
 * item was evaluated (a run where every item is skipped proves nothing).
 */
export function isBlockingFailure(r: Pick<ItemResult, 'severity' | 'status'>): boolean {
  return r.severity === 'blocking' && (r.status === 'fail' || r.status === 'error' || r.status === 'pending')
}

export function verdict(checklist: GateResult['checklist'], items: ItemResult[]): GateResult {
  const counts = Object.fromEntries(STATUSES.map(s => [s, 0])) as Record<Status, number>
  for (const r of items) counts[r.status]++
  const blockingFailures = items.filter(isBlockingFailure).length
  const evaluated = items.some(r => r.status !== 'skipped')
  return {
    checklist,
    verdict: blockingFailures === 0 && evaluated ? 'pass' : 'fail',
    counts,
    items,
    blockingFailures
  }
}
