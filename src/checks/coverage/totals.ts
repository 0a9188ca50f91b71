// One lcov report with nothing asked per line (no changed-lines): streamed into a Summary, file by file,
// keeping nothing per file but a 53-bit hash of its repository path (to tell a file that comes twice) and
// the few files the summary names. Memory stays flat in the report's size; the report is read in chunks.
//
// A report of LCOV_PARALLEL_MIN_BYTES or more, on a machine with a core to spare, is cut into segments
// right after `end_of_record` lines (record boundaries, where the parser's state is its initial one) that
// this thread and a worker thread (dist/coverage-worker.js) take in turn; the two summaries are added up.
// Both resolve and exclude paths the same way, so the answer is that of one pass. A file found twice (by
// one thread or across them) cannot be added up from totals: the caller then reads the report in full and
// merges the file's lines.
import { open } from 'node:fs/promises'
import { availableParallelism, loadavg } from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { CheckError } from '../../errors.js'
import type { Workspace } from '../../workspace.js'
import { bundledScript } from '../../worker-script.js'
import { SummaryBuilder, type Summary } from './evaluate.js'
import type { Format } from './model.js'
import { sniffFormat } from './read.js'
import { PathHashes, scanSegments, type TotalsJob, type TotalsPart } from './totals-scan.js'

const CHUNK = 1 << 20
/**
 * Below this size a worker costs more than it saves: its start, its own copy of the modules and the JIT
 * warming up again cost 0.1-0.3 s of CPU, about what one thread needs for 60 MB.
 */
export const LCOV_PARALLEL_MIN_BYTES = 64 * 1024 * 1024
/** The segments the threads take in turn: small enough to share the work evenly, large enough to be cheap. */
const SEGMENT = 4 * 1024 * 1024
const END_OF_RECORD = Buffer.from('\nend_of_record')

/** Where the report may be cut: right after the `end_of_record` line nearest past `near`, or undefined. */
async function findCut(file: string, near: number, size: number): Promise<number | undefined> {
  const fh = await open(file, 'r')
  try {
    const buf = Buffer.allocUnsafe(64 * 1024)
    for (let at = near; at < size && at < near + 4 * CHUNK; ) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, at)
      if (bytesRead === 0) return undefined
      const view = buf.subarray(0, bytesRead)
      const i = view.indexOf(END_OF_RECORD)
      // the line must be whole in this read: `end_of_record` then LF (or CR LF)
      if (i >= 0 && i + END_OF_RECORD.length + 2 <= bytesRead) {
        let e = i + END_OF_RECORD.length
        if (view[e] === 13) e++
        if (view[e] === 10) return at + e + 1 < size ? at + e + 1 : undefined
        at += i + 1
        continue
      }
      if (bytesRead < buf.length) return undefined
      at += bytesRead - (END_OF_RECORD.length + 2)
    }
    return undefined
  } finally {
    await fh.close()
  }
}

export interface Streamed {
  summary: Summary
  excludedAny: boolean
  /** threads that read it (1, or 2 with a worker) */
  threads: number
}

/** A worker reading segments too; `done` is undefined when it failed (the report is then read here alone). */
function inWorker(script: URL, job: TotalsJob, signal?: AbortSignal): { done: Promise<TotalsPart | undefined>; stop: () => void } {
  const w = new Worker(script, { workerData: job })
  const done = new Promise<TotalsPart | undefined>(resolve => {
    w.once('message', resolve)
    w.once('error', () => resolve(undefined))
    w.once('exit', () => resolve(undefined))
  })
  const stop = (): void => void w.terminate()
  signal?.addEventListener('abort', stop, { once: true })
  return {
    done,
    stop: () => {
      signal?.removeEventListener('abort', stop)
      stop()
    }
  }
}

/**
 * The Summary of the single report `name` when it is lcov (by its content, and `format` auto or lcov),
 * streamed; undefined when it is not lcov, or when a file comes twice (read it in full then). A syntax
 * error is a CheckError naming the report and line, as readReport's.
 */
