// What looks like a credential and is not one: placeholders, look-ups of a secret store, hashes, ids.
import { createHash } from 'node:crypto'

const PLACEHOLDER_WORDS =
  /(?:x{4,}|\*{3,}|\.{3}|#{4,}|changeme|change[_-]me|replace[_-]?me|your[_-]?|placeholder|example|sample|dummy|redacted|insert[_-]|enter[_-]|fixme|todo|lorem|foobar|mock[_-]|fake[_-]|notreal|(?:^|[-_])(?:my|your|the)[-_]?(?:password|secret|token|key)|not[_-]a[_-]real|secret[_-]?here|key[_-]?here|token[_-]?here|here$|^test$|^secret$|^password$|^passw0rd$|^pass$|^token$|^admin$|^root$|^default$|^null$|^nil$|^none$|^undefined$|^true$|^false$|^empty$|^string$|^value$|^required$|^optional$|^hidden$|^masked$|^qwerty|^123456|^abcdef|^letmein$)/i

/** An obvious stand-in for a real value: `xxxx`, `<your-key>`, `changeme`, `YOUR_KEY_HERE`, `****`. */
export function isPlaceholder(value: string): boolean {
  if (value.length === 0) return true
  const c = value[0]
  if (c === '<' || c === '[' || c === '{' || c === '(') return true
  if (PLACEHOLDER_WORDS.test(value)) return true
  // One character repeated (`aaaaaaaa`, `00000000`) or a run of it taking most of the value.
  if (/^(.)\1*$/.test(value)) return true
  if (/(.)\1{7,}/.test(value)) return true
  // Ascending alphabet/digits used as dummy values.
  if (/abcdefgh|01234567|12345678/i.test(value)) return true
  return isFabricated(value) || isWeakExample(value)
}

/**
 * A value a person typed to look like a key: `sk-ant-api03-abc123...`, `A1B2C3D4E5`, `1a2b3c4d`, `abcd1234`,
 * a short unit repeated (`abcabcabc`). Random keys almost never hold such runs.
 */
export function isFabricated(value: string): boolean {
  const v = value.toLowerCase()
  if (/a1b2c3|1a2b3c|abc123|123abc|abcd1234|1234abcd|0123456|abcdef0|fedcba9|9876543|qwertyu/.test(v))
    return true
  if (/^(.{1,6}?)\1{3,}$/.test(v)) return true
  if ((v.match(/123/g)?.length ?? 0) >= 2) return true // `0x123pK5_VBqv.UQ3kJ4123_`
  // letters and digits each counting up, interleaved: `a123b45c6d78e9f0`
  if (
    /abcde|bcdef/.test(v.replace(/[^a-z]/g, '')) ||
    /123456|234567|345678|456789/.test(v.replace(/[^0-9]/g, ''))
  )
    return true
  // a run of 5 ascending letters or digits (`bcdef`, `34567`)
  let run = 1
  for (let i = 1; i < v.length; i++) {
    const c = v.charCodeAt(i)
    const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57)
    run = alnum && c - v.charCodeAt(i - 1) === 1 ? run + 1 : 1
    if (run >= 5) return true
  }
  return false
}

/** Passwords from documentation and tests: `hunter2`, `password123`, `P@ssw0rd!`, `secret1`. */
const WEAK_WORDS =
  /^(?:hunter|password|passw0rd|p@ssw0rd|p@ssword|pass|passwd|pwd|secret|s3cr3t|s3cret|secr3t|letmein|welcome|admin|administrator|root|toor|test|tester|testing|demo|guest|user|username|qwerty|monkey|dragon|foo|bar|baz|foobar|mypass|mypassword|mysecret|changeit|iloveyou|trustno1|abc|example|sample|default|super|supersecret|topsecret|opensesame|sesame|token|apikey|key|dummy|fake|mock|temp|tmp)$/i

