// One thread's share of a streamed lcov report (totals.ts): segments of the report taken from a shared
// queue, each file resolved, excluded or added up into a Summary. Loaded by the worker too
// (dist/coverage-worker.js), so it imports only what reading lcov needs.
import { open } from 'node:fs/promises'
import { ReportSyntaxError } from './errors.js'
import { SummaryBuilder, type Summary } from './evaluate.js'
import { LcovParser } from './lcov.js'
import type { Counts, FileCoverage } from './model.js'
import { PathResolver } from './paths.js'

const CHUNK = 1 << 20

/** What a thread is given: plain data, so that it can be posted to a worker. */
export interface TotalsJob {
  kind: 'lcov-totals'
  /** absolute path of the report */
  file: string
  /** segment i is the bytes [cuts[i], cuts[i + 1]) of the report, each cut right after an end_of_record line */
  cuts: number[]
  /**
   * [next segment to take, stop]: the threads take segments in order until none is left, so a thread that
   * starts late (a worker) or runs slow (a busy core) simply takes fewer
   */
  queue: SharedArrayBuffer
  /** the PathResolver's inputs: workspace roots and every file of the repository */
  roots: string[]
  files: string[]
  /** the report's repository-relative directory */
  reportDir: string
  exclude: string[]
  perFileLines?: number
}

/** One segment as a thread read it. */
export interface SegmentDone {
  index: number
  /** lines read (all of the segment's, unless it stopped at a file seen twice or an error) */
  lines: number
  /** a file came twice: the thread stopped there */
  twice?: boolean
  /** a syntax error at a line of the segment (1-based) */
  error?: { message: string; line: number }
}

/** What one thread read. */
export interface TotalsPart {
  summary: Summary
  excludedAny: boolean
  /** hashes of the repository paths counted, as a table (0 = empty) */
  keys: Float64Array
  segments: SegmentDone[]
}

/** Stops a part's read at a file seen twice. */
class Twice extends Error {}

/**
 * A set of 53-bit hashes of paths (open addressing in a Float64Array, 0 = empty). Two different paths
 * with the same hash only make the caller read the report in full: slower, never wrong.
 */
export class PathHashes {
  table: Float64Array = new Float64Array(1024)
  private size = 0

  static hash(s: string): number {
    let a = 0x811c9dc5 | 0
    let b = 0x9747b28c | 0
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i)
      a = Math.imul(a ^ c, 0x01000193)
      b = Math.imul(b ^ c, 0x5bd1e995)
      b ^= b >>> 15
    }
    const h = (a >>> 0) * 2097152 + ((b >>> 0) & 0x1fffff)
    return h === 0 ? 1 : h
  }

  /** false when the hash was there already */
  add(h: number): boolean {
    const t = this.table
    const mask = t.length - 1
    let at = (h % 4294967296) & mask
    while (t[at] !== 0) {
      if (t[at] === h) return false
      at = (at + 1) & mask
    }
    t[at] = h
    if (++this.size * 2 > t.length) this.grow()
    return true
  }

  has(h: number): boolean {
    const t = this.table
    const mask = t.length - 1
    for (let at = (h % 4294967296) & mask; t[at] !== 0; at = (at + 1) & mask) if (t[at] === h) return true
    return false
  }

  private grow(): void {
    const old = this.table
    this.table = new Float64Array(old.length * 2)
    this.size = 0
    // (an index loop: an iterator over a typed array runs slowly until the JIT has seen it)
    for (let i = 0; i < old.length; i++) if (old[i] !== 0) this.add(old[i])
  }
}

const counts = (c: FileCoverage['lines'] | FileCoverage['branches']): Counts | undefined => c as Counts | undefined

/** Takes segments of the report from the job's queue and reads them as lcov, each file resolved, excluded or added up. */
export async function scanSegments(job: TotalsJob, signal?: AbortSignal): Promise<TotalsPart> {
  const resolver = new PathResolver(job.roots, new Set(job.files))
  // picomatch only when there is something to exclude
  const isExcluded = job.exclude.length > 0 ? (await import('./exclude.js')).excluder(job.exclude) : () => false
  const builder = new SummaryBuilder(job.perFileLines)
  const keys = new PathHashes()
  const where = { reportDir: job.reportDir }
  const queue = new Int32Array(job.queue)
  let excludedAny = false
  const onFile = (raw: string, f: FileCoverage): void => {
    const file = resolver.resolve(raw, where)
    if (isExcluded(file)) {
      excludedAny = true
      return
    }
    if (!keys.add(PathHashes.hash(file))) throw new Twice()
    builder.add(file, counts(f.lines), counts(f.branches), counts(f.functions))
  }
  const segments: SegmentDone[] = []
  LcovParser.warm(true)
  const fh = await open(job.file, 'r')
  try {
    // two buffers: the next chunk is read while this one is parsed; the parser's own windows when it has
    // them (its WebAssembly memory: read there, nothing is copied)
    let own: Buffer[] | undefined
    while (Atomics.load(queue, 1) === 0) {
      const index = Atomics.add(queue, 0, 1)
      if (index + 1 >= job.cuts.length) break
      const end = job.cuts[index + 1]
      const parser = new LcovParser(true, onFile)
      const buffers = parser.windows ?? (own ??= [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)])
      let current = 0
      let at = job.cuts[index]
      try {
        let { bytesRead } = await fh.read(buffers[0], 0, Math.min(buffers[0].length, end - at), at)
        while (bytesRead > 0) {
          signal?.throwIfAborted()
          at += bytesRead
          const next = at < end ? fh.read(buffers[1 - current], 0, Math.min(buffers[1 - current].length, end - at), at) : undefined
          try {
            parser.write(buffers[current].subarray(0, bytesRead))
          } catch (e) {
            // never leave a read running on a file about to be closed
            await next?.catch(() => undefined)
            throw e
          }
          bytesRead = next ? (await next).bytesRead : 0
          current = 1 - current
        }
        parser.end()
        segments.push({ index, lines: parser.lines })
      } catch (e) {
        if (!(e instanceof Twice || e instanceof ReportSyntaxError)) throw e
        segments.push({
          index,
          lines: parser.lines,
          ...(e instanceof Twice ? { twice: true } : { error: { message: e.message, line: e.line } })
        })
        // the answer is known (read it all again, or this error unless one comes earlier): the others stop
        Atomics.store(queue, 1, 1)
      }
    }
  } finally {
    await fh.close()
  }
  return { summary: builder.summary(), excludedAny, keys: keys.table, segments }
}
