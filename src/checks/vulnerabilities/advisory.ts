/**
 * Our scale, lowest first. `unknown` is an advisory the tool gives no rating for (pip-audit and
 * govulncheck never do; grype and trivy say "Unknown"): it ranks above critical, so it fails at any
 * `fail-on` unless ignored (fail closed).
 */
export const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical', 'unknown'] as const
export type VulnSeverity = (typeof SEVERITIES)[number]

/** One advisory affecting one package, whatever tool reported it. */
export interface Advisory {
  /** GHSA id when known, else the tool's own id */
  id: string
  /** other names of the same advisory (CVE, npm's number), matched by `ignore` */
  aliases: string[]
  package: string
  /** installed version(s), or the vulnerable range when the tool does not say */
  version: string
  severity: VulnSeverity
  title: string
  /** how to fix it, when the tool says (`4.17.21`, `mkdirp@0.5.6`, `no fix available`) */
  fix?: string
  /** the ecosystem, when the tool says (`PyPI`, `Go`, `npm`) */
  ecosystem?: string
}

export function severityRank(severity: VulnSeverity): number {
  return SEVERITIES.indexOf(severity)
}

/** Tool and GitHub severities to one scale (GitHub says `medium`). */
export function toSeverity(value: unknown): VulnSeverity {
  const s = String(value ?? '').toLowerCase()
  if (s === 'medium') return 'moderate'
  if ((SEVERITIES as readonly string[]).includes(s)) return s as VulnSeverity
  // unrated advisories are kept visible but below every threshold
  return 'info'
}

/** The GHSA id in an advisory URL (`https://github.com/advisories/GHSA-xxxx-xxxx-xxxx`). */
export function ghsaOf(...candidates: unknown[]): string | undefined {
  for (const c of candidates) {
    const m = typeof c === 'string' ? /GHSA(-[23456789cfghjmpqrvwx]{4}){3}/i.exec(c) : null
    if (m) return m[0].replace(/^ghsa/i, 'GHSA')
  }
  return undefined
}

/** Merges advisories reported several times (per path, per version, per manifest) into one per id and package. */
export function dedupe(advisories: Advisory[]): Advisory[] {
  const byKey = new Map<string, Advisory>()
  for (const a of advisories) {
    const key = `${a.id}\u0000${a.package}`
    const seen = byKey.get(key)
    if (!seen) {
      byKey.set(key, { ...a, aliases: [...a.aliases] })
      continue
    }
    const versions = new Set([...splitVersions(seen.version), ...splitVersions(a.version)])
    seen.version = [...versions].join(', ')
    if (severityRank(a.severity) > severityRank(seen.severity)) seen.severity = a.severity
    seen.aliases = [...new Set([...seen.aliases, ...a.aliases])]
    seen.fix ??= a.fix
  }
  return [...byKey.values()]
}

function splitVersions(v: string): string[] {
  return v ? v.split(', ') : []
}
