// The one sanitiser every output goes through: text from the PR (file names, the checklist, tool output) must not
// carry a line break the runner reads as a workflow command (`::error`, `::add-mask`), a terminal escape, or a
// bidi override that makes a line read differently than it is.

/* eslint-disable no-control-regex -- matching control characters is the point of this module */

/** C0 and C1 controls except tab and newline, DEL, bidi embeddings/overrides/isolates and marks. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g
/** Anything that may end a line for some reader: LF, CR, VT, FF, NEL, LS, PS. */
const BREAKS = /[\n\r\u000b\u000c\u0085\u2028\u2029]+/g

/** Text for one line of a log, a table cell or a summary: line breaks become spaces, the rest is removed. */
export function cleanLine(text: string): string {
  return text.replace(BREAKS, ' ').replace(/\t/g, ' ').replace(UNSAFE, '')
}

/** Text that may span lines (a diff, a details block): only `\n` stays a line break. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/[\r\u000b\u000c\u0085\u2028\u2029]/g, '\n')
    .replace(UNSAFE, '')
}

/** Every string (and key) in a JSON-like value, made single-line safe. Keys cannot reach Object.prototype. */
export function cleanDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return cleanLine(value) as T
  if (depth > 64 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(v => cleanDeep(v, depth + 1)) as T
  if (value instanceof Date) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    Object.defineProperty(out, cleanLine(k), {
      value: cleanDeep(v, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true
    })
  }
  return out as T
}
