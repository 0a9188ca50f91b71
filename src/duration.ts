import { CheckError } from './errors.js'

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const

/** `30s`, `15m`, `2h`, `7d` (or a whole number of seconds) to milliseconds; undefined when malformed. */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value * 1000 : undefined
  const m = /^([0-9]+)([smhd])$/.exec(value)
  if (!m) return undefined
  return Number(m[1]) * UNIT_SECONDS[m[2] as keyof typeof UNIT_SECONDS] * 1000
}

/** `parseDuration` of a value the schema let through: a malformed one is an error of the check. */
export function durationMs(value: string | number): number {
  const ms = parseDuration(value)
  if (ms === undefined) throw new CheckError(`'${String(value)}' is not a duration (30s, 15m, 2h, 7d)`)
  return ms
}

/** A human age: `3d 4h`, `12m`, `40s`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  const d = Math.floor(s / 86400)
  const h = Math.floor((s % 86400) / 3600)
  const m = Math.floor((s % 3600) / 60)
  if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`
  if (m > 0) return `${m}m`
  return `${s}s`
}
