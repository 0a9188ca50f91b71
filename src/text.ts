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