function isWeakExample(value: string): boolean {
  const m = /^([A-Za-z@0-9]+?)[-_.]?(\d{0,4})[!@#$%^&*?.]{0,3}$/.exec(value)
  return m !== null && WEAK_WORDS.test(m[1])
}

// Vendors' documented example keys (AWS's AKIAIOSFODNN7EXAMPLE, Stripe's public test keys, Azurite's, the jwt.io
// signature): stored as SHA-256 prefixes so that this file itself holds no credential-shaped text.
const KNOWN_EXAMPLES = new Set([
  '1a5d44a2dca19669d72edf4c',
  '78314b11be2e581549ac1c4f',
  '2cafc0970149a84f3b9e62ea',
  'f2d6ca16515033e5dce14eba',
  'b1471f544ceeea31333bde7e',
  '051d093c4bdedbf23f905ad0',
  'c6ea27c534f993d31f0aef88',
  'e21b597ba6b9cafa59d9ebc4',
  '0011cc25eb4320717494d270'
])

/** One of the vendors' published example keys (or a JWT signed with the jwt.io example signature). */
export function isKnownExample(value: string): boolean {
  if (value.length < 16 || value.length > 4000) return false
  if (/EXAMPLE(?:KEY)?$/.test(value)) return true
  const sig = value.startsWith('eyJ') ? value.slice(value.lastIndexOf('.') + 1) : value
  return KNOWN_EXAMPLES.has(createHash('sha256').update(sig).digest('hex').slice(0, 24))
}

const LOOKUP =
  /^(?:\$|%[A-Za-z_]|\{\{|\{%|@\{|#\{|vault:|!vault|ref\+|arn:aws:(?:secretsmanager|ssm)|ssm:|secretsmanager:|sm:\/\/|gcp:secretmanager|projects\/[^/]+\/secrets\/|azurekeyvault|keyvault:|op:\/\/|env:|env\(|process\.env|os\.environ|os\.getenv|getenv\(|system\.getenv|environment\.getenvironmentvariable|deno\.env|import\.meta\.env|env\[|env\.|config\.|settings\.|secrets\.|context\.|args\.|params\.|options\.|opts\.|self\.|this\.|request\.|req\.|input\.|props\.|!ref|!sub|!getatt|!secret|\?\?|ask:|prompt:)/i

/** A reference to a secret kept elsewhere: `${VAR}`, `process.env.X`, `{{ secrets.X }}`, `vault:...`. */
export function isLookup(value: string): boolean {
  // a shell indirection quoted once more: "'$OTHER_VAR'", '"${X}"'
  const v = value.replace(/^["']+/, '')
  if (LOOKUP.test(v) || /\$\([^)]*\)/.test(v)) return true
  if (
    !v.includes('${') &&
    !v.includes('{{') &&
    !v.includes('%(') &&
    !/\{[A-Za-z_][\w.]*(?:![rsa])?\}/.test(v)
  )
    return false
  // `${...}` inside a longer random value is part of the secret, not a look-up: what is left once the
  // complete look-ups are cut out decides
  const rest = v.replace(
    /\$\{[^}]{1,100}\}|\{\{[^}]{1,200}\}\}|%\([\w.]+\)s|\{[A-Za-z_][\w.]*(?:![rsa])?\}/g,
    ''
  )
  if (rest === v) return false
  return rest.length < 12 || !/[0-9]/.test(rest) || !/[A-Za-z]/.test(rest)
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: string): boolean {
  return UUID.test(value)
}

/** A 40 or 64 character hexadecimal string: a commit or content hash as often as a key. */
export function isCommitLike(value: string): boolean {
  return /^[0-9a-f]{40}$|^[0-9a-f]{64}$/.test(value)
}

function isBase64Char(c: number): boolean {
  return (
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61
  )
}

const ENCODED_PREFIX = /(?:base64,|sha(?:1|256|384|512)-|sha(?:1|256|384|512):|h1:|integrity[=:"' ]+)$/i

/**
 * True when `start` lies inside an encoded blob (a `data:` URI, a lockfile integrity hash, a go.sum hash),
 * where any token-like run of characters is chance.
 */
export function insideEncodedBlob(text: string, start: number): boolean {
  let i = start
  const stop = Math.max(0, start - 100_000)
  while (i > stop && isBase64Char(text.charCodeAt(i - 1))) i--
  const head = text.slice(Math.max(0, i - 20), i)
  if (ENCODED_PREFIX.test(head)) return true
  // The base64 prefix ends in ',' which stops the walk, so look through a short run of it too.
  return i < start && ENCODED_PREFIX.test(text.slice(Math.max(0, i - 20), i))
}
