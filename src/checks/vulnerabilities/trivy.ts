import { CheckError } from '../../errors.js'
import type { Advisory } from './advisory.js'
import { severityWord } from './severity.js'
import { array, isObject, mergeByAlias, objects, parseJson, str, titleOf } from './tool-report.js'

const WHAT = 'trivy --format json'

/**
 * `trivy fs|image|repo --format json` (schema 2): `Results[]`, one per target (a lockfile, an image
 * layer's OS packages), each with `Vulnerabilities[]`: `{VulnerabilityID, VendorIDs, PkgName,
 * InstalledVersion, FixedVersion, Severity, Title}`. Trivy's UNKNOWN severity stays `unknown`.
 */
export function parseTrivy(text: string, origin: string): Advisory[] {
  const doc = parseJson(text, origin, WHAT)
  if (!isObject(doc) || doc.SchemaVersion !== 2)
    throw new CheckError(`${origin} is not the JSON output of ${WHAT} (SchemaVersion 2)`)
  // trivy leaves Results out when it found nothing to scan: that is not "no vulnerabilities"
  if (doc.Results === undefined)
    throw new CheckError(
      `${origin}: trivy found nothing to scan (no "Results"): point it at the folder with the lockfiles or the image`
    )
  if (!Array.isArray(doc.Results))
    throw new CheckError(`${origin}: "Results" is not a list: not ${WHAT} output`)
  const out: Advisory[] = []
  for (const result of objects(doc.Results)) {
    for (const v of objects(result.Vulnerabilities)) {
      const id = str(v.VulnerabilityID)
      const name = str(v.PkgName)
      if (!id || !name)
        throw new CheckError(`${origin}: a vulnerability without an id or package: not ${WHAT} output`)
      let severity
      try {
        severity = severityWord(v.Severity, 'trivy')
      } catch (e) {
        throw new CheckError(`${origin}: ${(e as Error).message}`)
      }
      const fixed = str(v.FixedVersion)
      out.push({
        id,
        aliases: array(v.VendorIDs)
          .map(str)
          .filter((x): x is string => !!x),
        package: name,
        version: str(v.InstalledVersion) ?? '',
        severity: severity ?? 'unknown',
        title: titleOf(v.Title) || titleOf(v.Description),
        ...(fixed ? { fix: fixed } : str(v.Status) === 'affected' ? { fix: 'no fix available' } : {}),
        ...(str(result.Type) ? { ecosystem: str(result.Type) } : {})
      })
    }
  }
  return mergeByAlias(out)
}
