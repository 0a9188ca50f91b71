import type { Status } from '../checks/types.js'
import type { GateResult } from '../gate/types.js'

export const ICON: Record<Status, string> = {
  pass: '✅',
  fail: '❌',
  pending: '⏳',
  error: '❗',
  skipped: '⏭️',
  waived: '🔕'
}

/** `12 pass, 2 fail, 5 pending` (zero counts left out). */
export function countsLine(result: GateResult, icons = false): string {
  return (Object.keys(result.counts) as Status[])
    .filter(s => result.counts[s] > 0)
    .map(s => `${icons ? ICON[s] + ' ' : ''}${result.counts[s]} ${s}`)
    .join(icons ? ' · ' : ', ')
}

export function verdictLine(result: GateResult): string {
  if (result.verdict === 'pass') return 'Go-live gate passed'
  const n = result.blockingFailures
  if (n === 0 && result.items.every(r => r.status === 'skipped'))
    return result.items.length === 0
      ? 'Go-live gate failed: the checklist has no item to evaluate'
      : "Go-live gate failed: every item was skipped, so nothing was verified; check the items' when against this run"
  return `Go-live gate failed: ${n} blocking item${n === 1 ? '' : 's'} not passed`
}
