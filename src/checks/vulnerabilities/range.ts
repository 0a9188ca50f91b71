import semverCompare from 'semver/functions/compare.js'
import valid from 'semver/functions/valid.js'

/**
 * Whether a version lies in an npm advisory range (`<0.2.4`, `>=1.0.0 <1.2.6`, `1.0.0 - 1.2.5`,
 * joined by `||`). Only what advisory ranges use; anything else counts as inside (never hides).
 */
export function inRange(version: string, range: string): boolean {
  const v = parse(version)
  if (!v) return true
  return range.split('||').some(set => {
    const hyphen = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(set)
    const comparators = hyphen
      ? [`>=${hyphen[1]}`, `<=${hyphen[2]}`]
      : set.trim().split(/\s+/).filter(Boolean)
    return comparators.every(c => {
      const m = /^(<=|>=|<|>|=)?v?(.+)$/.exec(c)
      if (!m || m[2] === '*' || m[2] === 'x') return true
      const bound = parse(m[2])
      if (!bound) return true
      const d = compare(v, bound)
      switch (m[1]) {
        case '<':
          return d < 0
        case '<=':
          return d <= 0
        case '>':
          return d > 0
        case '>=':
          return d >= 0
        default:
          return d === 0
      }
    })
  })
}

/** A full semver version from what advisories write (`1.2`, `v1.2.3-rc.1`); missing parts are 0. */
function parse(text: string): string | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?/.exec(text.trim())
  if (!m) return undefined
  const pre = m[4]?.replace(/^[.-]+|[.-]+$/g, '').replace(/\.{2,}/g, '.')
  return (
    valid(`${Number(m[1])}.${Number(m[2] ?? 0)}.${Number(m[3] ?? 0)}${pre ? `-${pre}` : ''}`) ?? undefined
  )
}

/** semver's order: a prerelease sorts before its release, numeric identifiers as numbers (rc.10 > rc.9). */
function compare(a: string, b: string): number {
  return semverCompare(a, b)
}
