// Merged coverage + thresholds -> the item's outcome (pure).
import type { Annotation, Outcome } from '../types.js'
import { thousands as int } from '../../text.js'
import type { ChangedLines } from './diff.js'
import { LineHits, METRICS, countsOf, type Counts, type FileCoverage, type MetricName } from './model.js'

export interface Thresholds {
  min?: Partial<Record<MetricName, number>>
  perFileLines?: number
  changedLines?: number
  /** below this many changed coverable lines, changed-lines is not judged */
  minChangedLines?: number
  /** the producing tool's totals for the whole of the only report (they replace the sums) */
  declared?: Partial<Record<MetricName, Counts>>
  /** what a metric is called in the summary, when it is not what the name says (Go's) */
  labels?: Partial<Record<MetricName, string>>
  /** warnings appended to the summary (an approximate merge) */
  notes?: string[]
}

export interface MetricResult extends Counts {
  /** percentage, truncated to 2 decimals as istanbul shows it (the comparison uses the exact value) */
  pct: number
}

/** What the PR changed, or why that is not known here (then changed-lines is not judged). */
export type ChangedInput = { lines: ChangedLines } | { notJudged: string }

export const ANNOTATION_CAP = 50
const WORST_SHOWN = 3

const truncate2 = (x: number): number => Math.floor(x * 100 + 1e-9) / 100
const exactPct = (c: Counts): number => (c.total === 0 ? 100 : (c.covered / c.total) * 100)
const result = (c: Counts): MetricResult => ({ covered: c.covered, total: c.total, pct: truncate2(exactPct(c)) })
const pct2 = (x: number): string => `${x.toFixed(2)}%`
const fmt = (m: MetricResult): string => `${pct2(m.pct)} (${int(m.covered)}/${int(m.total)})`

/**
 * Totals of each metric over the files; a metric no file records is absent. A file's `declared` totals
 * (its tool's own, from a single report) count instead of its per-item data.
 */
export function totals(files: Map<string, FileCoverage>): Partial<Record<MetricName, MetricResult>> {
  const out: Partial<Record<MetricName, MetricResult>> = {}
  for (const m of METRICS) {
    let covered = 0
    let total = 0
    let present = false
    for (const f of files.values()) {
      const d = f[m]
      if (d === undefined) continue
      present = true
      const c = f.declared?.[m] ?? countsOf(d)
      covered += c.covered
      total += c.total
    }
    if (present) out[m] = result({ covered, total })
  }
  return out
}

/** A file's line percentage, for ranking (worst first, then by name). */
export interface FilePct {
  file: string
  exact: number
}

const worse = (a: FilePct, b: FilePct): number => a.exact - b.exact || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)

/**
 * All `evaluate` needs of the merged files: the sums, and the few files it names. Built from the files
 * (`summarize`), or file by file while a report streams past (totals.ts), so that nothing per file is kept
 * beyond the worst few and those under `per-file`.
 */
export interface Summary {
  sums: Partial<Record<MetricName, Counts>>
  /** files after merging and `exclude` */
  files: number
  /** files with coverable lines */
  withLines: number
  /** the worst files by line %, worst first, at most WORST_SHOWN */
  worst: FilePct[]
  /** files below the per-file threshold, worst first */
  below: FilePct[]
  /** the files with their data, when kept: changed-lines needs their lines */
  data?: Map<string, FileCoverage>
}

/** Adds files up into a Summary, one at a time, in any order. */
export class SummaryBuilder {
  private readonly sums: Partial<Record<MetricName, Counts>> = {}
  private files = 0
  private withLines = 0
  private worst: FilePct[] = []
  private below: FilePct[] = []

  /** @param perFileLines the per-file threshold, if any: files below it are kept by name */
  constructor(private readonly perFileLines?: number) {}

  /** One file's counts, a metric absent when the file does not record it. */
  add(file: string, lines?: Counts, branches?: Counts, functions?: Counts, statements?: Counts): void {
    this.files++
    this.sum('lines', lines)
    this.sum('branches', branches)
    this.sum('functions', functions)
    this.sum('statements', statements)
    if (!lines || lines.total === 0) return
    this.withLines++
    const f = { file, exact: exactPct(lines) }
    if (this.perFileLines !== undefined && f.exact < this.perFileLines) this.below.push(f)
    const w = this.worst
    if (w.length < WORST_SHOWN || worse(f, w[w.length - 1]) < 0) {
      let i = w.length
      while (i > 0 && worse(f, w[i - 1]) < 0) i--
      w.splice(i, 0, f)
      if (w.length > WORST_SHOWN) w.pop()
    }
  }

