import type { Status } from '../checks/types.js'
import type { GateResult, ItemResult } from '../gate/types.js'

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

/**
 * Sections whose every item belongs to another stage than the one gated, with the line that stands for
 * them (`15 items skipped: stage pre-release`): a later stage's report is not a wall of skipped rows.
 */
export function otherStageSections(result: GateResult): Map<string, string> {
  const bySection = new Map<string, ItemResult[]>()
  for (const r of result.items) bySection.set(r.section, [...(bySection.get(r.section) ?? []), r])
  const folded = new Map<string, string>()
  if (!result.stage) return folded
  for (const [section, items] of bySection) {
    const stages = [...new Set(items.map(r => r.item?.stage))]
    if (stages.some(st => st === undefined || st === result.stage)) continue
    if (!items.every(r => r.status === 'skipped')) continue
    const n = items.length
    const named = stages.length === 1 ? `stage ${stages[0]}` : `stages ${stages.join(', ')}`
    folded.set(section, `${n} item${n === 1 ? '' : 's'} skipped: ${named}`)
  }
  return folded
}
