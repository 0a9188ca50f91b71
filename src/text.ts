/** One line of at most `max` characters: runs of white space (new lines too) become one space. */
export function oneLine(text: string, max = 500): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}

/** An option that takes one value or a list, as a list (absent: `fallback`). */
export function listOf<T>(value: T | readonly T[] | undefined, fallback: readonly T[] = []): T[] {
  if (value === undefined) return [...fallback]
  return Array.isArray(value) ? [...(value as readonly T[])] : [value as T]
}

/**
 * 1,234,567 as toLocaleString('en-US') writes a whole, non-negative count, by hand: the first toLocaleString
 * of a process loads ICU's locale data (12-25 ms of a run).
 */
export function thousands(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) return n.toLocaleString('en-US')
  const s = String(n)
  let out = s.slice(0, ((s.length - 1) % 3) + 1)
  for (let i = out.length; i < s.length; i += 3) out += ',' + s.slice(i, i + 3)
  return out
}

/**
 * Orders two strings by their UTF-16 code units, the same on every machine: timestamps (ISO 8601 strings
 * order as the times do). `localeCompare` would load ICU's collator (~5 ms of a run) and can order
 * differently under another ICU build.
 */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Names (packages, checks, folders) as a reader looks them up: case aside first, then `byText`. */
export function byName(a: string, b: string): number {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  return x < y ? -1 : x > y ? 1 : byText(a, b)
}
