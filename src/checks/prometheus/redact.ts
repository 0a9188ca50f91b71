// Nothing read from the environment is ever printed: every string the kind hands out goes through here.

// C0/C1 controls, bidi overrides and isolates, zero-width characters, line and paragraph separators
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]+/g

export type Redact = (s: string) => string

/** Replaces every secret (longest first, so that one inside another goes too) with `***`. */
export function redactor(secrets: Iterable<string>): Redact {
  const list = [...new Set([...secrets].filter(s => s.length > 0))].sort((a, b) => b.length - a.length)
  if (list.length === 0) return s => s
  return s => {
    let out = s
    for (const secret of list) out = out.split(secret).join('***')
    return out
  }
}

/** Text from the server as one printable line of at most `max` characters. */
export function oneLine(text: string, max = 300): string {
  const line = text.replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim()
  return line.length > max ? line.slice(0, max - 1) + '…' : line
}

/** Every string in a value, redacted (details go to JSON, markdown and evidence). */
export function redactDeep<T>(value: T, redact: Redact): T {
  if (typeof value === 'string') return redact(value) as T
  if (Array.isArray(value)) return value.map(v => redactDeep(v, redact)) as T
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[redact(k)] = redactDeep(v, redact)
    return out as T
  }
  return value
}
