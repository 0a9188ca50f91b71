import type { Item, Kind, Severity } from '../checklist/types.js'
import { STATUSES, type Status } from '../checks/types.js'
import { UsageError } from '../errors.js'
import type { GateResult, ItemResult } from '../gate/types.js'
import { verdict } from '../gate/verdict.js'
import { itemJson } from './json.js'
import { countsLine, ICON } from './words.js'
import { escapeMarkdown } from './markdown.js'

/** One service's gate, read back from the JSON report its matrix job wrote. */
export interface ServiceReport {
  name: string
  /** where the report was read from */
  source: string
  stage?: string
  result: GateResult
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const has = (o: Record<string, unknown>, k: string) => Object.prototype.hasOwnProperty.call(o, k)

/**
 * Reads a JSON report of section 6 and judges it again from its items: a report is data from another job,
 * so its own `result` and `counts` are never taken on trust. Anything malformed is refused (exit 2).
 */
export function readServiceReport(text: string, source: string): ServiceReport {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new UsageError(`${source} is not a JSON report (it does not parse as JSON)`)
  }
  const bad = (why: string) => new UsageError(`${source} is not a go-live-gate JSON report: ${why}`)
  if (!isObject(data) || data.version !== 1) throw bad('no "version": 1')
  const checklist = data.checklist
  if (!isObject(checklist) || typeof checklist.name !== 'string' || typeof checklist.path !== 'string')
    throw bad('no checklist name and path')
  if (!Array.isArray(data.items)) throw bad('no items')
  const statuses = new Set<string>(STATUSES)
  const items: ItemResult[] = data.items.map((raw, i): ItemResult => {
    if (!isObject(raw)) throw bad(`item ${i + 1} is not an object`)
    for (const key of ['id', 'section', 'title', 'check', 'summary'])
      if (typeof raw[key] !== 'string') throw bad(`item ${i + 1} has no ${key}`)
    if (typeof raw.status !== 'string' || !statuses.has(raw.status))
      throw bad(`item ${i + 1} has an unknown status`)
    if (raw.severity !== 'blocking' && raw.severity !== 'warning') throw bad(`item ${i + 1} has no severity`)
    const details = has(raw, 'details') && isObject(raw.details) ? raw.details : {}
    return {
      id: raw.id as string,
      section: raw.section as string,
      title: raw.title as string,
      check: raw.check as Kind,
      severity: raw.severity as Severity,
      status: raw.status as Status,
      summary: raw.summary as string,
      details,
      annotations: [],
      durationMs: typeof raw.durationMs === 'number' ? raw.durationMs : 0,
      item: { id: raw.id, title: raw.title, section: raw.section } as unknown as Item
    }
  })
  const release = typeof checklist.release === 'string' ? checklist.release : undefined
  const result = verdict({ name: checklist.name, path: checklist.path, release }, items)
  if (data.result !== result.verdict)
    throw bad(`it says "${String(data.result)}" but its items say "${result.verdict}"`)
  const stage = typeof data.stage === 'string' ? data.stage : undefined
  return { name: checklist.name, source, stage, result }
}

/** The joint verdict of several services: one gate whose sections are the services' sections. */
export function mergeReports(reports: ServiceReport[]): { result: GateResult; services: ServiceReport[] } {
  if (reports.length === 0) throw new UsageError('merge needs at least one JSON report')
  const stages = new Set(reports.map(r => r.stage ?? ''))
  if (stages.size > 1)
    throw new UsageError(
      `the reports gate different stages (${[...stages].map(s => s || 'none').join(', ')})`
    )
  // Two services with one name are told apart by where their report came from.
  const seen = new Map<string, number>()
  for (const r of reports) seen.set(r.name, (seen.get(r.name) ?? 0) + 1)
  const services = reports.map(r => ({
    ...r,
    name: seen.get(r.name)! > 1 ? `${r.name} (${r.source})` : r.name
  }))
  const items = services.flatMap(s =>
    s.result.items.map(r => ({ ...r, id: `${s.name}/${r.id}`, section: `${s.name} · ${r.section}` }))
  )
  const result = verdict(
    {
      name: services.map(s => s.name).join(', '),
      path: services.map(s => s.result.checklist.path).join(', ')
    },
    items
  )
  return { result, services }
}

/** The merged JSON report: section 6's shape, with the services and each item's service. */
export function toMergedJson(merged: { result: GateResult; services: ServiceReport[] }): object {
  const { result, services } = merged
  const stage = services[0]?.stage
  return {
    version: 1,
    checklist: result.checklist,
    ...(stage ? { stage } : {}),
    result: result.verdict,
    counts: result.counts,
    services: services.map(s => ({
      name: s.name,
      report: s.source,
      checklist: s.result.checklist,
      result: s.result.verdict,
      counts: s.result.counts,
      blockingFailures: s.result.blockingFailures
    })),
    items: result.items.map(itemJson)
  }
}

/** The table of services that heads the merged summary and comment. */
export function servicesTable(services: ServiceReport[]): string {
  const rows = services.map(s => {
    const icon = s.result.verdict === 'pass' ? ICON.pass : ICON.fail
    const n = s.result.blockingFailures
    const blocking = n === 0 ? 'passed' : `${n} blocking item${n === 1 ? '' : 's'} not passed`
    return `| ${icon} | ${escapeMarkdown(s.name)} | ${blocking} | ${countsLine(s.result)} |`
  })
  return ['| | Service | Verdict | Items |', '| :-: | --- | --- | --- |', ...rows].join('\n')
}
