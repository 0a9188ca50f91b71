import { formatDotPath, parseDotPath, type PathSegment } from '../../checklist/dot-path.js'
import { boundedTest } from '../../checklist/regex-safety.js'
import { REDACTED, redactValue, SECRET_KEY } from './redact.js'
import { compileUserRegex } from '../../checklist/regex.js'

import { OPERATORS, type Operator } from './operators.js'
export { OPERATORS, type Operator }

export type Assertion = { path: string } & Partial<Record<Operator, unknown>>

export interface AssertionResult {
  path: string
  op: Operator
  expected: unknown
  actual?: unknown
  ok: boolean
  /** why it does not hold, in a person's words */
  reason?: string
}

/** Looks a path up; `found` tells a missing key apart from a null value. */
export function lookup(data: unknown, segments: PathSegment[]): { found: boolean; value?: unknown } {
  let v: unknown = data
  for (const s of segments) {
    if (typeof s === 'number') {
      if (!Array.isArray(v) || s >= v.length) return { found: false }
      v = v[s]
    } else {
      if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.hasOwn(v, s))
        return { found: false }
      v = (v as Record<string, unknown>)[s]
    }
  }
  return { found: true, value: v }
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const bb = b as unknown[]
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]))
  }
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime()
  const ka = Object.keys(a as object)
  const kb = Object.keys(b as object)
  return (
    ka.length === kb.length &&
    ka.every(k => Object.hasOwn(b as object, k) && deepEqual((a as never)[k], (b as never)[k]))
  )
}

const show = (v: unknown): string => {
  if (v === REDACTED) return REDACTED
  if (v instanceof Date) return v.toISOString()
  const s = JSON.stringify(v)
  return s === undefined ? String(v) : s.length > 60 ? s.slice(0, 57) + '...' : s
}
const kindOf = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : `a ${typeof v}`

const COMPARE: Record<'lt' | 'lte' | 'gt' | 'gte', [string, (a: number, b: number) => boolean]> = {
  lt: ['<', (a, b) => a < b],
  lte: ['<=', (a, b) => a <= b],
  gt: ['>', (a, b) => a > b],
  gte: ['>=', (a, b) => a >= b]
}

/**
 * Evaluates one assertion. Nothing credential-like is ever shown: not a value under a secret-looking path,
 * not a secret-looking key or string inside the value (objects and lists included), not the expected value.
 */
export function evaluate(data: unknown, assertion: Assertion): AssertionResult {
  const op = OPERATORS.find(o => o in assertion) as Operator
  const expected = assertion[op]
  const parsed = parseDotPath(assertion.path)
  const segments = typeof parsed === 'string' ? [] : parsed
  const path = typeof parsed === 'string' ? assertion.path : formatDotPath(parsed)
  const { found, value } = lookup(data, segments)
  const secret = segments.some(s => typeof s === 'string' && SECRET_KEY.test(s))
  const shown = secret ? REDACTED : redactValue(value)
  const shownExpected = secret && op !== 'exists' ? REDACTED : redactValue(expected)
  const result = (ok: boolean, reason?: string): AssertionResult => {
    const r: AssertionResult = { path, op, expected: shownExpected, ok }
    if (found && op !== 'exists') r.actual = shown
    if (!ok && reason) r.reason = reason
    return r
  }

  if (op === 'exists') {
    const want = expected !== false
    return result(found === want, want ? `${path} is missing` : `${path} is present, expected absent`)
  }
  if (!found) return result(false, `${path} is missing`)
  const actual = show(shown)
  switch (op) {
    case 'equals':
      return result(deepEqual(value, expected), `${path} is ${actual}, expected ${show(shownExpected)}`)
    case 'not-equals':
      return result(!deepEqual(value, expected), `${path} is ${actual}, expected anything else`)
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const [sym, cmp] = COMPARE[op]
      if (typeof value !== 'number' || Number.isNaN(value))
        return result(
          false,
          `${path} is ${kindOf(value)}, not a number, so it cannot be ${sym} ${show(expected)}`
        )
      return result(
        cmp(value, expected as number),
        `${path} is ${actual}, expected ${sym} ${show(shownExpected)}`
      )
    }
    case 'in': {
      const options = expected as unknown[]
      return result(
        options.some(o => deepEqual(value, o)),
        `${path} is ${actual}, expected one of ${(Array.isArray(shownExpected) ? shownExpected : [shownExpected]).map(show).join(', ')}`
      )
    }
    case 'matches': {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
        return result(
          false,
          `${path} is ${kindOf(value)}, not text, so it cannot match /${show(shownExpected)}/`
        )
      return result(
        boundedTest(compileUserRegex(String(expected)), String(value)),
        `${path} is ${actual}, expected to match /${String(shownExpected)}/`
      )
    }
  }
}
