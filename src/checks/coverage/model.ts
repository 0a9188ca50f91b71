// The coverage data every parser produces and the merge works on.

export type MetricName = 'lines' | 'branches' | 'functions' | 'statements'
export const METRICS: readonly MetricName[] = ['lines', 'branches', 'functions', 'statements']

export type Format = 'lcov' | 'cobertura' | 'clover' | 'istanbul' | 'jacoco' | 'go' | 'coveragepy'

/** How the formats are called in messages. */
export const FORMAT_NAMES: Readonly<Record<Format, string>> = {
  lcov: 'lcov',
  cobertura: 'Cobertura XML',
  clover: 'Clover XML',
  istanbul: 'istanbul JSON',
  jacoco: 'JaCoCo XML',
  go: 'Go coverprofile',
  coveragepy: "coverage.py's JSON"
}

/** The `format` values, as a message lists them. */
export const FORMAT_LIST = 'lcov, cobertura, clover, istanbul, jacoco, go or coveragepy'

/** Covered and total items of one metric; `pct` is 0..100 (100 when there is nothing to cover, as istanbul does). */
export interface Counts {
  covered: number
  total: number
}

export const MAX_HITS = 0x7fffffff

/**
 * Hits per line, indexed by line number; -1 where the line is not coverable. Dense, because reports
 * list most lines of a file, and a typed array costs 4 bytes a line instead of a Map entry's ~30.
 */
export class LineHits {
  /**
   * @param data hits by line from `base` on, -1 where not coverable; a parser may hand in a slice of a
   *   larger array it shares between files (lcov.ts), of which this file owns `room` items
   * @param length highest line number recorded + 1
   */
  constructor(
    private data: Int32Array = new Int32Array(256).fill(-1),
    public length = 0,
    private base = 0,
    private room = data.length - base
  ) {}

  /** Records hits on a line; a line seen twice (shards, duplicate records) adds up. */
  add(line: number, hits: number): void {
    if (line >= this.room) {
      let size = Math.max(256, this.room * 2)
      while (size <= line) size *= 2
      const next = new Int32Array(size).fill(-1)
      next.set(this.data.subarray(this.base, this.base + this.length))
      this.data = next
      this.base = 0
      this.room = size
    }
    const at = this.base + line
    const prev = this.data[at]
    const h = hits > 0 ? hits : 0
    this.data[at] = prev < 0 ? Math.min(h, MAX_HITS) : Math.min(prev + h, MAX_HITS)
    if (line >= this.length) this.length = line + 1
  }

  /** hits by line 0..length-1 (-1: not coverable), a copy; `new LineHits(a, a.length)` makes it back */
  toArray(): Int32Array {
    return this.data.slice(this.base, this.base + this.length)
  }

  /** -1 when the line is not coverable */
  get(line: number): number {
    return line < this.length ? this.data[this.base + line] : -1
  }

  merge(other: LineHits): void {
    for (let line = 0; line < other.length; line++) {
      const h = other.data[other.base + line]
      if (h >= 0) this.add(line, h)
    }
  }

  counts(): Counts {
    let covered = 0
    let total = 0
    const end = this.base + this.length
    for (let at = this.base; at < end; at++) {
      const h = this.data[at]
      if (h >= 0) {
        total++
        if (h > 0) covered++
      }
    }
    return { covered, total }
  }
}

/** Hits per branch, function or statement, by a key stable across shards of the same format. */
export type KeyHits = Map<string | number, number>

/**
 * Hits of distinct keys kept flat, as the lcov parser collects branches and functions: no Map entry
 * or key string per record. The Map is built only when another report of the same file is merged in.
 */
export class HitList {
  /**
   * @param hits holds the hits of entry i (0..MAX_HITS) at `base + i`, one entry per distinct key
   * @param keyAt the key of entry i (the same key a Map would hold), made on demand
   */
  constructor(
    private readonly hits: Int32Array,
    private readonly base: number,
    readonly size: number,
    private readonly keyAt: (i: number) => string | number
  ) {}

