import type { Log } from 'sarif'
import { CheckError, errorMessage } from '../../errors.js'
import { LEVELS, readResults } from './results.js'
import type { Level, ScanResult } from './results.js'
import type { Annotation, Check } from '../types.js'
import type { SarifOptions } from './options.gen.js'

export type { SarifOptions as Options }

const SHOWN = 3
/** GitHub shows at most 10 annotations of each level per step; a few more cost nothing. */
const MAX_ANNOTATIONS = 50

export const check: Check<SarifOptions> = async (options, _item, ctx) => {
  const patterns = typeof options.files === 'string' ? [options.files] : options.files
  const failOn = options['fail-on']
  const files = await ctx.workspace.glob(patterns)
  if (files.length === 0)
    throw new CheckError(
      `no SARIF file matches ${patterns.join(', ')}: did the scanner run and write its report there?`
    )

  const results: ScanResult[] = []
  for (const file of files) {
    const log = parseLog(await ctx.workspace.readText(file), file)
    results.push(...readResults(log, ctx.workspace.root))
  }

  const rank = (l: Level): number => LEVELS.indexOf(l)
  const failing = results.filter(r => !r.suppressed && r.level !== 'none' && rank(r.level) >= rank(failOn))
  const details = {
    files,
    failOn,
    results: results.map(r => ({
      ruleId: r.ruleId,
      level: r.level,
      // absent when the scanner gives no location
      ...(r.file !== undefined ? { file: r.file } : {}),
      ...(r.line !== undefined ? { line: r.line } : {}),
      suppressed: r.suppressed
    }))
  }
  const annotations: Annotation[] = results
    .filter(r => !r.suppressed && r.file && r.level !== 'none' && !/^[a-z][a-z0-9+.-]*:|^\//i.test(r.file))
    .sort((a, b) => rank(b.level) - rank(a.level))
    .slice(0, MAX_ANNOTATIONS)
    .map(r => ({
      level: r.level === 'error' ? 'error' : r.level === 'warning' ? 'warning' : 'notice',
      file: r.file!,
      ...(r.line ? { line: r.line } : {}),
      title: `${r.tool}: ${r.ruleId}`,
      message: r.message || r.ruleId
    }))

  const where = files.length === 1 ? files[0] : `${files.length} SARIF files`
  const suppressed = results.filter(r => r.suppressed).length
  const tally = tallyOf(results.filter(r => !r.suppressed))
  const rest = [tally, suppressed ? `${suppressed} suppressed` : ''].filter(Boolean).join(', ')
  if (failing.length > 0) {
    const shown = failing.slice(0, SHOWN).map(r => `${r.ruleId || 'result'} at ${place(r)}`)
    if (failing.length > SHOWN) shown.push(`${failing.length - SHOWN} more`)
    return {
      status: 'fail',
      summary: `${where}: ${failing.length} result${failing.length === 1 ? '' : 's'} at or above ${failOn} (${rest}): ${shown.join(', ')}`,
      details,
      annotations
    }
  }
  return {
    status: 'pass',
    summary: `${where}: no results at or above ${failOn}${rest ? ` (${rest})` : ''}`,
    details,
    annotations
  }
}

function parseLog(text: string, file: string): Log {
  let log: unknown
  try {
    log = JSON.parse(text)
  } catch (e) {
    throw new CheckError(`${file} is not valid JSON: ${errorMessage(e)}`)
  }
  if (!log || typeof log !== 'object' || !Array.isArray((log as Log).runs))
    throw new CheckError(`${file} is not a SARIF log (no runs)`)
  const version = (log as Log).version as string | undefined
  if (version !== undefined && version !== '2.1.0')
    throw new CheckError(`${file} is SARIF ${version}; only SARIF 2.1.0 is read`)
  return log as Log
}

function tallyOf(results: ScanResult[]): string {
  return (['error', 'warning', 'note'] as const)
    .map(l => [l, results.filter(r => r.level === l).length] as const)
    .filter(([, n]) => n > 0)
    .map(([l, n]) => `${n} ${l}${n === 1 ? '' : 's'}`)
    .join(', ')
}

function place(r: ScanResult): string {
  if (!r.file) return 'no location'
  return r.line ? `${r.file}:${r.line}` : r.file
}
