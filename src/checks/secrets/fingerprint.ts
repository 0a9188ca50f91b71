import { createHash } from 'node:crypto'

/**
 * A stable name for a finding that cannot confirm a guess: the hash input is the rule, the file and what
 * `redact` already shows (at most the first 4 characters), never the secret itself. A hash of the secret would
 * let anyone who reads the report test candidate passwords against it offline. It survives edits that move the
 * line, and changes when the rule, the file or the visible start of the secret changes.
 */
export function fingerprint(rule: string, file: string, secret: string): string {
  return createHash('sha256')
    .update(`go-live-gate/fingerprint/v2\0${rule}\0${file}\0${redact(secret)}`)
    .digest('hex')
    .slice(0, 32)
}

/** At most the first 4 characters, fewer for short secrets, so that the rest cannot be guessed from it. */
export function redact(secret: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 4))
  return `${secret.slice(0, shown)}…`
}

/**
 * Fingerprints in a baseline file: one per line (`#` starts a comment, anything after the first word is
 * ignored), or a JSON report or details object, whose `fingerprint` fields are taken.
 */
export function parseBaseline(text: string): Set<string> {
  const out = new Set<string>()
  const trimmed = text.trim()
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk)
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          if (k === 'fingerprint' && typeof x === 'string') out.add(x)
          else walk(x)
        }
    }
    walk(JSON.parse(trimmed))
    return out
  }
  for (const line of text.split(/\r?\n/)) {
    const word = line.replace(/#.*/, '').trim().split(/\s+/)[0]
    if (word) out.add(word)
  }
  return out
}
