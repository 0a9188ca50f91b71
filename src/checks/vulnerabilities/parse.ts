import { CheckError, errorMessage } from '../../errors.js'
import { dedupe, ghsaOf, SEVERITIES, toSeverity } from './advisory.js'
import type { Advisory, VulnSeverity } from './advisory.js'
import { inRange } from './range.js'
import { oneLine } from '../../text.js'

type Json = Record<string, unknown>

/** Installed versions by install path (`node_modules/a`), from package-lock.json, to name npm 7+ versions. */
export type InstalledVersions = Map<string, string>

/**
 * The advisories in the `--json` output of npm audit (npm 6 and npm 7+), pnpm audit, yarn audit
 * (classic NDJSON) or yarn npm audit (berry). The format is recognised from the data. Output that
 * says the audit failed, or that is not an audit report, throws: it never reads as "no advisories".
 */
export function parseAuditOutput(text: string, origin: string, installed?: InstalledVersions): Advisory[] {
  const trimmed = text.trim()
  if (trimmed === '') throw new CheckError(`${origin} is empty: the audit produced no report`)
  let doc: unknown
  try {
    doc = JSON.parse(trimmed)
  } catch {
    return dedupe(parseLines(trimmed, origin))
  }
  if (!isObject(doc)) throw new CheckError(`${origin} is not an audit report (expected a JSON object)`)
  return dedupe(parseDocument(doc, origin, installed))
}

function parseDocument(doc: Json, origin: string, installed?: InstalledVersions): Advisory[] {
  if ('error' in doc && !('vulnerabilities' in doc) && !('advisories' in doc))
    throw new CheckError(`the audit failed: ${auditError(doc)}`)
  if (isObject(doc.vulnerabilities) && !isObject(doc.advisories)) return fromNpm7(doc, installed)
  if (isObject(doc.advisories)) return fromNpm6(doc)
  // yarn 4.0.1+ prints one tree node per line; a single vulnerable package is one line of JSON
  if ('value' in doc && isObject(doc.children)) return fromYarnBerryLines([doc])
  // yarn classic with a single line
  if (typeof doc.type === 'string') return fromYarnClassic([doc], origin)
  // the registry's bulk response as yarn 4.0.0 prints it: { name: [advisory] }
  const values = Object.values(doc)
  // `{}` says nothing: not "no advisories" (unknown is an error, never a pass)
  if (
    values.length > 0 &&
    values.every(v => Array.isArray(v) && v.every(a => isObject(a) && 'severity' in a))
  )
    return fromBulk(doc as Record<string, Json[]>)
  throw new CheckError(
    `${origin} is not the --json output of npm audit, yarn audit or pnpm audit (no vulnerabilities or advisories)`
  )
}

function parseLines(text: string, origin: string): Advisory[] {
  const lines: Json[] = []
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (e) {
      throw new CheckError(`${origin} is not valid JSON (line ${i + 1}): ${errorMessage(e)}`)
    }
    if (!isObject(value)) throw new CheckError(`${origin} line ${i + 1} is not a JSON object`)
    lines.push(value)
  }
  if (lines.every(l => typeof l.type === 'string')) return fromYarnClassic(lines, origin)
  if (lines.every(l => 'value' in l && isObject(l.children))) return fromYarnBerryLines(lines)
  throw new CheckError(`${origin} is JSON lines, but neither yarn audit's nor yarn npm audit's`)
}