  private sum(m: MetricName, c: Counts | undefined): void {
    if (!c) return
    const s = (this.sums[m] ??= { covered: 0, total: 0 })
    s.covered += c.covered
    s.total += c.total
  }

  /** Another builder's files (a part of the same report read elsewhere), none of them in this one. */
  addAll(other: Summary): void {
    for (const m of METRICS) {
      const c = other.sums[m]
      if (c) this.sum(m, c)
    }
    this.files += other.files
    this.withLines += other.withLines
    this.below.push(...other.below)
    this.worst = [...this.worst, ...other.worst].sort(worse).slice(0, WORST_SHOWN)
  }

  summary(): Summary {
    return {
      sums: this.sums,
      files: this.files,
      withLines: this.withLines,
      worst: this.worst,
      below: this.below.sort(worse)
    }
  }
}

/** The Summary of merged files (their per-line data kept for changed-lines). */
export function summarize(files: Map<string, FileCoverage>, perFileLines?: number): Summary {
  const b = new SummaryBuilder(perFileLines)
  for (const [file, f] of files) {
    const c = (m: MetricName): Counts | undefined => {
      const d = f[m]
      return d === undefined ? undefined : (f.declared?.[m] ?? countsOf(d))
    }
    b.add(file, c('lines'), c('branches'), c('functions'), c('statements'))
  }
  return { ...b.summary(), data: files }
}

