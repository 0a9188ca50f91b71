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
const BATCH_FILES = 128
/** each worker holds its own heap (about 30 MB): enough to saturate the disk cache on a big runner */
const MAX_THREADS = 16
const STOPPED = 'the secret scan was stopped: the item timed out'

/**
 * Worker threads, started as soon as the listing has seen enough files so that their start-up overlaps it.
 * `start` returns undefined when there is no worker script or a single core. Files are `add`ed as they are
 * listed (the workers scan while the main thread lists); `end` waits for the last batch.
 */
export class ScanPool {
  private readonly workers: Worker[] = []
  private readonly inFlight: number[] = []
  private error?: Error
  private onError?: (e: Error) => void
  private closed = false
  private readonly batches: string[][] = []
  private readonly results: BatchResult[] = []
  /** files added and not yet in a batch */
  private pending: string[] = []
  private next = 0
  private done = 0
  private onDone?: () => void

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
      w.on('message', (r: BatchResult) => {
        this.results[r.id] = r
        this.inFlight[i]--
        this.done++
        this.pump()
        if (this.done === this.batches.length) this.onDone?.()
      })
      this.workers.push(w)
      this.inFlight.push(0)
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

  /** Queues `files` for the workers: they are sent in batches as the workers ask for more. */
  add(files: string[]): void {
    for (const f of files) this.pending.push(f)
    while (this.pending.length >= BATCH_FILES) this.batches.push(this.pending.splice(0, BATCH_FILES))
    this.pump()
  }

  /** two batches in flight for each worker, so that a worker never waits for its next one */
  private pump(): void {
    if (this.closed) return
    for (let i = 0; i < this.workers.length; i++)
      while (this.inFlight[i] < 2 && this.next < this.batches.length) {
        this.workers[i].postMessage({ id: this.next, files: this.batches[this.next] })
        this.next++
        this.inFlight[i]++
      }
  }

  /**
   * Waits for every file added, then calls `visit` for the files with findings in the order of `files` (every
   * file added, sorted): the same order as a scan in one thread. Closes the pool.
   */
  end(files: string[], signal: AbortSignal | undefined, visit: Visit): Promise<ScanTotals> {
    if (this.pending.length > 0) this.batches.push(this.pending.splice(0))
    this.pump()
    return new Promise<ScanTotals>((resolve, reject) => {
      let finished = false
      const finish = (error?: Error): void => {
        if (finished) return
        finished = true
        signal?.removeEventListener('abort', onAbort)
        this.close()
        if (error) reject(error)
        else resolve(assemble(files, this.batches, this.results, visit))
      }
      const onAbort = (): void => finish(new CheckError(STOPPED))
      if (signal?.aborted) return onAbort()
      if (this.error) return finish(this.error)
      if (this.done === this.batches.length) return finish()
      signal?.addEventListener('abort', onAbort, { once: true })
      this.onError = finish
      this.onDone = () => finish()
    })
  }
}

/**
 * The scan of the files as they are listed: held until there are enough of them for workers (`MIN_FILES` and
 * `MIN_BYTES`), then handed to the pool as they come; `end` scans in this thread when workers would cost more
 * than they save (or there are none). The results are the same either way.
 */
export class StreamingScan {
  private pool?: ScanPool
  private held: string[] = []
  private heldBytes = 0
  private sized = 0
  private streaming = false
  private started = false

  constructor(
    private readonly workspace: Workspace,
    /** the scanner for this thread, built only when the scan runs here */
    private readonly scanner: () => SecretScanner,
    private readonly options: ScanFilesOptions
  ) {}

  /** The listing has seen enough candidates: start the workers, so that their start-up overlaps the listing. */
  start(): void {
    if (this.started) return
    this.started = true
    this.pool = ScanPool.start(this.workspace, this.options)
    this.hand()
  }

  /** Files in scope, as they are listed. */
  add(files: string[]): void {
    if (this.streaming) return (this.pool as ScanPool).add(files)
    for (const f of files) this.held.push(f)
    this.hand()
  }

  /** hands the held files to the pool once they are worth it (sizes summed up to `MIN_BYTES`, as listed) */
  private hand(): void {
    if (!this.pool || this.held.length < MIN_FILES) return
    for (; this.sized < this.held.length && this.heldBytes < MIN_BYTES; this.sized++) {
      try {
        this.heldBytes += lstatSync(this.workspace.resolve(this.held[this.sized])).size
      } catch {
        // unreadable: counted by the scan
      }
    }
    if (this.heldBytes < MIN_BYTES) return
    this.streaming = true
    this.pool.add(this.held)
    this.held = []
  }

  /** Scans what is left and calls `visit` for each file with findings, in the order of `files` (all, sorted). */
  async end(files: string[], visit: Visit): Promise<ScanTotals> {
    if (this.streaming) return (this.pool as ScanPool).end(files, this.options.signal, visit)
    this.close() // most of the candidates were ignored, or they are small: quicker to scan here
    const env = { now: this.options.now }
    const scanner = this.scanner()
    return readFiles(this.workspace, files, this.options, (file, bytes, length) => {
      const found = scanner.scanBytes(bytes, length, env)
      if (found.length > 0) visit(file, found)
    })
  }

  close(): void {
    this.pool?.close()
  }
}

/** Findings in the order of `files`, counts summed. */
function assemble(files: string[], batches: string[][], results: BatchResult[], visit: Visit): ScanTotals {
  const totals: ScanTotals = {
    filesScanned: 0,
    bytesScanned: 0,
    skipped: { binary: 0, tooLarge: 0, symlinks: 0, unreadable: 0 }
  }
  const byFile = new Map<string, RawFinding[]>()
  results.forEach((r, b) => {
    totals.filesScanned += r.filesScanned
    totals.bytesScanned += r.bytesScanned
    for (const k of Object.keys(totals.skipped) as (keyof ReadSkips)[]) totals.skipped[k] += r.skipped[k]
    for (const [index, found] of r.findings) byFile.set(batches[b][index], found)
  })
  if (byFile.size > 0)
    for (const file of files) {
      const found = byFile.get(file)
      if (found) visit(file, found)
    }
  return totals
}
