import { cleanLine } from './report/sanitize.js'

/** A problem in the checklist file, located at PATH:LINE:COL. */
export class ChecklistError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly col: number,
    message: string
  ) {
    // a message may quote the file's own text: no line break or control character reaches the log
    super(cleanLine(message))
    this.name = 'ChecklistError'
  }
  override toString(): string {
    return `${this.file}:${this.line}:${this.col}: ${this.message}`
  }
}

/** Several checklist problems, reported together, one line each. */
export class ChecklistErrors extends Error {
  constructor(readonly problems: ChecklistError[]) {
    super(problems.map(p => p.toString()).join('\n'))
    this.name = 'ChecklistErrors'
  }
}

/** A check could not run (file missing, tool failed, bad input file). The gate turns it into `error`. */
export class CheckError extends Error {
  constructor(
    message: string,
    readonly details?: Record<string, unknown>
  ) {
    super(message)
    this.name = 'CheckError'
  }
}

/** The token lacks a permission or scope; the message names it. */
export class PermissionError extends CheckError {
  constructor(
    message: string,
    readonly permission: string
  ) {
    super(message)
    this.name = 'PermissionError'
  }
}

/** The kind exists in the format but is not implemented yet. */
export class NotImplementedError extends CheckError {
  constructor(kind: string) {
    super(`check '${kind}' is not implemented yet`)
    this.name = 'NotImplementedError'
  }
}

/** Wrong command-line usage: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/**
 * A parser's message may quote the text it choked on: JSON.parse gives an excerpt
 * (`Unexpected token 'p', "password=h"... is not valid JSON`), TOML and YAML a code frame after the first
 * line. That text may be a credential, so it never reaches a report.
 */
export function withoutExcerpts(message: string): string {
  return message
    .split(/\r?\n/)[0]
    .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON/, ' (not valid JSON)')
}

/** One line, never a stack trace, never an excerpt of the input. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return withoutExcerpts(error.message || error.name)
  if (typeof error === 'string') return withoutExcerpts(error)
  try {
    return JSON.stringify(error)
  } catch {
    return String(error)
  }
}
