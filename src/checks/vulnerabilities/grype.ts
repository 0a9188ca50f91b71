import { CheckError } from '../../errors.js'
import type { Advisory } from './advisory.js'
import { severityWord, vectorScore, scoreSeverity } from './severity.js'
import { array, isObject, mergeByAlias, objects, parseJson, pickFix, str, titleOf } from './tool-report.js'

const WHAT = 'grype -o json'

/**
 * `grype -o json`: `matches[]`, each `{vulnerability: {id, severity, description, fix: {versions, state},
 * cvss}, relatedVulnerabilities: [{id}], artifact: {name, version, type}}`. Grype's "Unknown" severity
 * falls back to the CVSS vectors it lists, else stays `unknown`.
 */
export function parseGrype(text: string, origin: string): Advisory[] {
  const doc = parseJson(text, origin, WHAT)
  if (!isObject(doc) || !Array.isArray(doc.matches))
    throw new CheckError(`${origin} is not the JSON output of ${WHAT} (no "matches")`)
  const out: Advisory[] = []
  for (const m of objects(doc.matches)) {
    const v = isObject(m.vulnerability) ? m.vulnerability : undefined
    const art = isObject(m.artifact) ? m.artifact : undefined
    const id = str(v?.id)
    const name = str(art?.name)
    if (!v || !art || !id || !name)
      throw new CheckError(`${origin}: a match without a vulnerability id or artifact: not ${WHAT} output`)
    let severity
    try {
      severity = severityWord(v.severity, 'grype')
    } catch (e) {
      throw new CheckError(`${origin}: ${(e as Error).message}`)
    }
    if (!severity) {
      const scores = [v, ...objects(m.relatedVulnerabilities)]
        .flatMap(x => objects(x.cvss))
        .map(c => (str(c.vector) ? vectorScore(str(c.vector)!) : undefined))
        .filter((x): x is { score: number; version: number } => !!x)
        .sort((a, b) => b.version - a.version)
      if (scores[0]) severity = scoreSeverity(scores[0].score, scores[0].version)
    }
    const fix = isObject(v.fix) ? v.fix : {}
    const versions = array(fix.versions)
      .map(str)
      .filter((x): x is string => !!x)
    const state = str(fix.state)
    out.push({
      id,
      aliases: objects(m.relatedVulnerabilities)
        .map(r => str(r.id))
        .filter((x): x is string => !!x),
      package: name,
      version: str(art.version) ?? '',
      severity: severity ?? 'unknown',
      title: titleOf(v.description),
      ...(versions.length
        ? { fix: pickFix(str(art.version) ?? '', versions)! }
        : state === 'not-fixed' || state === 'wont-fix'
          ? { fix: 'no fix available' }
          : {}),
      ...(str(art.type) ? { ecosystem: str(art.type) } : {})
    })
  }
  return mergeByAlias(out)
}