  counts(): Counts {
    let covered = 0
    for (let at = this.base; at < this.base + this.size; at++) if (this.hits[at] > 0) covered++
    return { covered, total: this.size }
  }

  toMap(): KeyHits {
    const map: KeyHits = new Map()
    for (let i = 0; i < this.size; i++) map.set(this.keyAt(i), this.hits[this.base + i])
    return map
  }
}

/** A metric as a report records it: per line, per key, or only as totals (coverage-summary.json). */
export type MetricData = LineHits | KeyHits | HitList | Counts

export interface FileCoverage {
  lines?: LineHits | Counts
  branches?: KeyHits | HitList | Counts
  functions?: KeyHits | HitList | Counts
  statements?: KeyHits | Counts
  /**
   * The producing tool's own totals for this file where its per-item data cannot say them (istanbul's
   * Clover metrics, coverage.py's per-file summary): they count while the file comes from one report
   * only; a merge with another report drops them and the per-item data counts.
   */
  declared?: Partial<Record<MetricName, Counts>>
}

/** One parsed report, its file paths as the report wrote them. */
export interface ParsedReport {
  format: Format
  files: Map<string, FileCoverage>
  /** Cobertura `<sources>`: the roots its `filename`s are relative to */
  sources?: string[]
  /**
   * The tool's own totals for the whole report where its per-line data falls short (the root of
   * istanbul's Cobertura): they count when this is the only report and no file is excluded.
   */
  declared?: Partial<Record<MetricName, Counts>>
}

export function addKey(map: KeyHits, key: string | number, hits: number): void {
  const prev = map.get(key)
  const h = hits > 0 ? Math.min(hits, MAX_HITS) : 0
  map.set(key, prev === undefined ? h : Math.min(prev + h, MAX_HITS))
}

export function countsOf(data: MetricData): Counts {
  if (data instanceof LineHits || data instanceof HitList) return data.counts()
  if (data instanceof Map) {
    let covered = 0
    for (const h of data.values()) if (h > 0) covered++
    return { covered, total: data.size }
  }
  return { covered: data.covered, total: data.total }
}

function isCounts(data: MetricData): data is Counts {
  return !(data instanceof LineHits) && !(data instanceof Map) && !(data instanceof HitList)
}

/**
 * Merges `from` into `into` (a line, branch or function is covered when any report covers it).
 * Totals-only data cannot be merged item by item: the better of the two is kept, a lower bound of
 * the truth, and per-item data wins over totals.
 */
export function mergeMetric(into: MetricData | undefined, from: MetricData): MetricData {
  if (into === undefined) return cloneMetric(from)
  if (isCounts(from)) {
    if (!isCounts(into)) return into
    return pct(from) > pct(into) ? { ...from } : into
  }
  if (isCounts(into)) return cloneMetric(from)
  if (into instanceof LineHits && from instanceof LineHits) {
    into.merge(from)
    return into
  }
  if (from instanceof LineHits || into instanceof LineHits) return into
  // a HitList is never changed in place: merging makes a Map of it
  const to = into instanceof HitList ? into.toMap() : into
  for (const [k, h] of from instanceof HitList ? from.toMap() : from) addKey(to, k, h)
  return to
}

function cloneMetric(data: MetricData): MetricData {
  if (data instanceof LineHits) {
    const copy = new LineHits()
    copy.merge(data)
    return copy
  }
  if (data instanceof Map) return new Map(data)
  if (data instanceof HitList) return data
  return { ...data }
}

export function mergeFile(into: FileCoverage, from: FileCoverage): void {
  delete into.declared
  for (const m of METRICS) {
    const data = from[m]
    if (data !== undefined) (into as Record<MetricName, MetricData | undefined>)[m] = mergeMetric(into[m], data)
  }
}

/** Percentage of covered items; 100 when there is nothing to cover (istanbul's convention). */
export function pct(c: Counts): number {
  return c.total === 0 ? 100 : (c.covered / c.total) * 100
}