export function evaluate(
  input: Map<string, FileCoverage> | Summary,
  t: Thresholds,
  changed: ChangedInput | undefined,
  reportNames: string[]
): Outcome {
  const summary = input instanceof Map ? summarize(input, t.perFileLines) : input
  const sums: Partial<Record<MetricName, MetricResult>> = {}
  for (const m of METRICS) {
    const c = summary.sums[m]
    if (c) sums[m] = result(c)
  }
  for (const m of METRICS) {
    // the root's totals can only add what its lines leave out (a root of zeros is a writer that did not count)
    const d = t.declared?.[m]
    const s = sums[m]
    if (d && s && d.total >= s.total && d.covered >= s.covered) sums[m] = result(d)
  }
  const name = (m: MetricName): string => t.labels?.[m] ?? m
  const details: Record<string, unknown> = { ...sums, files: summary.files }
  const absent: string[] = []
  const failing: string[] = []
  const passing: string[] = []
  const notes: string[] = [...(t.notes ?? [])]
  let linesFail = false

  for (const m of METRICS) {
    const min = t.min?.[m]
    if (min === undefined) continue
    const r = sums[m]
    if (!r) absent.push(`min.${m}`)
    else if (exactPct(r) < min) {
      failing.push(`${name(m)} ${pct2(r.pct)} < ${min}% (${int(r.covered)}/${int(r.total)})`)
      if (m === 'lines') linesFail = true
    } else passing.push(`${name(m)} ${fmt(r)} >= ${min}%`)
  }

  // per file, worst first
  const failingFiles: { file: string; pct: number }[] = []
  if (t.perFileLines !== undefined) {
    if (!sums.lines) absent.push('per-file.lines')
    for (const f of summary.below) failingFiles.push({ file: f.file, pct: truncate2(f.exact) })
    if (failingFiles.length > 0)
      failing.push(`${failingFiles.length} of ${summary.withLines} files below ${t.perFileLines}% lines`)
    else if (sums.lines) passing.push(`every file >= ${t.perFileLines}% lines`)
  }
  details.failingFiles = failingFiles

  // changed lines
  let annotations: Annotation[] | undefined
  if (t.changedLines !== undefined) {
    if (!changed) notes.push('changed-lines not judged: no changes known')
    else if ('notJudged' in changed) notes.push(`changed-lines not judged: ${changed.notJudged}`)
    else {
      const files = summary.data
      const withLines = files !== undefined && [...files.values()].some(f => f.lines instanceof LineHits)
      if (!withLines) absent.push('changed-lines')
      else {
        const { counts, uncovered } = changedCoverage(files, changed.lines)
        const r = result(counts)
        details.changedLines = r
        const min = t.minChangedLines ?? 0
        let fails = false
        if (counts.total === 0 || counts.total < min)
          notes.push(`changed-lines not judged: ${int(counts.total)} changed coverable lines (< ${min})`)
        else if (exactPct(r) < t.changedLines) {
          fails = true
          failing.push(`changed lines ${pct2(r.pct)} < ${t.changedLines}% (${int(r.covered)}/${int(r.total)})`)
        } else passing.push(`changed lines ${fmt(r)} >= ${t.changedLines}%`)
        annotations = annotate(uncovered, fails ? 'error' : 'warning')
      }
    }
  }

  const from = reportNames.length === 1 ? reportNames[0] : `${reportNames.length} reports`
  if (absent.length > 0) {
    const missing = absent.map(a => a.replace(/^min\./, '').replace(/^per-file\./, ''))
    return {
      status: 'error',
      summary: `${absent.join(', ')} set, but ${from} ${reportNames.length === 1 ? 'has' : 'have'} no ${[...new Set(missing)].map(m => (m === 'changed-lines' ? 'per-line' : m.replace(/s$/, ''))).join('/')} data: produce it or remove the threshold`,
      details,
      ...(annotations ? { annotations } : {})
    }
  }

  const worstLines = summary.worst.map(f => ({ file: f.file, pct: Math.floor(f.exact * 10 + 1e-9) / 10 }))
  const worst = (failingFiles.length > 0 ? failingFiles.map(f => ({ file: f.file, pct: Math.floor(f.pct * 10) / 10 })) : linesFail ? worstLines : [])
    .slice(0, WORST_SHOWN)
    .map(f => `${f.file} ${f.pct.toFixed(1)}%`)
  const tail = notes.length ? `; ${notes.join('; ')}` : ''
  if (failing.length > 0) {
    return {
      status: 'fail',
      summary: `${failing.join('; ')}${worst.length ? `; worst: ${worst.join(', ')}` : ''}${tail}`,
      details,
      ...(annotations ? { annotations } : {})
    }
  }
  const shown =
    passing.length > 0
      ? passing.join(', ')
      : `${METRICS.filter(m => sums[m])
          .map(m => `${name(m)} ${fmt(sums[m]!)}`)
          .join(', ')}; no thresholds set`
  return {
    status: 'pass',
    summary: `${shown}; ${int(summary.files)} file${summary.files === 1 ? '' : 's'}${tail}`,
    details,
    ...(annotations ? { annotations } : {})
  }
}

interface Uncovered {
  file: string
  line: number
}

/** Covered share of the changed lines that the reports know as coverable. */
export function changedCoverage(
  files: Map<string, FileCoverage>,
  changed: ChangedLines
): { counts: Counts; uncovered: Uncovered[] } {
  let covered = 0
  let total = 0
  const uncovered: Uncovered[] = []
  for (const [file, lines] of [...changed].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const hits = files.get(file)?.lines
    if (!(hits instanceof LineHits)) continue
    for (const line of [...lines].sort((a, b) => a - b)) {
      const h = hits.get(line)
      if (h < 0) continue
      total++
      if (h > 0) covered++
      else uncovered.push({ file, line })
    }
  }
  return { counts: { covered, total }, uncovered }
}

/** Runs of uncovered changed lines, one annotation a run, at most ANNOTATION_CAP. */
function annotate(uncovered: Uncovered[], level: Annotation['level']): Annotation[] {
  const out: Annotation[] = []
  for (let i = 0; i < uncovered.length && out.length < ANNOTATION_CAP; ) {
    const { file, line } = uncovered[i]
    let end = line
    let j = i + 1
    while (j < uncovered.length && uncovered[j].file === file && uncovered[j].line === end + 1) end = uncovered[j++].line
    out.push({
      level,
      file,
      line,
      ...(end !== line ? { endLine: end } : {}),
      title: 'Changed line not covered',
      message: end !== line ? `lines ${line}-${end} are changed by this PR and no test runs them` : `line ${line} is changed by this PR and no test runs it`
    })
    i = j
  }
  return out
}
