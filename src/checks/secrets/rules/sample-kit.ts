// Samples that each rule file carries: positives are built at run time from a seeded generator (so that
// no credential-shaped text is committed), negatives are literal text that must never be reported.
// Only the tests and the bench read them; the bundle drops them.
import { crc32, toBase62 } from '../checksums.js'

export interface Sample {
  /** the rule that must report it */
  rule: string
  /** the file's text; `file` names it when the name matters (`.env`, `app.pb.go`) */
  text: string
  file?: string
}

export interface Samples {
  positive: (g: Gen) => Sample[]
  /** text in which nothing may be reported (by any rule) */
  negative: (g: Gen) => string[]
}

export interface Gen {
  b62(n: number): string
  hex(n: number): string
  b64(n: number): string
  b64url(n: number): string
  digits(n: number): string
  upper(n: number): string
  lower(n: number): string
  /** a password-like string: letters, digits and a symbol */
  password(n: number): string
  /** prefix + 30 base62 + CRC32 in 6 base62 (GitHub, npm) */
  checksummed(prefix: string): string
  jwt(payload: Record<string, unknown>): string
  /** base64 lines of a PEM body */
  pem(lines?: number): string[]
  int(max: number): number
}

// No x/X/y/Y: random values never spell placeholders such as `xxxx` or `your`.
const LOWER = 'abcdefghijklmnopqrstuvwz'
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWZ'
const DIGITS = '0123456789'
const B62 = DIGITS + UPPER + LOWER

/** mulberry32: a fixed seed gives the same samples every run. */
export function generator(seed: number): Gen {
  let state = seed >>> 0 || 1
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
  const int = (max: number): number => next() % max
  // no ascending or repeated runs: a generated value must not read as a fabricated one
  const pick = (alphabet: string, n: number): string => {
    let out = ''
    while (out.length < n) {
      const c = alphabet[int(alphabet.length)]
      const p = out.charCodeAt(out.length - 1)
      if (c.charCodeAt(0) === p + 1 || c.charCodeAt(0) === p) continue
      out += c
    }
    return out
  }
  const b64url = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url')
  const g: Gen = {
    b62: n => pick(UPPER, 1) + pick(LOWER, 1) + pick(DIGITS, 1) + pick(B62, n - 3),
    hex: n => pick('0123456789abcdef', n),
    b64: n => pick(B62 + '+/', n),
    b64url: n => pick(B62 + '-_', n),
    digits: n => pick('123456789', 1) + pick(DIGITS, n - 1),
    upper: n => pick(UPPER, 1) + pick(DIGITS, 1) + pick(UPPER + DIGITS, n - 2),
    lower: n => pick(LOWER, n),
    password: n => pick(UPPER, 1) + pick(LOWER, 2) + pick(DIGITS, 1) + pick('!%^*-_+', 1) + pick(B62, n - 5),
    checksummed: prefix => {
      const body = pick(B62, 30)
      return prefix + body + toBase62(crc32(body))
    },
    jwt: payload => `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}.${pick(B62 + '-_', 43)}`,
    pem: (lines = 12) =>
      Array.from({ length: lines }, () =>
        Buffer.from(Array.from({ length: 48 }, () => int(256))).toString('base64')
      ),
    int
  }
  return g
}
