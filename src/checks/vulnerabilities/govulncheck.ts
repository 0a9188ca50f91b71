import { CheckError } from '../../errors.js'
import type { Advisory } from './advisory.js'
import { osvSeverity } from './severity.js'
import { isObject, mergeByAlias, objects, parseJsonStream, str, titleOf, array } from './tool-report.js'
import type { Json } from './tool-report.js'

const WHAT = 'govulncheck -format json'

/**
 * `govulncheck -format json` (v1+): a stream of objects, `config`, `progress`, `osv` (the entries) and
 * `finding` (`{osv, fixed_version, trace: [{module, version, package, function}]}`). govulncheck reports
 * a vulnerability at module, package and symbol level; like govulncheck itself, only a finding whose
 * trace reaches a function (the code calls it) counts at the default scan level. The Go database has
 * no severities: findings are `unknown` unless the entry carries one.
 */
export function parseGovulncheck(
  text: string,
  origin: string
): { advisories: Advisory[]; notCalled: string[] } {
  const values = parseJsonStream(text, origin, WHAT)
  if (!values.every(isObject)) throw new CheckError(`${origin} is not the output of ${WHAT}`)
  const messages = values as Json[]
  const config = messages.find(m => isObject(m.config))?.config as Json | undefined
  if (!config) {
    const old = messages.length === 1 && ('Vulns' in messages[0] || 'vulns' in messages[0])
    throw new CheckError(
      old
        ? `${origin} is the output of govulncheck before v1.0: run govulncheck v1 or later with -format json`
        : `${origin} is not the output of ${WHAT} (no "config" message)`
    )
  }
  const level = str(config.scan_level) ?? 'symbol'
  const entries = new Map<string, Json>()
  for (const m of messages) if (isObject(m.osv) && str(m.osv.id)) entries.set(str(m.osv.id)!, m.osv)
  const findings = messages.filter(m => isObject(m.finding)).map(m => m.finding as Json)

  const counted: Advisory[] = []
  const seen = new Set<string>()
  const calledIds = new Set<string>()
  for (const f of findings) {
    const id = str(f.osv)
    const trace = objects(f.trace)
    if (!id || trace.length === 0)
      throw new CheckError(`${origin}: a finding without an id or trace: not ${WHAT} output`)
    const top = trace[0]
    // symbol level: the trace starts at a vulnerable function the code reaches
    const called = level !== 'symbol' || !!str(top.function)
    if (!called) continue
    calledIds.add(id)
    const module = str(top.module) ?? 'unknown module'
    const key = `${id}\u0000${module}`
    if (seen.has(key)) continue
    seen.add(key)
    const entry = entries.get(id)
    let severity
    try {
      severity = entry ? osvSeverity(entry, 'govulncheck') : undefined
    } catch (e) {
      throw new CheckError(`${origin}: ${(e as Error).message}`)
    }
    counted.push({
      id,
      aliases: array(entry?.aliases)
        .map(str)
        .filter((x): x is string => !!x),
      package: module,
      version: str(top.version) ?? '',
      severity: severity ?? 'unknown',
      title: titleOf(entry?.summary) || titleOf(entry?.details),
      fix: str(f.fixed_version) ?? 'no fix available',
      ecosystem: 'Go'
    })
  }
  const notCalled = [...new Set(findings.map(f => str(f.osv)).filter((x): x is string => !!x))]
    .filter(id => !calledIds.has(id))
    .sort()
  return { advisories: mergeByAlias(counted), notCalled }
}
