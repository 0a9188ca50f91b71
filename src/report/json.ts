import type { GateResult } from '../gate/types.js'

/** The JSON report of the contract's section 6. */
export function toJsonReport(result: GateResult): object {
  return {
    version: 1,
    checklist: result.checklist,
    stage: result.stage,
    result: result.verdict,
    counts: result.counts,
    items: result.items.map(r => ({
      id: r.id,
      section: r.section,
      title: r.title,
      check: r.check,
      severity: r.severity,
      status: r.status,
      summary: r.summary,
      details: r.details,
      durationMs: r.durationMs
    }))
  }
}
