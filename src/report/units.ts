// Numbers in details keep their contract names and plain values in JSON (`age` in days, `latencyMs`); shown
// to people, each carries its unit.

const DAY_KEYS = new Set(['age', 'ageDays', 'days'])
const PERCENT_KEYS = /^(pct|percent|.*Pct|.*Percent|.*-percent|.*_percent)$/
const MS_KEYS = /^(ms|.*Ms|.*-ms|.*_ms)$/
const SECOND_KEYS = /^(seconds|.*Seconds|.*-seconds|.*_seconds)$/
const BYTE_KEYS = /^(bytes[A-Z]?.*|size|.*Bytes|.*-bytes|.*_bytes|.*Size|.*-size)$/

/** A number as a person reads it, with the unit its key names; other values are returned unchanged. */
export function withUnit(key: string, value: unknown): unknown {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value
  if (DAY_KEYS.has(key)) return `${trim(value)} day${value === 1 ? '' : 's'}`
  if (PERCENT_KEYS.test(key)) return `${trim(value)}%`
  if (MS_KEYS.test(key)) return `${trim(value)} ms`
  if (SECOND_KEYS.test(key)) return `${trim(value)} s`
  if (BYTE_KEYS.test(key)) return formatBytes(value)
  return value
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} byte${n === 1 ? '' : 's'}`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let v = n / 1024
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${trim(Math.round(v * 10) / 10)} ${units[i]}`
}

function trim(n: number): string {
  return String(Math.round(n * 100) / 100)
}
