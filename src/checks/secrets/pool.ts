// Scanning the listed files on every core: a pool of worker threads that read and scan batches of files.
// Small trees are scanned in this thread, where starting workers would cost more than it saves.
import { lstatSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { CheckError } from '../../errors.js'
import type { Workspace } from '../../workspace.js'
import { readFiles, type SkippedCounts } from './files.js'
import type { RawFinding, ScannerOptions, SecretScanner } from './scanner.js'
import { bundledScript } from '../../worker-script.js'

/** What a worker is started with. */
export interface WorkerSetup {
  root: string
  maxFileSize: number
  scanner: ScannerOptions
  /** the clock (ms since the epoch), for JWT expiry */
  now: number
}

type ReadSkips = Omit<SkippedCounts, 'gitignored'>

/** A worker's answer for one batch: findings by index in the batch. */
export interface BatchResult {
  id: number
  findings: [number, RawFinding[]][]
  filesScanned: number
  bytesScanned: number
  skipped: ReadSkips
}

export interface ScanFilesOptions {
  maxFileSize: number
  signal?: AbortSignal
  /** how the scanner was built, for the workers to build the same one */
  scannerOptions: ScannerOptions
  now: Date
  /** worker threads; default: the available parallelism (at most 16). Below 2, the scan runs in this thread */
  threads?: number
}

export interface ScanTotals {
  filesScanned: number
  bytesScanned: number
  skipped: ReadSkips
}

type Visit = (file: string, found: RawFinding[]) => void

/** Below either size, workers cost more than they save. */
export const MIN_FILES = 200
const MIN_BYTES = 2 * 1024 * 1024
const BATCH_FILES = 64
/** each worker holds its own heap (about 30 MB): enough to saturate the disk cache on a big runner */
const MAX_THREADS = 16
const STOPPED = 'the secret scan was stopped: the item timed out'

/**
 * Worker threads, started as soon as the listing has seen enough files so that their start-up overlaps it.
 * `start` returns undefined when there is no worker script or a single core.
 */
export class ScanPool {
  private readonly workers: Worker[] = []
  private error?: Error
  private onError?: (e: Error) => void
  private closed = false

  private constructor(script: URL, threads: number, setup: WorkerSetup) {
    for (let i = 0; i < threads; i++) {
      const w = new Worker(script, { workerData: setup })
      const fail = (e: Error): void => {
        if (this.closed) return
        this.error ??= e
        this.onError?.(e)
      }
      w.on('error', e => fail(new CheckError(`the secret scan failed in a worker thread: ${e.message}`)))
      w.on('exit', code => fail(new CheckError(`a secret scan worker thread stopped (exit code ${code})`)))
      this.workers.push(w)
    }
  }

  /** A pool when the worker script is there and there are cores to use. */
  static start(workspace: Workspace, options: ScanFilesOptions): ScanPool | undefined {
    const threads = options.threads ?? Math.min(availableParallelism(), MAX_THREADS)
    const script = threads >= 2 ? bundledScript('secrets-worker.js') : undefined
    if (!script) return undefined
    return new ScanPool(script, threads, {
      root: workspace.root,
      maxFileSize: options.maxFileSize,
      scanner: options.scannerOptions,
      now: options.now.getTime()
    })
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    for (const w of this.workers) void w.terminate()
  }

  /** Scans `files` in the workers, then calls `visit` in the order of `files`. Closes the pool. */
  scan(files: string[], signal: AbortSignal | undefined, visit: Visit): Promise<ScanTotals> {
    const batches: string[][] = []
    for (let i = 0; i < files.length; i += BATCH_FILES) batches.push(files.slice(i, i + BATCH_FILES))
    const results: BatchResult[] = new Array(batches.length)
    return new Promise<ScanTotals>((resolve, reject) => {
      let finished = false
      const finish = (error?: Error): void => {
        if (finished) return
        finished = true
        signal?.removeEventListener('abort', onAbort)
        this.close()
        if (error) reject(error)
        else resolve(assemble(batches, results, visit))
      }
      const onAbort = (): void => finish(new CheckError(STOPPED))
      if (signal?.aborted) return onAbort()
      if (this.error) return finish(this.error)
      if (batches.length === 0) return finish()
      signal?.addEventListener('abort', onAbort, { once: true })
      this.onError = finish
      let next = 0
      let done = 0
      const send = (w: Worker): void => {
        if (next >= batches.length) return
        w.postMessage({ id: next, files: batches[next] })
        next++
      }
      for (const w of this.workers) {
        w.on('message', (r: BatchResult) => {
          results[r.id] = r
          if (++done === batches.length) finish()
          else send(w)
        })
        // two batches in flight, so that a worker never waits for its next one
        send(w)
        send(w)
      }
    })
  }
}

/**
 * Scans `files` and calls `visit` for each file with findings, in the order of `files`, whether the scan ran
 * in worker threads (`pool`, or one started here) or in this one: the results are the same.
 */
export async function scanFiles(
  workspace: Workspace,
  files: string[],
  scanner: SecretScanner,
  options: ScanFilesOptions,
  visit: Visit,
  pool?: ScanPool
): Promise<ScanTotals> {
  if (worthWorkers(workspace, files)) {
    const workers = pool ?? ScanPool.start(workspace, options)
    if (workers) return workers.scan(files, options.signal, visit)
  } else pool?.close() // most of the candidates were ignored, or they are small: quicker to scan here
  const env = { now: options.now }
  return readFiles(workspace, files, options, (file, bytes, length) => {
    const found = scanner.scanBytes(bytes, length, env)
    if (found.length > 0) visit(file, found)
  })
}

/**
 * The bundled worker next to the running code: `dist/secrets-worker.js` seen from `dist/chunks/*.js` (or from a
 * single-file bundle in the same folder). Absent when running from source (tests): then the scan stays here.
 */

function worthWorkers(workspace: Workspace, files: string[]): boolean {
  if (files.length < MIN_FILES) return false
  let bytes = 0
  for (const file of files) {
    try {
      bytes += lstatSync(workspace.resolve(file)).size
    } catch {
      // unreadable: counted by the scan
    }
    if (bytes >= MIN_BYTES) return true
  }
  return false
}

/** Findings in the order of the files, counts summed. */
function assemble(batches: string[][], results: BatchResult[], visit: Visit): ScanTotals {
  const totals: ScanTotals = {
    filesScanned: 0,
    bytesScanned: 0,
    skipped: { binary: 0, tooLarge: 0, symlinks: 0, unreadable: 0 }
  }
  results.forEach((r, b) => {
    totals.filesScanned += r.filesScanned
    totals.bytesScanned += r.bytesScanned
    for (const k of Object.keys(totals.skipped) as (keyof ReadSkips)[]) totals.skipped[k] += r.skipped[k]
    for (const [index, found] of r.findings) visit(batches[b][index], found)
  })
  return totals
}
