import { CheckError } from '../../errors.js'
import type { Advisory, VulnSeverity } from './advisory.js'
import { osvSeverity, scoreSeverity } from './severity.js'
import {
  array,
  isObject,
  mergeByAlias,
  objects,
  pickFix,
  parseJson,
  preferredId,
  str,
  titleOf
} from './tool-report.js'
import type { Json } from './tool-report.js'

const WHAT = 'osv-scanner --format json'

/**
 * `osv-scanner --format json` (v1 and v2): `results[].packages[]`, each with its `package`, the OSV
 * `vulnerabilities` and the `groups` osv-scanner made of the ones that are the same advisory.
 */
export function parseOsvScanner(text: string, origin: string): Advisory[] {
  const doc = parseJson(text, origin, WHAT)
  if (!isObject(doc) || !Array.isArray(doc.results))
    throw new CheckError(`${origin} is not the JSON output of ${WHAT} (no "results")`)
  const out: Advisory[] = []
  for (const result of objects(doc.results)) {
    for (const pkg of objects(result.packages)) {
      const info = isObject(pkg.package) ? pkg.package : {}
      // a git dependency (a submodule, vendored C/C++) is named by its commit only
      const commit = str(info.commit)
      const name =
        str(info.name) ??
        (commit
          ? `git ${str(result.source && isObject(result.source) ? result.source.path : undefined) ?? 'repository'}`
          : undefined)
      if (!name) throw new CheckError(`${origin}: a package without a name: not ${WHAT} output`)
      const version = str(info.version) ?? (commit ? commit.slice(0, 12) : '')
      const ecosystem = str(info.ecosystem)
      const vulns = objects(pkg.vulnerabilities)
      const byId = new Map(vulns.map(v => [str(v.id) ?? '', v] as const))
      const groups = objects(pkg.groups)
      const grouped = new Set<string>()
      for (const g of groups) {
        const ids = array(g.ids)
          .map(str)
          .filter((x): x is string => !!x)
        ids.forEach(i => grouped.add(i))
        const members = ids.map(i => byId.get(i)).filter((v): v is Json => !!v)
        out.push(advisory(name, version, ecosystem, ids, members, g, origin))
      }
      for (const v of vulns) {
        const id = str(v.id)
        if (!id) throw new CheckError(`${origin}: a vulnerability without an id: not ${WHAT} output`)
        if (!grouped.has(id)) out.push(advisory(name, version, ecosystem, [id], [v], undefined, origin))
      }
    }
  }
  return mergeByAlias(out)
}

function advisory(
  name: string,
  version: string,
  ecosystem: string | undefined,
  ids: string[],
  members: Json[],
  group: Json | undefined,
  origin: string
): Advisory {
  const aliases = new Set<string>(ids)
  for (const m of members) for (const a of array(m.aliases)) if (str(a)) aliases.add(str(a)!)
  for (const a of array(group?.aliases)) if (str(a)) aliases.add(str(a)!)
  const id = preferredId([...aliases])
  aliases.delete(id)
  let severity: VulnSeverity | undefined
  for (const m of members) {
    const s = entrySeverity(m, origin)
    if (s && (!severity || rank(s) > rank(severity))) severity = s
  }
  // osv-scanner's own number for the group: the highest CVSS base score it computed
  const max = str(group?.max_severity)
  if (!severity && max !== undefined) {
    const n = Number(max)
    if (!Number.isFinite(n)) throw new CheckError(`${origin}: a group severity that is not a number`)
    severity = scoreSeverity(n)
  }
  const main = members.find(m => str(m.id) === id) ?? members[0]
  return {
    id,
    aliases: [...aliases],
    package: name,
    version,
    severity: severity ?? 'unknown',
    title: titleOf(main?.summary) || titleOf(main?.details),
    ...(fixedIn(members, name, version) ? { fix: fixedIn(members, name, version) } : {}),
    ...(ecosystem ? { ecosystem } : {})
  }
}

function entrySeverity(entry: Json, origin: string): VulnSeverity | undefined {
  try {
    return osvSeverity(entry, 'osv-scanner')
  } catch (e) {
    throw new CheckError(`${origin}: ${(e as Error).message}`)
  }
}

const ORDER: VulnSeverity[] = ['info', 'low', 'moderate', 'high', 'critical', 'unknown']
const rank = (s: VulnSeverity): number => ORDER.indexOf(s)

/** The fixed version an OSV entry names for this package, for the installed version's release line. */
export function fixedIn(entries: Json[], name: string, installed = ''): string | undefined {
  const fixes: string[] = []
  for (const e of entries)
    for (const aff of objects(e.affected)) {
      const p = isObject(aff.package) ? str(aff.package.name) : undefined
      if (p && p.toLowerCase() !== name.toLowerCase()) continue
      for (const r of objects(aff.ranges))
        for (const ev of objects(r.events)) if (str(ev.fixed)) fixes.push(str(ev.fixed)!)
    }
  return pickFix(installed, fixes)
}