export async function streamLcovTotals(
  ws: Workspace,
  name: string,
  options: { format?: Format | 'auto'; exclude: string[]; perFileLines?: number },
  signal?: AbortSignal,
  parallel: { segment?: number; script?: URL } = {}
): Promise<Streamed | undefined> {
  if (options.format !== undefined && options.format !== 'auto' && options.format !== 'lcov') return undefined
  const real = await ws.resolveReal(name)
  let size: number
  try {
    const fh = await open(real, 'r')
    try {
      const st = await fh.stat()
      if (!st.isFile()) return undefined
      size = st.size
      const head = Buffer.alloc(4096)
      const { bytesRead } = await fh.read(head, 0, head.length, 0)
      if (sniffFormat(head.toString('utf8', 0, bytesRead)) !== 'lcov') return undefined
    } finally {
      await fh.close()
    }
  } catch {
    // readReport says what is wrong with it
    return undefined
  }
  const job = (cuts: number[]): TotalsJob => ({
    kind: 'lcov-totals',
    file: real,
    cuts,
    queue: new SharedArrayBuffer(8),
    roots,
    files,
    reportDir: path.posix.dirname(name),
    exclude: options.exclude,
    perFileLines: options.perFileLines
  })
  const roots = [ws.root, await ws.realRootPath()]
  const files = await ws.glob(['**'], { exclude: ['**/node_modules/**'] })

  const script = parallel.script ?? bundledScript('coverage-worker.js')
  // a second thread only helps when a core is free for it: else it only adds its start to the CPU time
  const idleCore = loadavg()[0] < availableParallelism() - 0.5
  const segment = parallel.segment ?? (size >= LCOV_PARALLEL_MIN_BYTES && idleCore ? SEGMENT : 0)
  const cuts = [0]
  if (script && segment > 0 && availableParallelism() >= 2)
    for (let near = segment; near < size; near += segment) {
      const cut = await findCut(real, Math.max(near, cuts[cuts.length - 1]), size)
      if (cut === undefined) break
      if (cut > cuts[cuts.length - 1]) cuts.push(cut)
    }
  cuts.push(size)
  const parts: TotalsPart[] = []
  if (cuts.length === 2) parts.push(await scanSegments(job(cuts), signal))
  else {
    const shared = job(cuts)
    const worker = inWorker(script!, shared, signal)
    try {
      parts.push(await scanSegments(shared, signal))
      const other = await worker.done
      signal?.throwIfAborted()
      // a failed worker: what it took is lost, so the report is read here alone
      if (other) parts.push(other)
      else parts.splice(0, 1, await scanSegments(job(cuts), signal))
    } finally {
      worker.stop()
    }
  }
  return combine(parts, cuts.length - 1, name, options.perFileLines)
}

/** The threads' parts as one: the earliest error, else undefined for a file seen twice, else the sums. */
function combine(parts: TotalsPart[], segments: number, name: string, perFileLines?: number): Streamed | undefined {
  const done = parts.flatMap(p => p.segments).sort((a, b) => a.index - b.index)
  let offset = 0
  for (let i = 0; i < done.length; i++) {
    const d = done[i]
    // segments are taken in order, so every one before a stop was read
    if (d.index !== i) return undefined
    if (d.error) throw new CheckError(`${name}:${d.error.line + offset}: ${d.error.message}`)
    if (d.twice) return undefined
    offset += d.lines
  }
  if (done.length !== segments) return undefined
  if (parts.length > 1) {
    const seen = new PathHashes()
    seen.table = parts[0].keys
    for (const h of parts[1].keys) if (h !== 0 && seen.has(h)) return undefined
  }
  const builder = new SummaryBuilder(perFileLines)
  for (const p of parts) builder.addAll(p.summary)
  return { summary: builder.summary(), excludedAny: parts.some(p => p.excludedAny), threads: parts.length }
}
