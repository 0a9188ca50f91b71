import type * as CvssModule from 'ae-cvss-calculator'
import type { VulnSeverity } from './advisory.js'

type CvssLibrary = typeof CvssModule
let cvss: CvssLibrary | undefined

/** Loads the CVSS calculator (its own chunk: npm audit runs never load it). */
export async function loadCvss(): Promise<void> {
  cvss ??= ((await import('ae-cvss-calculator')) as unknown as { default: CvssLibrary }).default
}

/**
 * A tool's own severity word on our scale. `undefined` when the tool says it has no rating
 * (`UNKNOWN`, empty): the advisory is then `unknown`, which fails at any `fail-on` (fail closed).
 * Throws on a word the tool never uses: the report is not what it claims to be.
 */
export function severityWord(value: unknown, tool: string): VulnSeverity | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value !== 'string') throw new Error(`${tool} gives a severity that is not a word`)
  switch (value.trim().toLowerCase()) {
    case 'critical':
      return 'critical'
    case 'high':
    case 'important':
      return 'high'
    case 'medium':
    case 'moderate':
      return 'moderate'
    case 'low':
      return 'low'
    // Grype's "Negligible" is a rating (below low), not an absence of one
    case 'negligible':
    case 'none':
    case 'info':
      return 'info'
    case 'unknown':
      return undefined
    default:
      throw new Error(`${tool} gives a severity this gate does not know`)
  }
}

/** CVSS v3/v4 qualitative rating of a base score (FIRST's table); v2 as NVD rates it (no critical). */
export function scoreSeverity(score: number, version = 3): VulnSeverity {
  if (!Number.isFinite(score) || score < 0 || score > 10) throw new Error('a CVSS score outside 0-10')
  if (version === 2) return score >= 7 ? 'high' : score >= 4 ? 'moderate' : 'low'
  if (score === 0) return 'info'
  if (score < 4) return 'low'
  if (score < 7) return 'moderate'
  if (score < 9) return 'high'
  return 'critical'
}

/** The base score of a CVSS v2, v3.0, v3.1 or v4.0 vector; undefined when the vector cannot be read. */
const scored = new Map<string, { score: number; version: number } | undefined>()

export function vectorScore(vector: string): { score: number; version: number } | undefined {
  const v = vector.trim()
  if (scored.has(v)) return scored.get(v)
  const result = computeScore(v)
  // a report repeats few distinct vectors; keep the cache bounded for hostile ones
  if (scored.size < 10_000) scored.set(v, result)
  return result
}

function computeScore(v: string): { score: number; version: number } | undefined {
  if (!cvss) throw new Error('the CVSS calculator is not loaded')
  try {
    if (/^CVSS:4\.0\//.test(v)) return { score: base(new cvss.Cvss4P0(v).calculateScores()), version: 4 }
    if (/^CVSS:3\.1\//.test(v)) return { score: base(new cvss.Cvss3P1(v).calculateScores()), version: 3 }
    if (/^CVSS:3\.0\//.test(v)) return { score: base(new cvss.Cvss3P0(v).calculateScores()), version: 3 }
    if (/^(\(?AV:[LAN])/.test(v)) return { score: base(new cvss.Cvss2(v).calculateScores()), version: 2 }
  } catch {
    return undefined
  }
  return undefined
}

function base(scores: { base?: number }): number {
  if (typeof scores.base !== 'number' || !Number.isFinite(scores.base)) throw new Error('no base score')
  return scores.base
}

/**
 * An OSV entry's severity: the database's own reviewed rating (`database_specific.severity`, as GitHub's
 * advisories carry it), else the highest-version CVSS vector's base score. Undefined when neither says.
 */
export function osvSeverity(entry: Record<string, unknown>, tool: string): VulnSeverity | undefined {
  const specific = entry.database_specific
  if (specific && typeof specific === 'object' && !Array.isArray(specific)) {
    const word = (specific as Record<string, unknown>).severity
    if (typeof word === 'string' && word.trim() !== '') {
      const s = severityWord(word, tool)
      if (s) return s
    }
  }
  const list = Array.isArray(entry.severity) ? entry.severity : []
  let best: { score: number; version: number } | undefined
  for (const s of list) {
    if (!s || typeof s !== 'object') continue
    const { type, score } = s as Record<string, unknown>
    if (typeof score !== 'string' || typeof type !== 'string' || !/^CVSS_V[234]$/.test(type)) continue
    const found = vectorScore(score)
    if (found && (!best || found.version > best.version)) best = found
  }
  return best ? scoreSeverity(best.score, best.version) : undefined
}
