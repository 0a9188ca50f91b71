// Building blocks of rules: a token matched where its keyword was found, and an assignment judged by its name
// and value. Every rule is called only at a keyword hit, so the cost of a file without keywords is the
// keyword scan alone.
import { charClasses, entropy } from './entropy.js'
import { isCommitLike, isLookup, isPlaceholder, isUuid } from './filters.js'

/** Where the secret is in the scanned text (offsets), and its value (never leaves the scanner's caller). */
export interface Candidate {
  start: number
  end: number
  secret: string
}

export interface ScanEnv {
  /** the clock, for JWT expiry */
  now: Date
}

export interface Rule {
  id: string
  description: string
  /** a rule runs only where one of its keywords occurs (case-insensitively unless caseSensitive) */
  keywords: string[]
  /** keywords must occur with exactly this case (the keyword scan folds case) */
  caseSensitive?: boolean
  /** judged by heuristics: not run on minified lines */
  generic?: boolean
  find(text: string, pos: number, keywordLength: number, env: ScanEnv): Candidate | undefined
  /** a user's pattern, matched over the line of each keyword hit (or every line without keywords) */
  regex?: RegExp
}

const TOKEN_CHAR = /[A-Za-z0-9_+/-]/

export interface TokenSpec {
  id: string
  description: string
  keywords: string[]
  caseSensitive?: boolean
  /** the token's regex; with `back` 0 it is matched exactly at the keyword */
  pattern: string
  flags?: string
  /** how far before the keyword the token may start (keyword inside the token) */
  back?: number
  /** how far after the keyword the match may end */
  after?: number
  /** find the token anywhere in the window (keyword is context, not part of the token) */
  near?: boolean
  /** capture group holding the secret (0: the whole match) */
  group?: number
  /** a character that must not precede / follow the match */
  left?: RegExp
  right?: RegExp
  validate?: (secret: string, env: ScanEnv) => boolean
  /** skip the placeholder test (checksummed or structured tokens) */
  structured?: boolean
  /** the value fingerprinted and redacted, when it is not the match itself (a PEM body without breaks) */
  normalize?: (secret: string) => string
}

export function tokenRule(spec: TokenSpec): Rule {
  const back = spec.back ?? 0
  const windowed = back > 0 || spec.near === true
  const re = new RegExp(spec.pattern, (windowed ? 'g' : 'y') + (spec.flags ?? ''))
  const left = spec.left ?? TOKEN_CHAR
  const right = spec.right ?? TOKEN_CHAR
  const after = spec.after ?? 300
  const group = spec.group ?? 0
  return {
    id: spec.id,
    description: spec.description,
    keywords: spec.keywords,
    caseSensitive: spec.caseSensitive,
    find(text, pos, _kl, env) {
      let m: RegExpExecArray | null = null
      let base = 0
      if (!windowed) {
        re.lastIndex = pos
        m = re.exec(text)
      } else {
        base = Math.max(0, pos - back)
        const win = text.slice(base, Math.min(text.length, pos + after))
        const at = pos - base
        re.lastIndex = 0
        for (let x = re.exec(win); x; x = re.exec(win)) {
          if (x[0].length === 0) re.lastIndex++
          else if (spec.near || (x.index <= at && x.index + x[0].length > at)) {
            if (boundaryOk(text, base + x.index, base + x.index + x[0].length, left, right)) {
              m = x
              break
            }
          } else if (x.index > at) break
        }
      }
      if (!m) return undefined
      const start = base + m.index
      const end = start + m[0].length
      if (!boundaryOk(text, start, end, left, right)) return undefined
      const secret = m[group]
      if (!secret) return undefined
      if (!spec.structured && (isPlaceholder(secret) || entropy(secret) < 2.5)) return undefined
      if (spec.validate && !spec.validate(secret, env)) return undefined
      return { start, end, secret: spec.normalize ? spec.normalize(secret) : secret }
    }
  }
}

function boundaryOk(text: string, start: number, end: number, left: RegExp, right: RegExp): boolean {
  if (start > 0 && left.test(text[start - 1])) return false
  if (end < text.length && right.test(text[end])) return false
  return true
}