/** npm 7+: one entry per vulnerable package; `via` holds advisories (objects) and causes (package names). */
function fromNpm7(doc: Json, installed?: InstalledVersions): Advisory[] {
  const vulns = doc.vulnerabilities as Record<string, Json>
  const out: Advisory[] = []
  for (const [key, vuln] of Object.entries(vulns)) {
    if (!isObject(vuln) || !Array.isArray(vuln.via))
      throw new CheckError(
        `the audit report's entry for ${oneLine(key, 80)} is not one npm writes (no 'via' list)`
      )
    for (const via of vuln.via) {
      // a string names another vulnerable package: its own entry carries the advisory, counted there
      if (!isObject(via)) continue
      const name = str(via.name) ?? str(via.dependency) ?? key
      const owner = isObject(vulns[name]) ? vulns[name] : vuln
      const all = Array.isArray(owner.nodes)
        ? [...new Set(owner.nodes.map(n => installed?.get(String(n))).filter((v): v is string => !!v))]
        : []
      // of the installed copies, those this advisory's range hits (all of them if none seems to)
      const range = str(via.range)
      const hit = range ? all.filter(v => inRange(v, range)) : all
      const versions = hit.length > 0 ? hit : all
      const source = via.source !== undefined ? String(via.source) : undefined
      out.push({
        id: ghsaOf(via.url) ?? source ?? `${name}:${str(via.title) ?? 'advisory'}`,
        aliases: source ? [source] : [],
        package: name,
        version: versions.length > 0 ? versions.join(', ') : (str(via.range) ?? str(owner.range) ?? ''),
        severity: knownSeverity(via.severity),
        title: str(via.title) ?? '',
        fix: npm7Fix(owner.fixAvailable, name)
      })
    }
  }
  // the report's own totals must agree: advisories it counts and we could not read would pass unseen
  const meta =
    isObject(doc.metadata) && isObject(doc.metadata.vulnerabilities) ? doc.metadata.vulnerabilities : {}
  const total = typeof meta.total === 'number' ? meta.total : 0
  if (total > 0 && out.length === 0)
    throw new CheckError(`the audit report counts ${total} vulnerabilities but lists none that can be read`)
  return out
}

function npm7Fix(fix: unknown, name: string): string | undefined {
  if (fix === false) return 'no fix available'
  if (fix === true) return 'npm audit fix'
  if (isObject(fix) && typeof fix.version === 'string') {
    const target =
      fix.name === name || typeof fix.name !== 'string' ? fix.version : `${fix.name}@${fix.version}`
    return fix.isSemVerMajor ? `${target}, breaking` : target
  }
  return undefined
}

/** npm 6, pnpm and yarn 2/3: `advisories` by number, each with `findings` per installed version. */
function fromNpm6(doc: Json): Advisory[] {
  const fixes = actionFixes(Array.isArray(doc.actions) ? doc.actions : [])
  return Object.values(doc.advisories as Record<string, Json>)
    .filter(isObject)
    .map(a => fromLegacyAdvisory(a, fixes))
}

function fromLegacyAdvisory(a: Json, fixes: Map<string, string>): Advisory {
  const number = a.id !== undefined ? String(a.id) : undefined
  const findings = Array.isArray(a.findings) ? a.findings.filter(isObject) : []
  const versions = [...new Set(findings.map(f => str(f.version)).filter((v): v is string => !!v))]
  const cves = Array.isArray(a.cves) ? a.cves.map(String) : []
  const name = str(a.module_name) ?? ''
  const patched = str(a.patched_versions)
  return {
    id: ghsaOf(a.github_advisory_id, a.url) ?? number ?? `${name}:${str(a.title) ?? 'advisory'}`,
    aliases: [...(number ? [number] : []), ...cves],
    package: name,
    version: versions.length > 0 ? versions.join(', ') : (str(a.vulnerable_versions) ?? ''),
    severity: knownSeverity(a.severity),
    title: str(a.title) ?? '',
    fix:
      (number !== undefined ? fixes.get(number) : undefined) ??
      (patched === '<0.0.0' ? 'no fix available' : patched)
  }
}

/** npm 6 / yarn classic `actions`: which install or update resolves which advisory number. */
function actionFixes(actions: unknown[]): Map<string, string> {
  const fixes = new Map<string, string>()
  for (const action of actions.filter(isObject)) {
    if (action.action === 'review' || typeof action.target !== 'string') continue
    const target = `${str(action.module) ?? ''}@${action.target}${action.isMajor ? ', breaking' : ''}`
    for (const r of Array.isArray(action.resolves) ? action.resolves.filter(isObject) : [])
      if (r.id !== undefined && !fixes.has(String(r.id))) fixes.set(String(r.id), target)
  }
  return fixes
}

