// The words that make a name a secret's name, shared by the generic rules and the vendor packs.

export const last = (w: string[]): string => w[w.length - 1] ?? ''
export const has = (w: string[], ...any: string[]): boolean => w.some(x => any.includes(x))
export const joined = (w: string[]): string => w.join('')

export const PASSWORD_WORDS = [
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'passcode',
  'pword',
  'pw',
  // redis.conf's server and replica passwords
  'requirepass',
  'masterauth'
]
const TOKEN_WORDS = [
  'token',
  'authtoken',
  'accesstoken',
  'apitoken',
  'bearertoken',
  'refreshtoken',
  'authorization',
  'bottoken'
]
const SECRET_WORDS = ['secret', 'clientsecret', 'credential', 'credentials', 'creds', 'secretkey']
const KEY_SINGLE = [
  'apikey',
  'accesskey',
  'privatekey',
  'secretkey',
  'authkey',
  'signingkey',
  'masterkey',
  'appkey'
]
// `<word> key` where the key is not a secret (a map key, a public key, a keyboard shortcut...)
const NOT_SECRET_KEY = new Set(
  'blob public publishable primary foreign sort partition cache map object hash unique index row group dict lookup registry item translation i18n react vue list child parent node route query cursor idempotency composite dedupe dedup storage state local event message field column table property prop attr meta env config setting settings option options label shortcut hot keyboard key id name type value data the a this my react use'.split(
    ' '
  )
)
// words after the secret word that still name the secret itself (`api_key_prod`, `bot_token1`)
const SUFFIXES = new Set(
  'value base str string b64 base64 hex raw plain plaintext equals prod production dev development stage staging live test sandbox old new current primary secondary default override local remote enc'.split(
    ' '
  )
)

const PASSWORD_OWNERS = new Set(
  'pg postgres mysql maria mariadb mongo mongodb redis db root admin master sa app user bind ldap smtp mail ftp sftp vnc rdp wifi keystore truststore store key'.split(
    ' '
  )
)

export type SecretKind = 'password' | 'token' | 'key' | 'secret'

/**
 * The kind of each word list judged (the lists come from the name splitter's cache, one array per name, so
 * a name used thousands of times is judged once; `null` for none).
 */
const kinds = new WeakMap<string[], SecretKind | null>()

/** The secret word the name ends with (after suffixes such as `_1`, `_prod`, `Value`), if any. */
export function secretKind(words: string[]): SecretKind | undefined {
  let kind = kinds.get(words)
  if (kind === undefined) {
    kind = judgeKind(words) ?? null
    kinds.set(words, kind)
  }
  return kind ?? undefined
}

function judgeKind(words: string[]): SecretKind | undefined {
  let w = words
  if (w.some(x => x === 'public' || x === 'publishable' || x === 'example' || x === 'sample'))
    return undefined
  while (w.length > 1 && (SUFFIXES.has(last(w)) || /^\d+$|^v\d+$/.test(last(w)))) w = w.slice(0, -1)
  // `SubjectFromWebIdentityToken`, `claims_from_token`: something taken from the secret, not the secret
  if (w.length > 2 && w.includes('from')) return undefined
  // `bot_token1`, `password2`
  const l = last(w).replace(/(?<=[a-z]{3})\d+$/, '')
  if (PASSWORD_WORDS.includes(l)) return 'password'
  // one word naming whose password it is: `PGPASSWORD`, `rootpassword`, `MYSQL_ROOTPASSWD` (not a function
  // such as `splitpasswd`, `checkpassword`)
  if (l.length > 8 && (l.endsWith('password') || l.endsWith('passwd'))) {
    const owner = l.slice(0, l.endsWith('password') ? -8 : -6)
    if (PASSWORD_OWNERS.has(owner)) return 'password'
  }
  if (TOKEN_WORDS.includes(l)) return 'token'
  if (SECRET_WORDS.includes(l)) return 'secret'
  if (KEY_SINGLE.includes(l)) return 'key'
  if (l === 'key' && w.length >= 2 && !NOT_SECRET_KEY.has(w[w.length - 2])) return 'key'
  // `--password`, `-p` style flags are single words; `#define PASS`
  return undefined
}
