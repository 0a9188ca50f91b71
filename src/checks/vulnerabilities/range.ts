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

type Version = [number, number, number, string]

function parse(text: string): Version | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?/.exec(text.trim())
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0), m[4] ?? ''] : undefined
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number)
  // a prerelease sorts before its release
  if (a[3] === b[3]) return 0
  if (!a[3]) return 1
  if (!b[3]) return -1
  return a[3] < b[3] ? -1 : 1
}
