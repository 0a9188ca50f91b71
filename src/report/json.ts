import type { GateResult, ItemResult } from '../gate/types.js'

/** One item as the JSON report (and the merged report, and the evidence) carries it. */
export function itemJson(r: ItemResult) {
  return {
    id: r.id,
    section: r.section,
    title: r.title,
    check: r.check,
    severity: r.severity,
    status: r.status,
    summary: r.summary,
    details: r.details,
    durationMs: r.durationMs
  }
}

/** The JSON report of the contract's section 6. */
export function toJsonReport(result: GateResult): object {
  return {
    version: 1,
    checklist: result.checklist,
    stage: result.stage,
    result: result.verdict,
    counts: result.counts,
    items: result.items.map(itemJson)
  }
}
