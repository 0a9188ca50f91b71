import { CheckError } from '../../errors.js'
import type { Advisory } from './advisory.js'
import { array, isObject, mergeByAlias, objects, parseJson, pickFix, str, titleOf } from './tool-report.js'

const WHAT = 'pip-audit --format json'

/** Packages pip-audit could not audit, with its reason (not on PyPI, a local project). */
export interface Skipped {
  package: string
  reason: string
}

/**
 * `pip-audit --format json`: `{dependencies: [{name, version, vulns: [{id, fix_versions, aliases,
 * description}]} | {name, skip_reason}], fixes}` (before 2.0 the list itself). pip-audit gives no
 * severity: every advisory is `unknown`, which fails at any `fail-on` unless ignored.
 */
export function parsePipAudit(text: string, origin: string): { advisories: Advisory[]; skipped: Skipped[] } {
  const doc = parseJson(text, origin, WHAT)
  const deps = Array.isArray(doc) ? doc : isObject(doc) ? doc.dependencies : undefined
  if (!Array.isArray(deps))
    throw new CheckError(`${origin} is not the JSON output of ${WHAT} (no "dependencies")`)
  // pip-audit lists every dependency it audited, vulnerable or not: none means it audited nothing
  if (deps.length === 0)
    throw new CheckError(
      `${origin}: pip-audit audited no dependency: run it in the project's environment or with -r requirements.txt`
    )
  const advisories: Advisory[] = []
  const skipped: Skipped[] = []
  for (const dep of objects(deps)) {
    const name = str(dep.name)
    if (!name) throw new CheckError(`${origin}: a dependency without a name: not ${WHAT} output`)
    if (str(dep.skip_reason)) {
      skipped.push({ package: name, reason: titleOf(dep.skip_reason) })
      continue
    }
    if (!Array.isArray(dep.vulns))
      throw new CheckError(`${origin}: dependency ${titleOf(name)} has no "vulns" list: not ${WHAT} output`)
    for (const v of objects(dep.vulns)) {
      const id = str(v.id)
      if (!id) throw new CheckError(`${origin}: an advisory without an id: not ${WHAT} output`)
      const fixes = array(v.fix_versions)
        .map(str)
        .filter((x): x is string => !!x)
      advisories.push({
        id,
        aliases: array(v.aliases)
          .map(str)
          .filter((x): x is string => !!x),
        package: name,
        version: str(dep.version) ?? '',
        severity: 'unknown',
        title: titleOf(v.description),
        fix: pickFix(str(dep.version) ?? '', fixes) ?? 'no fix available',
        ecosystem: 'PyPI'
      })
    }
  }
  return { advisories: mergeByAlias(advisories), skipped }
}
