// One part of a large Cobertura report, parsed on its own (in a worker thread or this one): the bytes
// [start, end) of the file, cut right after a `</class>`, wrapped in synthetic tags so that they form a
// document. parallel.ts checks that the parts fit together before it trusts their results.
import { open } from 'node:fs/promises'
import { ReportSyntaxError } from './errors.js'
import { LineHits, type FileCoverage, type KeyHits, type ParsedReport } from './model.js'
import { XmlCoverageParser, type XmlFormat } from './xml.js'

const CHUNK = 1 << 20

export interface PartJob {
  file: string
  start: number
  end: number
  /** the elements open where the part starts, outermost first (none for the first part) */
  open: string[]
  /** the part that ends the file: nothing is closed for it */
  last: boolean
  /** the first part: the report's own root decides the format, which must be `expect` when set */
  expect?: XmlFormat
}

export interface PartOutcome {
  report?: ParsedReport
  /** line breaks in the part's bytes: the next part's lines come after them */
  breaks: number
  /** the elements still open at the part's end, outermost first */
  openAtEnd: string[]
  /**
   * a syntax error at a line of the part (1-based); `inPart` when it was found in the part's own bytes,
   * not in the synthetic closing tags or at the end of the part
   */
  error?: { message: string; line: number; inPart: boolean }
}

export async function parsePart(job: PartJob, signal?: AbortSignal): Promise<PartOutcome> {
  const first = job.open.length === 0
  const parser = new XmlCoverageParser(job.expect, !first)
  // the synthetic tags go on the part's first line: line numbers stay those of the part
  if (!first) parser.write(job.open.map(n => `<${n}>`).join(''))
  const fh = await open(job.file, 'r')
  let breaks = 0
  let openAtEnd: string[] = []
  try {
    const buf = Buffer.allocUnsafe(CHUNK)
    for (let at = job.start; at < job.end; ) {
      signal?.throwIfAborted()
      const { bytesRead } = await fh.read(buf, 0, Math.min(CHUNK, job.end - at), at)
      if (bytesRead === 0) break
      parser.write(buf.subarray(0, bytesRead))
      at += bytesRead
    }
    breaks = parser.line - 1
    openAtEnd = [...parser.open]
  } catch (e) {
    if (e instanceof ReportSyntaxError) return { breaks, openAtEnd, error: { message: e.message, line: e.line, inPart: true } }
    throw e
  } finally {
    await fh.close()
  }
  try {
    if (!job.last) parser.write([...openAtEnd].reverse().map(n => `</${n}>`).join(''))
    return { report: parser.end(), breaks, openAtEnd }
  } catch (e) {
    // the end of the file is the end of the report; elsewhere an error here may come from the cut
    if (e instanceof ReportSyntaxError)
      return { breaks, openAtEnd, error: { message: e.message, line: e.line, inPart: job.last } }
    throw e
  }
}

/** A part's report as a worker posts it: LineHits made plain (branch and function Maps clone as they are). */
export interface WireReport {
  sources: string[]
  files: [string, Int32Array | undefined, KeyHits | undefined, KeyHits | undefined][]
}

export function toWire(report: ParsedReport): WireReport {
  const files: WireReport['files'] = []
  for (const [path, f] of report.files)
    files.push([
      path,
      f.lines instanceof LineHits ? f.lines.toArray() : undefined,
      f.branches as KeyHits | undefined,
      f.functions as KeyHits | undefined
    ])
  return { sources: report.sources ?? [], files }
}

export function fromWire(wire: WireReport): ParsedReport {
  const files = new Map<string, FileCoverage>()
  for (const [path, lines, branches, functions] of wire.files) {
    const f: FileCoverage = {}
    if (lines) f.lines = new LineHits(lines, lines.length)
    if (branches) f.branches = branches
    if (functions) f.functions = functions
    files.set(path, f)
  }
  return { format: 'cobertura', files, sources: wire.sources }
}