/** yarn classic: `auditAdvisory` lines (one per path), `auditAction`, `auditSummary`; `error` when it failed. */
function fromYarnClassic(lines: Json[], origin: string): Advisory[] {
  const errors = lines.filter(l => l.type === 'error').map(l => String(l.data))
  if (errors.length > 0) throw new CheckError(`the audit failed: ${oneLine(errors.join('; '), 300)}`)
  const fixes = actionFixes(
    lines.filter(l => l.type === 'auditAction' && isObject(l.data)).map(l => (l.data as Json).action)
  )
  const advisories = lines
    .filter(l => l.type === 'auditAdvisory' && isObject(l.data) && isObject((l.data as Json).advisory))
    .map(l => fromLegacyAdvisory((l.data as Json).advisory as Json, fixes))
  if (advisories.length === 0 && !lines.some(l => l.type === 'auditSummary'))
    throw new CheckError(`${origin} holds no audit result (no auditAdvisory or auditSummary line)`)
  return advisories
}

/** yarn 4.0.1+: one line per vulnerable package, `{value, children: {ID, Issue, URL, Severity, ...}}`. */
function fromYarnBerryLines(lines: Json[]): Advisory[] {
  const out: Advisory[] = []
  for (const line of lines) {
    const c = line.children as Json
    // deprecation notices share the format; they are not advisories
    if (typeof c.ID === 'string' && /deprecation/i.test(c.ID)) continue
    const number = c.ID !== undefined ? String(c.ID) : undefined
    const tree = Array.isArray(c['Tree Versions']) ? c['Tree Versions'].map(String) : []
    const name = String(line.value)
    out.push({
      id: ghsaOf(c.URL) ?? number ?? `${name}:${str(c.Issue) ?? 'advisory'}`,
      aliases: number ? [number] : [],
      package: name,
      version: tree.length > 0 ? tree.join(', ') : (str(c['Vulnerable Versions']) ?? ''),
      severity: knownSeverity(c.Severity),
      title: str(c.Issue) ?? ''
    })
  }
  return out
}

/** The registry's bulk answer (yarn 4.0.0 prints it as is): `{name: [{id, url, title, severity, vulnerable_versions}]}`. */
function fromBulk(doc: Record<string, Json[]>): Advisory[] {
  return Object.entries(doc).flatMap(([name, list]) =>
    list.map(a => {
      const number = a.id !== undefined ? String(a.id) : undefined
      return {
        id: ghsaOf(a.url) ?? number ?? `${name}:${str(a.title) ?? 'advisory'}`,
        aliases: number ? [number] : [],
        package: name,
        version: str(a.vulnerable_versions) ?? '',
        severity: knownSeverity(a.severity),
        title: str(a.title) ?? ''
      }
    })
  )
}

/** The reason in npm's / pnpm's `{"error": {...}}` output, in the tool's own words. */
export function auditError(doc: Json): string {
  const e = isObject(doc.error) ? doc.error : {}
  const reason =
    str(e.summary) ??
    str(e.message) ??
    str(doc.message) ??
    (typeof doc.error === 'string' ? doc.error : undefined)
  const code = str(e.code)
  const detail = str(e.detail)
  let text = [code, reason].filter(Boolean).join(': ')
  if (detail) text += ` (${detail})`
  return oneLine(text || JSON.stringify(doc.error), 300)
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined
}

/**
 * A severity the scale knows (GitHub's `medium` is `moderate`). Anything else (`"severe"`, null, `""`) cannot be
 * ranked against `fail-on`: the advisory is not counted as harmless, the item is an error.
 */
function knownSeverity(value: unknown): VulnSeverity {
  const s = typeof value === 'string' ? value.trim().toLowerCase() : ''
  if (s === 'medium' || (SEVERITIES as readonly string[]).includes(s)) return toSeverity(s)
  throw new CheckError(
    `an advisory has an unknown severity (${oneLine(JSON.stringify(value) ?? String(value), 40)}): cannot judge it against fail-on`
  )
}
