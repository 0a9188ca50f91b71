// A part worker (bundled as dist/coverage-worker.js): parses one part of a large Cobertura report and
// posts its counts back (see parallel.ts).
import { parentPort, workerData } from 'node:worker_threads'
import { parsePart, toWire, type PartJob } from './part.js'

const port = parentPort
if (port) {
  const { report, ...rest } = await parsePart(workerData as PartJob)
  const wire = report && toWire(report)
  port.postMessage({ ...rest, wire }, wire ? wire.files.flatMap(f => (f[1] ? [f[1].buffer as ArrayBuffer] : [])) : [])
}
