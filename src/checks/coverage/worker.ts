// A part worker (bundled as dist/coverage-worker.js): parses one part of a large report and posts its
// counts back: a Cobertura part (see parallel.ts) or an lcov part streamed into totals (see totals.ts).
import { parentPort, workerData } from 'node:worker_threads'
import type { PartJob } from './part.js'
import type { TotalsJob } from './totals-scan.js'

const port = parentPort
const job = workerData as PartJob | TotalsJob
if (port && 'kind' in job && job.kind === 'lcov-totals') {
  const { scanSegments } = await import('./totals-scan.js')
  const part = await scanSegments(job)
  port.postMessage(part, [part.keys.buffer as ArrayBuffer])
} else if (port) {
  const { parsePart, toWire } = await import('./part.js')
  const { report, ...rest } = await parsePart(job as PartJob)
  const wire = report && toWire(report)
  port.postMessage({ ...rest, wire }, wire ? wire.files.flatMap(f => (f[1] ? [f[1].buffer as ArrayBuffer] : [])) : [])
}
