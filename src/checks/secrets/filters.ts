// What looks like a credential and is not one: placeholders, look-ups of a secret store, hashes, ids.

const PLACEHOLDER_WORDS =
  /(?:x{4,}|\*{3,}|\.{3}|#{4,}|changeme|change[_-]me|replace[_-]?me|your[_-]?|placeholder|example|sample|dummy|redacted|insert[_-]|enter[_-]|fixme|todo|lorem|foobar|notreal|not[_-]a[_-]real|secret[_-]?here|key[_-]?here|token[_-]?here|here$|^test$|^secret$|^password$|^passw0rd$|^pass$|^token$|^admin$|^root$|^default$|^null$|^nil$|^none$|^undefined$|^true$|^false$|^empty$|^string$|^value$|^required$|^optional$|^hidden$|^masked$|^qwerty|^123456|^abcdef|^letmein$)/i

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
  return false
}

const LOOKUP =
  /^(?:\$|%[A-Za-z_]|\{\{|\{%|@\{|#\{|vault:|!vault|ref\+|arn:aws:(?:secretsmanager|ssm)|ssm:|secretsmanager:|sm:\/\/|gcp:secretmanager|projects\/[^/]+\/secrets\/|azurekeyvault|keyvault:|op:\/\/|env:|env\(|process\.env|os\.environ|os\.getenv|getenv\(|system\.getenv|environment\.getenvironmentvariable|deno\.env|import\.meta\.env|env\[|env\.|config\.|settings\.|secrets\.|context\.|args\.|params\.|options\.|opts\.|self\.|this\.|request\.|req\.|input\.|props\.|!ref|!sub|!getatt|!secret|\?\?|ask:|prompt:)/i

/** A reference to a secret kept elsewhere: `${VAR}`, `process.env.X`, `{{ secrets.X }}`, `vault:...`. */
export function isLookup(value: string): boolean {
  return LOOKUP.test(value) || value.includes('${') || value.includes('{{') || /\$\([^)]*\)/.test(value)
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
