// The one dialect of the regular expressions a checklist holds (file contains/not-contains, values matches,
// http contains, secrets custom patterns): checked by the loader and compiled by the kinds with the same code,
// so `validate` refuses exactly what `check` could not run.
import { CheckError } from '../errors.js'
import { regexProblem } from './regex-safety.js'

/**
 * JavaScript syntax, plus the inline flags of Go, RE2, PCRE and gitleaks at the very start of the pattern:
 * `(?i)` ignore case, `(?s)` dot matches newlines, `(?m)` ^ and $ at each line, or several (`(?is)`).
 * Unicode mode (`\p{L}`, astral characters as one) when the pattern compiles in it, else the legacy mode.
 */
export interface UserRegex {
  source: string
  /** JavaScript flags from the inline ones */
  flags: string
}

const LEADING = /^\(\?([A-Za-z]+)\)/
const SUPPORTED = 'ims'

/** The pattern's source and flags, or why the dialect refuses it. */
export function parseUserRegex(pattern: string): UserRegex | string {
  let source = pattern
  let flags = ''
  const lead = LEADING.exec(pattern)
  if (lead) {
    for (const f of lead[1]) {
      if (!SUPPORTED.includes(f))
        return `does not compile: inline flag '${f}' is not supported (use i, m or s, as in (?i))`
      if (!flags.includes(f)) flags += f
    }
    source = pattern.slice(lead[0].length)
  }
  const inline = inlineFlagsAt(source)
  if (inline !== undefined)
    return `does not compile: inline flags are allowed only at the start of the pattern, as in (?i)abc (found at character ${inline + 1 + (pattern.length - source.length)})`
  return { source, flags }
}

/** Undefined when the pattern is in the dialect, compiles and cannot backtrack catastrophically. */
export function userRegexProblem(pattern: string): string | undefined {
  const parsed = parseUserRegex(pattern)
  if (typeof parsed === 'string') return parsed
  return regexProblem(parsed.source)
}

/** Compiles a user pattern with the kind's own flags (`m`, `g`...) added; a bad one cannot run (CheckError). */
export function compileUserRegex(pattern: string, flags = ''): RegExp {
  const parsed = parseUserRegex(pattern)
  if (typeof parsed === 'string') throw new CheckError(`regex /${pattern}/ ${parsed}`)
  const all = [...new Set(parsed.flags + flags)].join('')
  try {
    return new RegExp(parsed.source, all + 'u')
  } catch {
    try {
      return new RegExp(parsed.source, all)
    } catch (e) {
      throw new CheckError(`regex /${pattern}/ does not compile: ${(e as Error).message}`)
    }
  }
}

/** Offset of a `(?i)` or `(?i:` group after the start (outside classes and escapes), if any. */
function inlineFlagsAt(source: string): number | undefined {
  let inClass = false
  for (let i = 0; i < source.length; i++) {
    const c = source[i]
    if (c === '\\') {
      i++
      continue
    }
    if (inClass) {
      if (c === ']') inClass = false
      continue
    }
    if (c === '[') inClass = true
    else if (c === '(' && /^\(\?-?[A-Za-z]+(?:-[A-Za-z]+)?[):]/.test(source.slice(i, i + 20))) return i
  }
  return undefined
}
