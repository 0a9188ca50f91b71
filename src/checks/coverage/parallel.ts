// A large Cobertura report parsed on several cores: saxes is most of the time and runs on one thread, so
// the file is cut into parts right after a `</class>`, each parsed by its own saxes instance (the first
// here, the others in worker threads), and the parts' files merged in order as shards are merged.
//
// A part starts with the elements Cobertura's DTD has open around a class (coverage > packages > package >
// classes) opened synthetically, and ends with the elements it leaves open closed synthetically. The
// results count only when every part ends with exactly the elements the next one assumed open: then the
// parts are the report's own events, cut where the parser's state is "between two classes". Otherwise (a
// report laid out differently, a cut inside a comment, a worker that failed) the report is read in one
// pass, so the answer is always the sequential one.
import { open } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { ReportSyntaxError } from './errors.js'
import { mergeFile, type ParsedReport } from './model.js'
import { fromWire, parsePart, type PartJob, type PartOutcome, type WireReport } from './part.js'
import type { XmlFormat } from './xml.js'
import { bundledScript } from '../../worker-script.js'

/** Below this size, starting a worker costs more than it saves. */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024
const MAX_PARTS = 4
const AROUND_CLASS = ['coverage', 'packages', 'package', 'classes']
const CLASS_END = Buffer.from('</class>')
/** how far past each N-th offset a `</class>` is looked for */
const SEARCH = 4 * 1024 * 1024
/** the share of the file the first part gets beyond its 1/N */
const HEAD_EXTRA = 0.05

export interface ParallelOptions {
  /** parts to cut the report into; default: the available parallelism, at most 4 */
  parts?: number
  /** the worker script; default: coverage-worker.js next to the bundle */
  script?: URL
}

/**
 * The report at `file` (of `size` bytes, Cobertura by its first bytes) parsed in parts, or undefined when it
 * must be read sequentially (no worker script, one core, no place to cut, parts that do not fit together).
 * A syntax error is a ReportSyntaxError at the report's line, as the sequential parse gives it.
 */
export async function readCoberturaParallel(
  file: string,
  size: number,
  expect: XmlFormat | undefined,
  signal?: AbortSignal,
  options: ParallelOptions = {}
): Promise<ParsedReport | undefined> {
  const script = options.script ?? bundledScript('coverage-worker.js')
  const n = options.parts ?? Math.min(availableParallelism(), MAX_PARTS)
  if (!script || n < 2) return undefined
  const bounds = [0, ...(await findCuts(file, size, n)), size]
  if (bounds.length < 3) return undefined
  const jobs: PartJob[] = []
  for (let i = 0; i + 1 < bounds.length; i++)
    jobs.push({
      file,
      start: bounds[i],
      end: bounds[i + 1],
      open: i === 0 ? [] : AROUND_CLASS,
      last: i + 2 === bounds.length,
      expect: i === 0 ? expect : undefined
    })

  const workers: Worker[] = []
  const stop = (): void => {
    for (const w of workers) void w.terminate()
  }
  signal?.addEventListener('abort', stop, { once: true })
  try {
    const inWorkers = jobs.slice(1).map(job => {
      const w = new Worker(script, { workerData: job })
      workers.push(w)
      return new Promise<(PartOutcome & { wire?: WireReport }) | undefined>(resolve => {
        w.once('message', resolve)
        // a failed worker (out of memory, terminated) leaves the report to the sequential parse
        w.once('error', () => resolve(undefined))
        w.once('exit', () => resolve(undefined))
      })
    })
    const aborted = new Promise<never>((_, reject) => {
      if (signal?.aborted) reject(signal.reason)
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true })
    })
    aborted.catch(() => undefined)
    const here = parsePart(jobs[0], signal)
    const outcomes = await Promise.race([Promise.all([here, ...inWorkers]), aborted])
    signal?.throwIfAborted()
    return assemble(jobs, outcomes)
  } finally {
    signal?.removeEventListener('abort', stop)
    stop()
  }
}

function assemble(jobs: PartJob[], outcomes: ((PartOutcome & { wire?: WireReport }) | undefined)[]): ParsedReport | undefined {
  let lineOffset = 0
  let report: ParsedReport | undefined
  for (let i = 0; i < outcomes.length; i++) {
    const o = outcomes[i]
    if (!o) return undefined
    if (o.error) {
      // the parts before fit together, so the report's own parse stops here too, on the same line
      if (o.error.inPart) throw new ReportSyntaxError(o.error.message, lineOffset + o.error.line)
      return undefined
    }
    if (i + 1 < jobs.length && !sameNames(o.openAtEnd, jobs[i + 1].open)) return undefined
    lineOffset += o.breaks
    const part = o.report ?? (o.wire && fromWire(o.wire))
    if (!part) return undefined
    if (!report) {
      if (part.format !== 'cobertura') return undefined
      report = part
      continue
    }
    report.sources = [...(report.sources ?? []), ...(part.sources ?? [])]
    for (const [path, f] of part.files) {
      const prev = report.files.get(path)
      if (prev) mergeFile(prev, f)
      else report.files.set(path, f)
    }
  }
  return report
}

const sameNames = (a: string[], b: string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i])

/** Offsets right after a `</class>` near every N-th of the file, increasing. */
async function findCuts(file: string, size: number, n: number): Promise<number[]> {
  const cuts: number[] = []
  const fh = await open(file, 'r')
  try {
    const buf = Buffer.allocUnsafe(64 * 1024)
    // the first part, parsed here, starts at once; the workers start about 0.1 s later: give it more
    const head = size / n + size * HEAD_EXTRA
    for (let i = 1; i < n; i++) {
      let at = Math.max(Math.floor(head + ((size - head) * (i - 1)) / (n - 1)), cuts.at(-1) ?? 0)
      const limit = Math.min(size, at + SEARCH)
      while (at < limit) {
        const { bytesRead } = await fh.read(buf, 0, buf.length, at)
        if (bytesRead < CLASS_END.length) break
        const idx = buf.subarray(0, bytesRead).indexOf(CLASS_END)
        if (idx >= 0) {
          const cut = at + idx + CLASS_END.length
          if (cut < size) cuts.push(cut)
          break
        }
        // a `</class>` may straddle two reads
        at += bytesRead - (CLASS_END.length - 1)
      }
    }
  } finally {
    await fh.close()
  }
  return cuts
}

