import { CheckError } from '../../errors.js'
import type { Workspace } from '../../workspace.js'
import { readRepoFile } from '../vulnerabilities/tool-report.js'
import type { InstalledPackage } from './lockfile.js'

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const objects = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : [])
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined

const MAX_SBOM_CHARS = 64 * 1024 * 1024

/** Which SBOM a document is, from its content. */
export type SbomFormat = 'CycloneDX' | 'SPDX'

/**
 * The third-party packages of a CycloneDX JSON (1.4-1.6) or SPDX JSON (2.2/2.3) document, each with
 * the licence expression the SBOM gives (undefined when it gives none or NOASSERTION).
 */
export async function readSbom(
  workspace: Workspace,
  rel: string,
  includeDev = false
): Promise<{ format: string; packages: InstalledPackage[] }> {
  const text = await readRepoFile(workspace, rel, MAX_SBOM_CHARS)
  if (text.length > MAX_SBOM_CHARS) throw new CheckError(`${rel} is larger than 64 MiB: not read`)
  let doc: unknown
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    throw new CheckError(
      `${rel} is not valid JSON: expected a CycloneDX or SPDX JSON SBOM (XML and tag-value are not read)`
    )
  }
  if (!isObject(doc)) throw new CheckError(`${rel} is not a CycloneDX or SPDX JSON SBOM`)
  if (doc.bomFormat === 'CycloneDX')
    return { format: cdxVersion(doc, rel), packages: fromCycloneDx(doc, includeDev) }
  if (typeof doc.spdxVersion === 'string') return { format: spdxVersion(doc, rel), packages: fromSpdx(doc) }
  if (typeof doc['@context'] === 'string' && /spdx/i.test(doc['@context']))
    throw new CheckError(
      `${rel} is SPDX 3 JSON-LD, which is not read: export SPDX 2.3 JSON or CycloneDX JSON`
    )
  throw new CheckError(
    `${rel} is not a CycloneDX or SPDX JSON SBOM (no "bomFormat": "CycloneDX" nor "spdxVersion")`
  )
}

function cdxVersion(doc: Json, rel: string): string {
  const v = str(doc.specVersion)
  if (!v || !/^1\.[2-7]$/.test(v))
    throw new CheckError(`${rel}: CycloneDX specVersion ${v ? 'is not 1.2-1.7' : 'is missing'}: not read`)
  return `CycloneDX ${v}`
}

function spdxVersion(doc: Json, rel: string): string {
  const v = str(doc.spdxVersion)
  if (!v || !/^SPDX-2\.[23]$/.test(v))
    throw new CheckError(`${rel}: spdxVersion ${v ? 'is not SPDX-2.2 or SPDX-2.3' : 'is missing'}: not read`)
  return v.replace('-', ' ')
}

/**
 * CycloneDX: every component (nested ones too) but the SBOM's own subject (`metadata.component`).
 * `licenses` holds `{expression}` or `{license: {id | name}}` entries; CycloneDX 1.6 marks each as
 * `declared` or `concluded`: concluded ones win. Several entries without an expression must all hold
 * (AND): an SBOM that means a choice says so with an OR expression.
 */
function fromCycloneDx(doc: Json, includeDev: boolean): InstalledPackage[] {
  const meta = isObject(doc.metadata) ? doc.metadata : {}
  const subject = isObject(meta.component) ? str(meta.component['bom-ref']) : undefined
  const out: InstalledPackage[] = []
  const walk = (components: Json[], depth: number): void => {
    if (depth > 50) throw new CheckError('the SBOM nests components more than 50 deep: not read')
    for (const c of components) {
      const name = str(c.name)
      // `scope: excluded` is not part of what ships (cdxgen and cyclonedx-npm: dev dependencies)
      const shipped = includeDev || c.scope !== 'excluded'
      if (name && shipped && (subject === undefined || str(c['bom-ref']) !== subject)) {
        const group = str(c.group)
        // npm scopes (`@babel`) are CycloneDX groups; Maven groupIds are shown as group:name
        const full = group ? (group.startsWith('@') ? `${group}/${name}` : `${group}:${name}`) : name
        out.push({
          name: full,
          version: str(c.version) ?? '',
          license: cdxLicense(c.licenses),
          path: str(c.purl) ?? full
        })
      }
      walk(objects(c.components), depth + 1)
    }
  }
  walk(objects(doc.components), 0)
  return out
}

function cdxLicense(value: unknown): string | undefined {
  const entries = objects(value)
  const concluded = entries.filter(
    e =>
      e.acknowledgement === 'concluded' || (isObject(e.license) && e.license.acknowledgement === 'concluded')
  )
  const chosen = concluded.length > 0 ? concluded : entries
  const parts: string[] = []
  for (const e of chosen) {
    const expression = str(e.expression)
    if (expression) {
      parts.push(expression)
      continue
    }
    const lic = isObject(e.license) ? e.license : undefined
    const text = str(lic?.id) ?? str(lic?.name)
    if (text) parts.push(text)
  }
  const known = [...new Set(parts)].filter(p => !isNoAssertion(p))
  if (known.length === 0) return undefined
  if (known.length === 1) return known[0]
  return known.map(p => (/\s/.test(p) ? `(${p})` : p)).join(' AND ')
}

/**
 * SPDX: every package but those the document describes (`documentDescribes` or a DESCRIBES
 * relationship from the document): `licenseConcluded` when the author concluded one, else
 * `licenseDeclared`. NOASSERTION (and an absent field) is unknown.
 */
function fromSpdx(doc: Json): InstalledPackage[] {
  const described = new Set<string>()
  for (const d of Array.isArray(doc.documentDescribes) ? doc.documentDescribes : [])
    if (str(d)) described.add(str(d)!)
  for (const r of objects(doc.relationships))
    if (r.relationshipType === 'DESCRIBES' && r.spdxElementId === doc.SPDXID && str(r.relatedSpdxElement))
      described.add(str(r.relatedSpdxElement)!)
  return objects(doc.packages)
    .filter(p => !described.has(str(p.SPDXID) ?? ''))
    .filter(p => str(p.name))
    .map(p => {
      const concluded = str(p.licenseConcluded)
      const declared = str(p.licenseDeclared)
      const license =
        concluded && !isNoAssertion(concluded)
          ? concluded
          : declared && !isNoAssertion(declared)
            ? declared
            : undefined
      return {
        name: str(p.name)!,
        version: str(p.versionInfo) ?? '',
        license,
        path: str(p.SPDXID) ?? str(p.name)!
      }
    })
}

function isNoAssertion(text: string): boolean {
  return text.trim().toUpperCase() === 'NOASSERTION'
}
