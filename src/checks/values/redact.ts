// What `values` may show of a file: nothing that is, or sits under a key that names, a credential. The asserted
// path is not enough: an assertion on `db` shows the whole mapping, and a token can sit under any key.
import { charClasses, entropy } from '../secrets/entropy.js'
import { SecretScanner } from '../secrets/scanner.js'

export const REDACTED = '[redacted]'

/** A key that names a credential, in any case and with any separator. */
export const SECRET_KEY =
  /pass(word|wd|phrase)?|pwd|secret|token|api[-_.]?key|private[-_.]?key|access[-_.]?key|credential|creds?\b|auth|bearer|cookie|session|signature|salt|dsn|conn(ection)?[-_.]?str/i

let scanner: SecretScanner | undefined
const NOW = { now: new Date(0) }

/** A string shaped like a credential: a token a secret rule knows, a URL with a password, or a long random word. */
export function looksSecret(text: string): boolean {
  if (text.length < 8) return false
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:[^/\s@]+@/i.test(text)) return true
  if (/-----BEGIN [A-Z ]*PRIVATE KEY/.test(text)) return true
  const word = !/\s/.test(text)
  if (word && text.length >= 16 && charClasses(text) >= 3 && entropy(text) >= 3.5) return true
  if (word && text.length >= 32 && /^[A-Za-z0-9+/=_-]+$/.test(text) && entropy(text) >= 4) return true
  scanner ??= new SecretScanner()
  return scanner.scanText(text, NOW).length > 0 || scanner.scanText(`secret = "${text}"`, NOW).length > 0
}

/** The value with every credential-looking string, and everything under a credential-naming key, redacted. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return looksSecret(value) ? REDACTED : value
  if (value === null || typeof value !== 'object' || value instanceof Date) return value
  if (depth > 32) return REDACTED
  if (Array.isArray(value)) return value.map(v => redactValue(v, depth + 1))
  const out: Record<string, unknown> = {}
  let hidden = 0
  for (const [k, v] of Object.entries(value))
    // a credential can be a key too (a map of tokens to owners)
    Object.defineProperty(out, looksSecret(k) ? `${REDACTED}#${++hidden}` : k, {
      value: SECRET_KEY.test(k) ? REDACTED : redactValue(v, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true
    })
  return out
}
