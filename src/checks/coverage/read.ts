// Reads one report file, detects its format from its first bytes and streams it into the parser.
import { open } from 'node:fs/promises'
import { CheckError } from '../../errors.js'
import { ReportSyntaxError } from './errors.js'
import { parseCoveragePyJson } from './coveragepy.js'
import { parseGoCoverprofile } from './go.js'
import { parseIstanbulJson } from './istanbul.js'
import { LcovParser } from './lcov.js'
import { FORMAT_LIST, FORMAT_NAMES, type Format, type ParsedReport } from './model.js'
import type { XmlFormat } from './xml.js'

const CHUNK = 1 << 20

/** Reports of a known tool in a form that is not read, with what to give instead. */
function knownOther(head: string): string | undefined {
  const text = head.replace(/^\uFEFF/, '').trimStart()
  if (/^GROUP,PACKAGE,CLASS,INSTRUCTION_MISSED,/.test(text))
    return "JaCoCo's CSV report, which has no per-line data: give its XML report (jacoco:report, or the XML formatter) instead"
  return undefined
}

/** The format of a report from its first bytes, or undefined when nothing fits. XML is split by its root later. */
export function sniffFormat(head: string): Format | 'xml' | undefined {
  const text = head.replace(/^\uFEFF/, '').trimStart()
  if (text.startsWith('<')) {
    if (/<report[\s>]/.test(text) || /-\/\/JACOCO\/\/DTD/.test(text)) return 'jacoco'
    if (/<coverage[^>]*\bclover=/.test(text) || /<coverage[^>]*\bgenerated=/.test(text)) return 'clover'
    if (/<coverage[^>]*\b(line-rate|lines-valid)=/.test(text)) return 'cobertura'
    return 'xml'
  }
  // coverage.py writes its `meta` block first; istanbul's keys are file paths (or `total`)
  if (text.startsWith('{')) return /^\{\s*"meta"\s*:\s*\{/.test(text) ? 'coveragepy' : 'istanbul'
  if (text.startsWith('mode:')) return 'go'
  if (/^(TN|SF|VER):/.test(text)) return 'lcov'
  return undefined
}

interface Sink {
  write(chunk: Uint8Array): void
  end(): ParsedReport
}

function textSink(parse: (text: string) => ParsedReport): Sink {
  const chunks: Buffer[] = []
  return {
    write: c => chunks.push(Buffer.from(c)),
    end: () => parse(Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, ''))
  }
}

/** The parser of a format; the XML one (saxes) is loaded only for an XML report. */
async function sinkFor(format: Format | 'xml', totalsOnly: boolean): Promise<Sink> {
  switch (format) {
    case 'lcov':
      return new LcovParser(totalsOnly)
    case 'istanbul':
      return textSink(parseIstanbulJson)
    case 'go':
      return textSink(parseGoCoverprofile)
    case 'coveragepy':
      return textSink(parseCoveragePyJson)
    case 'xml':
      return new (await import('./xml.js')).XmlCoverageParser()
    default:
      return new (await import('./xml.js')).XmlCoverageParser(format as XmlFormat)
  }
}

/**
 * Parses the report at absolute path `file` (shown to the user as `name`). `format` 'auto' detects it.
 * A report that does not parse is a CheckError naming the file and line. `totalsOnly`: an lcov report
 * keeps per-file totals only (lcov.ts TotalsNotEnough when a file comes twice); other formats ignore it.
 */
export async function readReport(
  file: string,
  name: string,
  format: Format | 'auto',
  signal?: AbortSignal,
  totalsOnly = false
): Promise<ParsedReport> {
  const fh = await open(file, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new CheckError(`cannot read ${name}: ${e.code ?? e.message}`)
  })
  try {
    const buf = Buffer.allocUnsafe(CHUNK)
    let { bytesRead } = await fh.read(buf, 0, CHUNK, null)
    if (bytesRead === 0) throw new CheckError(`${name} is empty: the coverage run wrote no data`)
    const sniffed = sniffFormat(buf.toString('utf8', 0, Math.min(bytesRead, 4096)))
    const head = buf.toString('utf8', 0, Math.min(bytesRead, 4096))
    const known = knownOther(head)
    if (known !== undefined && sniffed === undefined) throw new CheckError(`${name} is ${known}`)
    if (format === 'auto' && sniffed === undefined)
      throw new CheckError(
        `cannot tell the coverage format of ${name} from its content; the formats read are ${FORMAT_LIST}: write one of them, or set format`
      )
    if (format !== 'auto' && sniffed !== undefined && sniffed !== 'xml' && sniffed !== format)
      throw new CheckError(
        `${name} looks like ${FORMAT_NAMES[sniffed]}, not ${FORMAT_NAMES[format]}: set format: ${sniffed} (or auto), or fix reports`
      )
    const sink = await sinkFor(format === 'auto' ? sniffed! : format, totalsOnly)
    // two buffers: the next chunk is read while this one is parsed
    const buffers = [buf, Buffer.allocUnsafe(CHUNK)]
    let current = 0
    try {
      if (sniffed === 'cobertura' && bytesRead === CHUNK) {
        const { size } = await fh.stat()
        const { PARALLEL_MIN_BYTES, readCoberturaParallel } = await import('./parallel.js')
        const report =
          size >= PARALLEL_MIN_BYTES
            ? await readCoberturaParallel(file, size, format === 'auto' ? undefined : 'cobertura', signal)
            : undefined
        if (report) return report
      }
      while (bytesRead > 0) {
        signal?.throwIfAborted()
        const next = fh.read(buffers[1 - current], 0, CHUNK, null)
        try {
          sink.write(buffers[current].subarray(0, bytesRead))
        } catch (e) {
          // never leave a read running on a file about to be closed
          await next.catch(() => undefined)
          throw e
        }
        ;({ bytesRead } = await next)
        current = 1 - current
      }
      return sink.end()
    } catch (e) {
      if (e instanceof ReportSyntaxError) throw new CheckError(`${name}:${e.line}: ${e.message}`)
      throw e
    }
  } finally {
    await fh.close()
  }
}
