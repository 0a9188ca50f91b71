// coverage.py's own JSON report (`coverage json`): {"meta": {...}, "files": {path: {executed_lines,
// missing_lines, excluded_lines, executed_branches, missing_branches, summary}}, "totals": {...}}.
import { ReportSyntaxError } from './errors.js'
import { LineHits, addKey, type FileCoverage, type KeyHits, type ParsedReport } from './model.js'

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)
const numbers = (v: unknown): number[] =>
  Array.isArray(v) ? v.filter((n): n is number => Number.isInteger(n) && n > 0) : []
const arcs = (v: unknown): [number, number][] =>
  Array.isArray(v)
    ? v.filter((a): a is [number, number] => Array.isArray(a) && a.length === 2 && a.every(n => Number.isInteger(n)))
    : []
const count = (v: unknown): number | undefined => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : undefined)

/** True when a parsed JSON document is coverage.py's report (its `meta` block names coverage.py's fields). */
export function isCoveragePyJson(data: unknown): boolean {
  return isObject(data) && isObject(data.meta) && 'branch_coverage' in data.meta && isObject(data.files)
}

/**
 * Lines are coverage.py's statements: executed lines are covered, missing ones are not, excluded ones
 * do not count (`executed_lines` can also hold a few lines that are not statements, such as a
 * docstring's second line; the summary's `covered_lines`/`num_statements` is coverage.py's count). Branches are the arcs from lines with more than one exit, keyed by arc so that shards
 * merge. coverage.py's `executed_branches` can hold arcs it does not count as branches (an exception
 * leaving a line, an arc its static analysis did not predict), and the JSON does not say which: the
 * file's own summary (`num_branches`, `covered_branches`) is its count, and it is used while the file
 * comes from one report.
 */
export function parseCoveragePyJson(text: string): ParsedReport {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new ReportSyntaxError('not valid JSON', 1)
  }
  if (!isCoveragePyJson(data)) throw new ReportSyntaxError("not coverage.py's JSON report: no meta and files", 1)
  const files = new Map<string, FileCoverage>()
  const branchCoverage = (data as { meta: { branch_coverage?: unknown } }).meta.branch_coverage === true
  for (const [name, value] of Object.entries((data as { files: Record<string, unknown> }).files)) {
    if (!isObject(value)) throw new ReportSyntaxError('a file entry is not an object', 1)
    const lines = new LineHits()
    for (const l of numbers(value.missing_lines)) lines.add(l, 0)
    for (const l of numbers(value.executed_lines)) lines.add(l, 1)
    const f: FileCoverage = { lines }
    const s = isObject(value.summary) ? value.summary : {}
    const declared: NonNullable<FileCoverage['declared']> = {}
    const statements = count(s.num_statements)
    const coveredLines = count(s.covered_lines)
    if (statements !== undefined && coveredLines !== undefined && coveredLines <= statements)
      declared.lines = { covered: coveredLines, total: statements }
    if (branchCoverage) {
      const branches: KeyHits = new Map()
      for (const [a, b] of arcs(value.missing_branches)) addKey(branches, `${a}>${b}`, 0)
      for (const [a, b] of arcs(value.executed_branches)) addKey(branches, `${a}>${b}`, 1)
      f.branches = branches
      const total = count(s.num_branches)
      const covered = count(s.covered_branches)
      if (total !== undefined && covered !== undefined && covered <= total)
        declared.branches = { covered, total }
    }
    if (declared.lines || declared.branches) f.declared = declared
    files.set(name, f)
  }
  return { format: 'coveragepy', files }
}
