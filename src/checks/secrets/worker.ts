// A scan worker (bundled as dist/secrets-worker.js): reads the files it is sent and scans them, so that
// reading and scanning use every core. Its answers are what the in-thread scan would find for those files.
import path from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import { readOne } from './read.js'
import { SecretScanner } from './scanner.js'
import type { BatchResult, WorkerSetup } from './pool.js'

const port = parentPort
if (port) {
  const setup = workerData as WorkerSetup
  const scanner = new SecretScanner(setup.scanner)
  const env = { now: new Date(setup.now) }
  // the listed paths are clean and relative: a plain concatenation is enough (and cheaper than path.join)
  const root = path.resolve(setup.root) + path.sep
  let buffer: Buffer = Buffer.allocUnsafe(1024 * 1024)
  port.on('message', (batch: { id: number; files: string[] }) => {
    const out: BatchResult = {
      id: batch.id,
      findings: [],
      filesScanned: 0,
      bytesScanned: 0,
      skipped: { binary: 0, tooLarge: 0, symlinks: 0, unreadable: 0 }
    }
    batch.files.forEach((file, index) => {
      // the main thread lists the files; a path that leaves the root never comes from it
      if (path.isAbsolute(file) || file.split('/').includes('..')) {
        out.skipped.unreadable++
        return
      }
      const read = readOne(root + file, buffer, setup.maxFileSize)
      if ('skip' in read) {
        out.skipped[read.skip]++
        return
      }
      buffer = read.buffer
      out.filesScanned++
      out.bytesScanned += read.length
      const found = scanner.scanBytes(buffer, read.length, env)
      if (found.length > 0) out.findings.push([index, found])
    })
    port.postMessage(out)
  })
}
