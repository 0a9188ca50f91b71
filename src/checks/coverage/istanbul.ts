// istanbul's JSON reports: coverage-final.json (the `json` reporter, per statement, function and branch)
// and coverage-summary.json (the `json-summary` reporter, totals per file only).
import { isCoveragePyJson } from './coveragepy.js'
import { ReportSyntaxError } from './errors.js'
import { LineHits, type Counts, type FileCoverage, type KeyHits, type ParsedReport } from './model.js'

interface Loc {
  start?: { line?: number; column?: number }
  end?: { line?: number; column?: number }
}

interface FinalEntry {
  path?: string
  statementMap: Record<string, Loc>
  fnMap?: Record<string, { name?: string; decl?: Loc; loc?: Loc }>
  branchMap?: Record<string, { loc?: Loc; locations?: Loc[] }>
  s: Record<string, number>
  f?: Record<string, number>
  b?: Record<string, number[]>
}

interface SummaryMetric {
  total: number
  covered: number
}

const locKey = (l: Loc | undefined): string =>
  l ? `${l.start?.line ?? ''}:${l.start?.column ?? ''}-${l.end?.line ?? ''}:${l.end?.column ?? ''}` : ''

/** Keys by source location, as istanbul's own merge matches shards; a repeated location keeps its own key. */
function keyer(): (loc: string) => string {
  const seen = new Map<string, number>()
  return loc => {
    const n = seen.get(loc) ?? 0
    seen.set(loc, n + 1)
    return n === 0 ? loc : `${loc}#${n}`
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

/** The line of a JSON.parse error: from its position when V8 gives one, else from the excerpt it quotes. */
function jsonErrorLine(text: string, msg: string): number {
  const at = /position (\d+)/.exec(msg)
  if (at) return lineOf(text, Number(at[1]))
  const quoted = /"([\s\S]*)" is not valid JSON/.exec(msg)?.[1]
  if (quoted) {
    const excerpt = quoted.replace(/^\.\.\./, '').replace(/\.\.\.$/, '')
    const i = text.indexOf(excerpt)
    // V8 quotes about ten characters either side of the bad token
    if (i >= 0) return lineOf(text, i + Math.min(10, excerpt.length - 1))
  }
  if (/end of JSON input/.test(msg)) return lineOf(text, text.length)
  return 1
}

export function parseIstanbulJson(text: string): ParsedReport {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    // V8's message quotes the report around the error: only its line is kept
    throw new ReportSyntaxError('not valid JSON', jsonErrorLine(text, (e as Error).message))
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new ReportSyntaxError('not an istanbul coverage JSON object', 1)
  if (isCoveragePyJson(data))
    throw new ReportSyntaxError(
      "this is coverage.py's JSON report (`coverage json`), not istanbul's: set format: coveragepy (or auto)",
      1
    )
  const files = new Map<string, FileCoverage>()
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (!value || typeof value !== 'object') throw new ReportSyntaxError('an entry is not an object', 1)
    const v = value as Record<string, unknown>
    if (v.statementMap && v.s) files.set(typeof v.path === 'string' ? v.path : key, finalFile(v as unknown as FinalEntry))
    else if (isSummaryMetric(v.lines)) {
      if (key !== 'total') files.set(key, summaryFile(v))
    } else
      throw new ReportSyntaxError(
        'an entry is neither coverage-final.json (statementMap) nor coverage-summary.json (lines.total)',
        1
      )
  }
  return { format: 'istanbul', files }
}

function isSummaryMetric(v: unknown): v is SummaryMetric {
  return !!v && typeof v === 'object' && typeof (v as SummaryMetric).total === 'number' && typeof (v as SummaryMetric).covered === 'number'
}

function summaryFile(v: Record<string, unknown>): FileCoverage {
  const f: FileCoverage = {}
  for (const m of ['lines', 'branches', 'functions', 'statements'] as const) {
    const x = v[m]
    if (isSummaryMetric(x)) f[m] = { covered: x.covered, total: x.total } satisfies Counts
  }
  return f
}

/** `map[key]` for an own key only: the ids are the report's, and `constructor` must not find Object's. */
function own<T>(map: Record<string, T> | undefined, key: string): T | undefined {
  return map && typeof map === 'object' && Object.hasOwn(map, key) ? map[key] : undefined
}

function finalFile(e: FinalEntry): FileCoverage {
  const statements: KeyHits = new Map()
  const byLine = new Map<number, number>()
  const sKey = keyer()
  for (const [id, hits] of Object.entries(e.s)) {
    const loc = own(e.statementMap, id)
    statements.set(sKey(loc ? locKey(loc) : `s${id}`), hits)
    // a line's count is that of its busiest statement starting on it (istanbul's getLineCoverage)
    const line = loc?.start?.line
    if (line !== undefined) {
      const prev = byLine.get(line)
      if (prev === undefined || prev < hits) byLine.set(line, hits)
    }
  }
  const lines = new LineHits()
  for (const [line, hits] of byLine) lines.add(line, hits)

  const functions: KeyHits = new Map()
  const fKey = keyer()
  for (const [id, hits] of Object.entries(e.f ?? {})) {
    const fn = own(e.fnMap, id)
    functions.set(fKey(fn ? `${locKey(fn.decl ?? fn.loc)}` : `f${id}`), hits)
  }

  const branches: KeyHits = new Map()
  const bKey = keyer()
  for (const [id, counts] of Object.entries(e.b ?? {})) {
    const br = own(e.branchMap, id)
    const base = bKey(br ? locKey(br.loc ?? br.locations?.[0]) : `b${id}`)
    if (!Array.isArray(counts)) throw new ReportSyntaxError('a branch entry of `b` is not a list of counts', 1)
    counts.forEach((hits, i) => branches.set(`${base}/${i}`, hits))
  }
  return { lines, statements, functions, branches }
}