// ---------------------------------------------------------------- assignments

export interface Assignment {
  name: string
  /** the name split into lower-case words: `DB_ENCRYPTION_KEY`, `dbEncryptionKey` → db, encryption, key */
  words: string[]
  value: string
  valueStart: number
  quoted: boolean
}

function isNameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 /* _ */ ||
    c === 45 /* - */ ||
    c === 46 /* . */
  )
}

export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(w => w.toLowerCase())
}

const UNQUOTED_END = /[\s,;'"`)}\]]/

/**
 * The `name = value` (or `name: value`, `name := value`, `name => value`, `<name>value</name>`) around a
 * keyword hit, or undefined when the keyword is not part of the name of an assignment of a literal.
 */
export function parseAssignment(text: string, pos: number, keywordLength: number): Assignment | undefined {
  const len = text.length
  let s = pos
  const minS = Math.max(0, pos - 80)
  while (s > minS && isNameChar(text.charCodeAt(s - 1))) s--
  let e = pos + keywordLength
  const maxE = Math.min(len, e + 80)
  while (e < maxE && isNameChar(text.charCodeAt(e))) e++
  const name = text.slice(s, e)
  let i = e
  // <password>value</password>
  if (s > 0 && text.charCodeAt(s - 1) === 60 && text.charCodeAt(e) === 62) {
    const close = text.indexOf('<', e + 1)
    if (close < 0 || close - e > 300) return undefined
    const value = text.slice(e + 1, close)
    if (value.includes('\n')) return undefined
    return { name, words: splitWords(name), value, valueStart: e + 1, quoted: true }
  }
  let c = text.charCodeAt(i)
  if (c === 34 || c === 39 || c === 96 || c === 93) c = text.charCodeAt(++i) // closing quote or ] of the key
  while ((c === 32 || c === 9) && i < e + 20) c = text.charCodeAt(++i)
  // the operator: = := => : (not == != ::)
  if (c === 58 /* : */) {
    if (text.charCodeAt(i + 1) === 61) i += 2
    else if (text.charCodeAt(i + 1) === 58) return undefined
    else i += 1
  } else if (c === 61 /* = */) {
    const n = text.charCodeAt(i + 1)
    if (n === 61 || n === 126) return undefined // == =~
    i += n === 62 ? 2 : 1
  } else return undefined
  c = text.charCodeAt(i)
  while ((c === 32 || c === 9) && i < len) c = text.charCodeAt(++i)
  if (c === 34 || c === 39 || c === 96) {
    const q = text[i]
    const endQ = text.indexOf(q, i + 1)
    if (endQ < 0 || endQ - i > 300) return undefined
    const value = text.slice(i + 1, endQ)
    if (value.includes('\n')) return undefined
    return { name, words: splitWords(name), value, valueStart: i + 1, quoted: true }
  }
  // unquoted: only when the value ends the line (env files, YAML, INI, properties, shell)
  const vs = i
  const maxV = Math.min(len, i + 300)
  while (i < maxV && !UNQUOTED_END.test(text[i])) i++
  if (i === vs) return undefined
  const value = text.slice(vs, i)
  let j = i
  while (j < len && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++
  if (j < len) {
    const t = text.charCodeAt(j)
    const eol = t === 10 || t === 13 || t === 35 /* # */ || (t === 47 && text.charCodeAt(j + 1) === 47)
    if (!eol) return undefined
  }
  if (value.includes('#')) return undefined
  return { name, words: splitWords(name), value, valueStart: vs, quoted: false }
}

export interface AssignmentSpec {
  id: string
  description: string
  keywords: string[]
  generic?: boolean
  name: (words: string[], name: string) => boolean
  value: (value: string, a: Assignment) => boolean
}

export function assignmentRule(spec: AssignmentSpec): Rule {
  return {
    id: spec.id,
    description: spec.description,
    keywords: spec.keywords,
    generic: spec.generic,
    find(text, pos, keywordLength) {
      const a = parseAssignment(text, pos, keywordLength)
      if (!a || a.words.length === 0) return undefined
      if (!spec.name(a.words, a.name)) return undefined
      const v = a.value
      if (v.length === 0 || isPlaceholder(v) || isLookup(v)) return undefined
      if (!spec.value(v, a)) return undefined
      return { start: a.valueStart, end: a.valueStart + v.length, secret: v }
    }
  }
}

// Values whose own format has a rule (with a checksum or structure): a value that fails that rule is not
// a secret either, so generic rules leave it alone.
const STRUCTURED =
  /^(?:gh[pousr]_|github_pat_|npm_|glpat-|gl[a-z]{2,5}-|xox[a-z]-|xapp-|[rs]k_(?:live|test)_|AKIA|ASIA|AIza|SG\.|eyJ|sk-ant-|sk-proj-|hv[sbr]\.|do[opr]_v1_|shp[a-z]{2}_)/

const FILE_EXT =
  /\.(?:pem|key|crt|cer|der|p12|pfx|jks|json|ya?ml|txt|env|ini|conf|cfg|toml|xml|properties|gpg|asc|enc|js|ts|py|rb|sh)$/i

/** A literal that could be a human-chosen password: long enough, varied, not a word or an expression. */
export function plausiblePassword(v: string, a: Assignment): boolean {
  if (v.length < 6 || v.length > 200 || /\s/.test(v)) return false
  if (!commonRejects(v, a, true)) return false
  if (entropy(v) < 2.3) return false
  return charClasses(v) >= 2 || v.length >= 12
}

/** A literal that looks machine-generated: a key or token. */
export function plausibleToken(v: string, a: Assignment, minLength = 12): boolean {
  if (v.length < minLength || v.length > 500 || /\s/.test(v)) return false
  if (!commonRejects(v, a)) return false
  if (entropy(v) < 3) return false
  return charClasses(v) >= 2
}

const IDENTIFIER_WORDS = /^_*(?:[a-z]+(?:[A-Z][a-z]+)*|(?:[A-Z][a-z]+)+|[a-z]+(?:_[a-z]+)+)$/

/**
 * An identifier made of words (`userPassword`, `ClientVpnEndpoints`, `OAuth2Client`), as opposed to a
 * random string that merely alternates case: its words are long, most of its letters are in words that
 * have a vowel or in short acronyms, no word has five consonants in a row, and it has few digits.
 */
export function wordish(v: string): boolean {
  const parts = v.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? []
  const letters = parts.reduce((n, p) => n + p.length, 0)
  // Random text flips case every couple of letters and has digits throughout; names do neither.
  if (letters === 0 || letters / parts.length < 3.5 || (v.match(/\d/g)?.length ?? 0) > 3) return false
  let good = 0
  for (const p of parts) {
    if (/[^aeiouy]{5}/i.test(p)) return false
    // words with a vowel, and acronyms: API, URL, and capitalised ones such as Vpc, Tcp
    if ((p.length >= 3 && /[aeiouy]/i.test(p)) || /^[A-Z]{2,5}$/.test(p) || /^[A-Z][a-z]{2}$/.test(p))
      good += p.length
  }
  return good / letters >= 0.8
}

/**
 * Name words that make a key or token something else: public by design (VAPID, publishable), a data key
 * (`result_key`, `S3Key`, `partition_key`), a pagination cursor (`nextToken`, `NextContinuationToken`).
 */
const NOT_CREDENTIALS = new Set(
  (
    'public vapid publishable pubkey result sort partition primary foreign cache lookup row column range ' +
    's3 object next continuation page pagination cursor idempotency'
  ).split(' ')
)

const CODE_WORDS = new Set(
  (
    'api key keys str pwd pw pass passwd password token tok secret auth hash hashed csrf xsrf cfg config tmp temp ' +
    'db pub pem usr user val value ref id raw new old get set src dst buf bytes enc dec encoded decoded plain ' +
    'input default session access refresh client server signing private stored next page provider credentials ' +
    'header bearer jwt env ctx req res field confirm form label name placeholder text hint message error type ' +
    'mode attr prop'
  ).split(' ')
)

/** A name built from programming words (`apiKeyStr`, `userPwd`, `csrf_token`): at least half its parts are. */
export function codeName(v: string): boolean {
  const parts = v
    .split(/_+|(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)
    .filter(Boolean)
    .map(p => p.toLowerCase())
  return parts.length > 0 && parts.filter(p => CODE_WORDS.has(p)).length * 2 >= parts.length
}

/** `/etc/ssl/private.key`, `./certs`, `C:\\keys`: a path, not random base64 that happens to start with a slash. */
function looksLikePath(v: string): boolean {
  if (!/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(v) || /[+=]/.test(v)) return false
  return v
    .split(/[\\/]/)
    .every(
      seg =>
        seg === '' ||
        /^[.~]{1,2}$|^[A-Za-z]:$/.test(seg) ||
        /[._ -]/.test(seg) ||
        /^[a-z0-9]+$/.test(seg) ||
        wordish(seg)
    )
}

/**
 * What no credential looks like. `password`: a person chose the value, so a quoted one is taken for a name
 * only when it is built from programming words (`"userPassword"`), never merely for looking like words.
 */
function commonRejects(v: string, a: Assignment, password = false): boolean {
  const named = (x: string) => codeName(x) || (!(password && a.quoted) && wordish(x))
  // an enum constant spells its own name: SIGN_IN_WITH_PASSWORD = "signInWithPassword"
  const parts = v.split(/[_\-.]+|(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/).filter(Boolean)
  if (parts.length > 1 && parts.every(p => a.words.includes(p.toLowerCase()))) return false
  if (isUuid(v) || STRUCTURED.test(v)) return false
  if (/^[0-9.,:-]+$/.test(v)) return false // numbers, versions, dates
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return false // URLs (credentials in URLs have their own rule)
  if (looksLikePath(v) || FILE_EXT.test(v)) return false // file paths
  // names: `password = userPwd`, `creds: OAuth2Client`; a random string is neither made of words nor of code words
  if (/^[A-Za-z_$][A-Za-z_$]*$/.test(v) && (a.quoted ? IDENTIFIER_WORDS.test(v) : true) && named(v))
    return false
  if (!a.quoted && /^[A-Za-z_$][\w$]*$/.test(v) && named(v)) return false
  // a.b.c, and in code member expressions: `options?.addSuffix`, `languages_1.Token`
  if (/^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+$/.test(v) && (!/\d/.test(v) || !a.quoted)) return false
  if (/^@[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*$/.test(v) && wordish(v)) return false // `@brackets.directive`
  if (a.words.some(w => NOT_CREDENTIALS.has(w))) return false
  if (/^[A-Za-z]+(?:[_./:#-]+[A-Za-z]+)+[_./:-]*$/.test(v) || /^[A-Z]+(?:_[A-Z0-9]+)+$/.test(v)) return false // words/paths, CONSTANTS
  // dotted names with capture references: `string.$1.delim`, `constant.reserved.$0` (syntax highlighting rules)
  if (/\$[A-Z]?\d/.test(v) && /^[A-Za-z]+(?:[_./:#-]+[A-Za-z]+)+$/.test(v.replace(/\$[A-Z]?\d/g, 'x')))
    return false
  if (!a.quoted && /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*</.test(v)) return false // a generic type: `Linter.RuleEntry<`
  if (/^[_$]+[A-Za-z_$]+$/.test(v) || (/^[A-Z]?[a-z0-9]*(?:[A-Z]+[a-z][a-z0-9]+)+$/.test(v) && named(v)))
    return false // __dunder__, PascalCase2Names
  if (/^(?:sha\d+|md5|hmac|bcrypt|argon2\w*|pbkdf2\w*)[-:$]/i.test(v) || /^\$\d[a-z]?\$/.test(v)) return false // hashes
  if (/%[sdv]|\{\d*\}|^:[a-z_]+$|^@[a-z_]+$|^\?+$/i.test(v)) return false // format and query placeholders
  if (v.includes('(') || v.includes('[') || v.startsWith('!')) return false // expressions, YAML tags
  if (isCommitLike(v) && a.words.some(w => /^(?:sha|commit|rev|revision|ref|hash|digest|checksum)$/.test(w)))
    return false
  return true
}
