// Building blocks of rules: a token matched where its keyword was found, and an assignment judged by its name
// and value. Every rule is called only at a keyword hit, so the cost of a file without keywords is the
// keyword scan alone.
import { charClasses, entropy } from './entropy.js'
import { isCommitLike, isKnownExample, isLookup, isPlaceholder, isUuid } from './filters.js'

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

/** `high`: a validated format (prefix, checksum, structure); `medium`: judged by name and value alone. */
export type Confidence = 'high' | 'medium'

export interface Rule {
  id: string
  description: string
  confidence: Confidence
  /** a rule runs only where one of its keywords occurs (case-insensitively unless caseSensitive) */
  keywords: string[]
  /** keywords must occur with exactly this case (the keyword scan folds case) */
  caseSensitive?: boolean
  /** judged by heuristics: not run on minified lines */
  generic?: boolean
  find(text: string, pos: number, keywordLength: number, env: ScanEnv): Candidate | undefined
  /** a user's pattern, matched over the line of each keyword hit (or every line without keywords) */
  regex?: RegExp
  /** a built-in token rule's pattern (for the regex-safety test) */
  pattern?: string
}

const TOKEN_CHAR = /[A-Za-z0-9_+/-]/

export interface TokenSpec {
  id: string
  description: string
  /** default `high` */
  confidence?: Confidence
  /** the text around the match says it is not a secret (a public SDK config...): false drops it */
  context?: (text: string, start: number, end: number) => boolean
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
    confidence: spec.confidence ?? 'high',
    keywords: spec.keywords,
    caseSensitive: spec.caseSensitive,
    pattern: spec.pattern,
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
      if (isKnownExample(secret)) return undefined
      if (spec.context && !spec.context(text, start, end)) return undefined
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
  /** an unquoted value that does not end its line (`--password X -v`, `Password=X;`): judged more strictly */
  midLine?: boolean
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

const wordsCache = new Map<string, string[]>()

/**
 * Names repeat (`NextToken` thousands of times in an SDK): split each once, in a bounded cache. The cache keeps
 * a copy of the name: the name is cut from a whole file's text, and V8 keeps a cut string's text alive.
 */
function cachedWords(name: string): string[] {
  let w = wordsCache.get(name)
  if (w === undefined) {
    if (wordsCache.size >= 20_000) wordsCache.clear()
    w = splitWords(name)
    wordsCache.set(detached(name), w)
  }
  return w
}

export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(w => w.toLowerCase())
}

/**
 * characters that end an unquoted value: blanks, `,;'"\`)}]`, and control characters (the bytes between
 * strings in a compiled or binary file) (a table: this runs on every character)
 */
const UNQUOTED_END = new Uint8Array(128)
for (const ch of ' \t\r\n\f\v,;\'"`)}]') UNQUOTED_END[ch.charCodeAt(0)] = 1
for (let c = 0; c < 32; c++) UNQUOTED_END[c] = 1
UNQUOTED_END[127] = 1
/** a control character in a value (other than tab): binary data, not text someone typed */
function hasControl(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i)
    if ((c < 32 && c !== 9) || c === 127) return true
  }
  return false
}
const endsUnquoted = (c: number): boolean => c < 128 && UNQUOTED_END[c] === 1
const isQuote = (c: number): boolean => c === 34 || c === 39 || c === 96
const isBlank = (c: number): boolean => c === 32 || c === 9

/** `: String =`, ` string =`, `: &str =`: the type of a typed declaration, skipped up to its `=`. */
const TYPE_THEN_EQUALS =
  /[ \t]*:?[ \t]*(?:[Aa]s[ \t]{1,8})?&?'?[A-Za-z_][\w.]*(?:<[\w.<>, ]{0,40}>)?[?*]?(?:\[\])?[ \t]*=(?![=~])/y
/** `name: DB_PASSWORD` then `value: ...` (Docker / Kubernetes env lists, Helm values) */
const ENV_NAME_BEFORE = /(?:^|[\s{,])["']?name["']?[ \t]*[:=][ \t]*["']?$/
const ENV_VALUE_AFTER = /["']?[ \t]*,?[ \t]*(?:\r?\n[ \t]*-?[ \t]*)?["']?value["']?[ \t]*[:=][ \t]*/y
/** before a `:` that makes a name a symbol (`:password =>`, `{:password, ...}`) rather than part of a value */
const OPENS_SYMBOL = /[\s{(,[]/
/** `-H "` / `--header '` right before a header name inside a string */
const HEADER_ARG_BEFORE = /(?:^|\s)(?:-H|--header)[ \t=]{0,3}["']$/
/** R's `"value" -> name` / `->>`: the literal before the arrow */
const R_VALUE_BEFORE = /(["'])([^"'\n]{1,300})\1[ \t]*->>?[ \t]*$/
/** R's `<-` and `<<-` (not a heredoc `<<-EOF`, not `<--`) */
const R_ARROW = /^<<?-(?![-A-Za-z_])/
/** `?=` (Makefile), `||=` (Ruby), `??=` (JavaScript, PHP) */
const SHORTHAND_ASSIGN = /^(?:\?=|\|\|=|\?\?=)/
/** a command that sets a variable from the next word: Dockerfile `ENV`, csh `setenv`, fish and Tcl `set` */
const SET_COMMAND = /^[ \t]*(?:ENV|setenv|set(?:[ \t]{1,8}-[A-Za-z]{1,8}){0,4})[ \t]+$/
/** .netrc: `machine host [login user] [account a]` before `password` (on one line or several) */
const NETRC_BEFORE =
  /(?:^|\s)(?:machine[ \t\r\n]{1,40}\S{1,253}|default)(?:[ \t\r\n]{1,40}(?:login|account|port|protocol)[ \t\r\n]{1,40}\S{1,253}){0,4}[ \t\r\n]{1,40}$/
/** a call that reads a value rather than setting one: `getenv("PASSWORD", "")`, `get("token", default)` */
const READS_VALUE =
  /(?:^|[^\w$])(?:get\w*|fetch|pop|setdefault|lookup|find\w*|has\w*|contains\w*|require\w*|read\w*|load\w*|remove\w*|delete|del|translate|gettext|ngettext|t|_|i18n|label|placeholder|input|option|argument|add_argument|flag|param|prompt)[ \t]*\(/i
/** here-documents holding one line: `password = <<EOF` / the value / `EOF` (HCL, shell, Ruby) */
const HEREDOC =
  /<<[-~]?[ \t]*(["']?)([A-Za-z_]\w{0,30})\1[ \t]*\r?\n[ \t]*([^\s][^\n]{0,299}?)[ \t]*\r?\n[ \t]*(\w{1,31})[ \t]*(?:\r?\n|$)/y
/** a YAML block scalar holding one line: `password: |` / `  value` */
const YAML_BLOCK = /[|>][-+]?[1-9]?[ \t]*\r?\n([ \t]+)([^\s][^\n]{0,299}?)[ \t]*\r?(?:\n|$)/y
/** `<add key="Password" value="..."/>`, `{"key": "token", "value": "..."}` */
const XML_KEY_BEFORE = /(?:^|\s|[{,])["']?(?:key|name)["']?\s*[:=]\s*["']$/
const XML_VALUE_AFTER = /["'],?\s*["']?value["']?\s*[:=]\s*/y

/**
 * The literal assigned to the name around a keyword hit, in the forms code and configuration use: `name =
 * value` (`:`, `:=`, `=>`, `==`, typed declarations), `<name>value</name>`, `key="name" value="..."`,
 * `- name: NAME / value: ...`, CLI flags (`--password X`), `#define NAME "value"`, SQL (`PASSWORD 'x'`,
 * `IDENTIFIED BY 'x'`), prose (`password is X`). Undefined when the keyword is not part of such a name.
 */
export function parseAssignment(
  text: string,
  pos: number,
  keywordLength: number,
  /** the rule's name test, run before the rest is read (most keyword hits are in names no rule wants) */
  wanted?: (words: string[], name: string) => boolean
): Assignment | undefined {
  const len = text.length
  let s = pos
  const minS = Math.max(0, pos - 80)
  while (s > minS && isNameChar(text.charCodeAt(s - 1))) s--
  // keywords may end in punctuation (`pw:`, `key=`): the name ends before it
  let e = pos + keywordLength
  while (e > pos && !isNameChar(text.charCodeAt(e - 1))) e--
  const maxE = Math.min(len, e + 80)
  while (e < maxE && isNameChar(text.charCodeAt(e))) e++
  // `name.` at the end of a sentence, `--password`: the dots and dashes around are not the name
  while (e > pos + keywordLength && (text.charCodeAt(e - 1) === 46 || text.charCodeAt(e - 1) === 45)) e--
  if (wanted) {
    // the rules of one hit (and the keywords of one name) ask about the same name in a row: split it once
    if (text !== named.text || s !== named.s || e !== named.e) {
      const slot = nameSlot(text, s, e)
      named.text = text
      named.s = s
      named.e = e
      named.name = slotNames[slot]
      named.words = slotWords[slot]
    }
    if (!wanted(named.words, named.name)) return undefined
  }
  // several keywords (and rules) meet in one name (`SecretAccessKey`): read it once
  if (text === memo.text && s === memo.s && e === memo.e) return memo.result
  memo.text = text
  memo.s = s
  memo.e = e
  return (memo.result = readAssignment(text, s, e))
}

/** The assignment reader's own patterns, for the regex-safety test (none may backtrack catastrophically). */
export const READER_PATTERNS: RegExp[] = [
  TYPE_THEN_EQUALS,
  ENV_NAME_BEFORE,
  ENV_VALUE_AFTER,
  XML_KEY_BEFORE,
  XML_VALUE_AFTER,
  R_VALUE_BEFORE,
  R_ARROW,
  SHORTHAND_ASSIGN,
  SET_COMMAND,
  NETRC_BEFORE,
  READS_VALUE,
  HEREDOC,
  YAML_BLOCK,
  HEADER_ARG_BEFORE
]

const memo: { text: string; s: number; e: number; result: Assignment | undefined } = {
  text: '',
  s: -1,
  e: -1,
  result: undefined
}

/** names by a hash of their characters (one per slot): a name met before costs no string */
const NAME_SLOTS = 1 << 15
const slotNames: string[] = new Array<string>(NAME_SLOTS).fill('\0') // no name holds a NUL
const slotWords: string[][] = new Array<string[]>(NAME_SLOTS).fill([])

/** The slot holding `text[s..e)` and its words, filled when another name (or none) held it. */
function nameSlot(text: string, s: number, e: number): number {
  let h = 0x811c9dc5 | 0
  for (let i = s; i < e; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  const slot = h & (NAME_SLOTS - 1)
  const known = slotNames[slot]
  if (known.length !== e - s || !text.startsWith(known, s)) {
    const name = text.slice(s, e)
    slotWords[slot] =
      name.length === 13 && /^identified[ \t]+by$/i.test(name) ? ['password'] : cachedWords(name)
    slotNames[slot] = detached(name)
  }
  return slot
}

/** A copy of `name` that does not keep the text it was cut from alive (V8 does, for a cut string). */
function detached(name: string): string {
  return JSON.parse(JSON.stringify(name)) as string
}

/** The last name split by `parseAssignment`. */
const named: { text: string; s: number; e: number; name: string; words: string[] } = {
  text: '',
  s: -1,
  e: -1,
  name: '',
  words: []
}

/** Drops the last text read (a whole file): called when a file is done, so that it is not kept alive. */
export function forgetAssignments(): void {
  memo.text = ''
  memo.result = undefined
  named.text = ''
  named.name = ''
}

function readAssignment(text: string, s: number, e: number): Assignment | undefined {
  const len = text.length
  const flag =
    text.charCodeAt(s) === 45 && text.charCodeAt(s + 1) !== 45 ? 1 : text.startsWith('--', s) ? 2 : 0
  // a name follows a blank, a quote or punctuation that opens something; after `:` or `/` it is part of a
  // value (`arn:aws:secretsmanager:...:secret:name`, a path)
  let symbol = false
  if (s > 0) {
    const p = text.charCodeAt(s - 1)
    // `:password => "x"`, `{:password, "x"}`, `{:password "x"}`: a symbol (Ruby, Elixir, Clojure), not a path
    symbol = p === 58 && (s === 1 || OPENS_SYMBOL.test(text[s - 2]))
    // `--from-literal=password=v` (kubectl): a name after `=` when another `=` follows it
    const keyInArg = p === 61 && text.charCodeAt(e) === 61 && text.charCodeAt(e + 1) !== 61
    if (!symbol && !keyInArg && (p === 58 || p === 47 || p === 92 || p === 61)) return undefined
  }
  const name = text.slice(s, e)
  // split only once an assignment is seen: most keyword hits are not one
  let words: string[] | undefined
  const before = symbol ? text.charCodeAt(s - 2) || 10 : s > 0 ? text.charCodeAt(s - 1) : 10
  // a query string's parameter (`?api_key=v&q=1`, `&password=v&ssl=1`): the value ends at the next `&`
  const inQuery = before === 63 || before === 38
  const make = (
    value: string,
    valueStart: number,
    quoted: boolean,
    midLine = false
  ): Assignment | undefined => {
    if (inQuery && !quoted && value.includes('&')) {
      value = value.slice(0, value.indexOf('&'))
      midLine = true
    }
    return value.includes('\n') || hasControl(value)
      ? undefined
      : { name, words: (words ??= cachedWords(name)), value, valueStart, quoted, midLine }
  }

  // <password>value</password>
  if (before === 60 && text.charCodeAt(e) === 62) {
    const close = text.indexOf('<', e + 1)
    if (close < 0 || close - e > 300) return undefined
    return make(text.slice(e + 1, close), e + 1, true)
  }
  let i = e
  if (name.length === 13 && /^identified[ \t]+by$/i.test(name)) {
    // SQL: IDENTIFIED BY 'secret' (quoted: in prose the words are common)
    words = ['password']
    while (isBlank(text.charCodeAt(i))) i++
    return isQuote(text.charCodeAt(i)) ? quotedOrBare(text, i, make) : undefined
  }
  let c = text.charCodeAt(i)
  let insideString = false
  let comparison = false
  // `key="Password" value="..."` and `name: DB_PASSWORD` / `value: ...` pairs: the name is a value itself,
  // followed by a quote, a line end or a comma (checked first: cheap, and rare after a keyword)
  const n1 = text.charCodeAt(i + 1)
  const pairLike = isQuote(c)
    ? n1 === 32 || n1 === 44 || n1 === 10 || n1 === 13 || n1 === 9
    : c === 10 || c === 13 || i >= len
  if (pairLike && (isQuote(before) || before === 32 || before === 9)) {
    const head = text.slice(Math.max(0, s - 40), s)
    if (isQuote(before) && c === before && XML_KEY_BEFORE.test(head)) {
      XML_VALUE_AFTER.lastIndex = e
      if (XML_VALUE_AFTER.test(text)) return quotedOrBare(text, XML_VALUE_AFTER.lastIndex, make)
    }
    if (ENV_NAME_BEFORE.test(head)) return envValue(text, e, make)
  }
  // `<entry key="password">value</entry>` (Java XML properties)
  if (isQuote(before) && c === before && n1 === 62 /* > */) {
    if (!XML_KEY_BEFORE.test(text.slice(Math.max(0, s - 40), s))) return undefined
    const close = text.indexOf('<', i + 2)
    if (close < 0 || close - i > 300) return undefined
    return make(text.slice(i + 2, close), i + 2, true)
  }
  // R's `"value" -> password`
  if (before === 32 && text.charCodeAt(s - 2) === 62 && text.charCodeAt(s - 3) === 45) {
    const m = R_VALUE_BEFORE.exec(text.slice(Math.max(0, s - 320), s))
    if (m) return make(m[2], s - m[0].length + 1, true)
  }
  if (isQuote(before)) {
    // the key's closing quote; any other character means the keyword is text inside a string (a label
    // `"Password:"`, a DSN `"user=a password=b"`): only `=` assigns there
    if (c === before) c = text.charCodeAt(++i)
    // an HTTP header in a command's string: `curl -H "X-Api-Key: v"`, `--header 'Authorization: v'`
    else if (c === 58 && HEADER_ARG_BEFORE.test(text.slice(Math.max(0, s - 12), s))) {
      /* the `:` below assigns */
    } else insideString = true
    if (c === 93 /* ] */ || (c === 125 /* } */ && !insideString)) c = text.charCodeAt(++i) // `['k']`, Perl `{'k'}`
  } else if (c === 93 || (c === 125 && before === 123))
    c = text.charCodeAt(++i) // `[k]`, Perl `$ENV{K}`
  else if (c === 91 && text.charCodeAt(i + 1) === 93) c = text.charCodeAt((i += 2)) // C `kApiKey[] = "v"`

  // a (key, value) pair: `assign("password", "v")`, `props.put("password", "v")`, Erlang `{password, "v"}`
  if (c === 44 /* , */ && !insideString) return pairValue(text, s, i, before, make)

  const opStart = i
  while (isBlank(c) && i < e + 20) c = text.charCodeAt(++i)
  // the operator
  if (c === 58 /* : */) {
    if (insideString) return undefined
    const n = text.charCodeAt(i + 1)
    if (n === 58) return undefined // ::
    if (n === 61) i += 2
    else {
      TYPE_THEN_EQUALS.lastIndex = i
      i = TYPE_THEN_EQUALS.test(text) ? TYPE_THEN_EQUALS.lastIndex : i + 1
    }
  } else if (c === 61 /* = */) {
    const n = text.charCodeAt(i + 1)
    if (n === 126) return undefined // =~
    comparison = n === 61
    i += n === 61 ? (text.charCodeAt(i + 2) === 61 ? 3 : 2) : n === 62 ? 2 : 1 // == === =>
  } else if (c === 60 /* < */ && i > opStart && R_ARROW.test(text.slice(i, i + 4))) {
    i += text.charCodeAt(i + 1) === 45 ? 2 : 3 // R: `password <- "v"`, `password <<- "v"`
  } else if ((c === 63 || c === 124 || c === 43) && SHORTHAND_ASSIGN.test(text.slice(i, i + 4))) {
    i += text.charCodeAt(i + 1) === 61 ? 2 : 3 // Makefile `?=` `+=`, Ruby `||=`, `??=`
  } else if (c === 33 && text.charCodeAt(i + 1) === 61) {
    comparison = true
    i += text.charCodeAt(i + 2) === 61 ? 3 : 2 // != !==: still a literal in the code
  } else if (insideString) {
    return undefined
  } else if ((c === 40 /* ( */ || c === 123) /* { */ && opStart === i && isQuote(text.charCodeAt(i + 1))) {
    i += 1 // setPassword("..."), password.equals("..."), C++ `std::string password{"..."}`
  } else if (i > opStart && /[A-Za-z0-9]/.test(name)) {
    // no operator, only blanks: `--password X`, `#define NAME "v"`, `PASSWORD 'v'`, `IDENTIFIED BY 'v'`,
    // `password is X`, Go's `password string = "v"`
    TYPE_THEN_EQUALS.lastIndex = opStart
    if (TYPE_THEN_EQUALS.test(text)) i = TYPE_THEN_EQUALS.lastIndex
    else if (
      text.charCodeAt(i) === 105 &&
      text.charCodeAt(i + 1) === 115 &&
      isBlank(text.charCodeAt(i + 2))
    ) {
      // prose: `the password is X` — only a value with letters and digits, without the sentence's full stop
      i += 2
      while (isBlank(text.charCodeAt(i))) i++
      const a = bare(text, i, make, true)
      if (!a) return undefined
      const value = a.value.replace(/[.,:]$/, '')
      return /[0-9]/.test(value) && /[A-Za-z]/.test(value) ? { ...a, value } : undefined
    } else if (isQuote(c)) {
      // a quoted value right after the name
    } else if (flag > 0 || /#define[ \t]+$/.test(text.slice(Math.max(0, s - 12), s))) {
      return bare(text, i, make, true)
    } else {
      // the forms below are rare and this branch is hot (prose, `Token string`): cheap character tests first
      let k = s - 1
      while (k >= 0 && isBlank(text.charCodeAt(k))) k--
      const p = k < 0 ? 10 : text.charCodeAt(k)
      // .netrc: `machine host login user password value` (on one line or several)
      if (e - s === 8 && (name === 'password' || name === 'PASSWORD')) {
        const back = text.slice(Math.max(0, s - 300), s)
        if ((back.includes('machine') || back.includes('default')) && NETRC_BEFORE.test(back))
          return bare(text, i, make)
      }
      if (p === 10 || p === 13) {
        // a directive alone on its line: `requirepass value` (redis.conf), `password value` — strictly judged
        const a = bare(text, i, make)
        return a && !a.midLine && /[0-9]/.test(a.value) && /[A-Za-z]/.test(a.value)
          ? { ...a, midLine: true }
          : undefined
      }
      // Dockerfile `ENV NAME value`, csh `setenv NAME value`, fish `set -gx NAME value`, Tcl `set name value`
      // (after a blank, and a letter before it: the command's name or its last flag)
      const letter = (p >= 65 && p <= 90) || (p >= 97 && p <= 122)
      if (k < s - 1 && letter && SET_COMMAND.test(lineHead(text, s))) return quotedOrBare(text, i, make)
      return undefined
    }
  } else if (c === 32 && flag > 0) {
    return bare(text, i, make, true)
  } else return undefined
  c = text.charCodeAt(i)
  while (isBlank(c) && i < len) c = text.charCodeAt(++i)
  // a comparison holds a literal only when it is quoted (`key === other` compares two names)
  if (comparison && !isQuote(c)) return undefined
  return quotedOrBare(text, i, make, insideString)
}

type Make = (value: string, valueStart: number, quoted: boolean, midLine?: boolean) => Assignment | undefined

/** The line's text before `s` (at most 200 characters). */
function lineHead(text: string, s: number): string {
  return text.slice(Math.max(text.lastIndexOf('\n', s - 1) + 1, s - 200), s)
}

/**
 * `(name, "value")` pairs: `assign("password", "v")` (R), `props.put("password", "v")`,
 * `System.setProperty("db.password", "v")`, `define('DB_PASSWORD', 'v')` (PHP),
 * Erlang/Elixir tuples `{password, "v"}`, `{:password, <<"v">>}`. The value must be a quoted literal, and the call
 * must not be one that reads (`getenv("PASSWORD", "")`, `get("token", fallback)`).
 */
function pairValue(
  text: string,
  s: number,
  comma: number,
  before: number,
  make: Make
): Assignment | undefined {
  // the character before the name (and its quote or symbol colon)
  let o = s - 1
  if (isQuote(before) || text.charCodeAt(o) === 58) o--
  while (o > 0 && isBlank(text.charCodeAt(o))) o--
  const opener = text.charCodeAt(o)
  const quotedName = isQuote(before)
  // `{name, "v"}`, `("name", "v")`; not lists of strings (`'AES_KEY', 'PKCS7'`, `('http', 'user', 'password', 'host')`)
  if (!(opener === 123 /* { */ || (opener === 40 /* ( */ && quotedName))) return undefined
  if (opener !== 123 && READS_VALUE.test(lineHead(text, o + 1))) return undefined
  // Markdown code spans in prose (`(\`userPassword\`, \`OAuth2Client\`)`) are not a call
  if (before === 96) return undefined
  let j = comma + 1
  while (isBlank(text.charCodeAt(j))) j++
  if (text.charCodeAt(j) === 60 && text.charCodeAt(j + 1) === 60) j += 2 // Erlang binary `<<"v">>`
  const q = text.charCodeAt(j)
  return q === 34 || q === 39 ? quotedOrBare(text, j, make) : undefined
}

function quotedOrBare(text: string, at: number, make: Make, insideString = false): Assignment | undefined {
  let i = at
  let c = text.charCodeAt(i)
  // string prefixes: r"..", b'..', @"..", u8"..", f".."
  if (!insideString && !isQuote(c) && (isQuote(text.charCodeAt(i + 1)) || isQuote(text.charCodeAt(i + 2)))) {
    const m = /^(?:[rbuf]|u8|br|rb|@|\$@)(?=["'])/i.exec(text.slice(i, i + 4))
    if (m) c = text.charCodeAt((i += m[0].length))
  }
  if (!insideString) {
    // Python / TOML triple quotes on one line: `password = '''v'''`
    if ((c === 34 || c === 39) && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c) {
      const q = text.slice(i, i + 3)
      const endQ = text.indexOf(q, i + 3)
      if (endQ < 0 || endQ - i > 300) return undefined
      return make(text.slice(i + 3, endQ), i + 3, true)
    }
    if (c === 60 && text.charCodeAt(i + 1) === 60) {
      HEREDOC.lastIndex = i
      const m = HEREDOC.exec(text)
      if (!m || m[4] !== m[2]) return undefined
      return make(m[3], i + m[0].indexOf(m[3], m[0].indexOf('\n')), true)
    }
    if (c === 124 || c === 62) {
      YAML_BLOCK.lastIndex = i
      const m = YAML_BLOCK.exec(text)
      if (!m) return undefined
      // the block ends after its one line: the next line is less indented (or the text ends)
      const next = i + m[0].length
      let k = next
      while (k < text.length && isBlank(text.charCodeAt(k))) k++
      if (
        k < text.length &&
        k - next >= m[1].length &&
        text.charCodeAt(k) !== 10 &&
        text.charCodeAt(k) !== 13
      )
        return undefined
      return make(m[2], i + m[0].indexOf(m[2], m[0].indexOf('\n')), true)
    }
  }
  if (isQuote(c) && !insideString) {
    const q = text[i]
    const endQ = text.indexOf(q, i + 1)
    if (endQ < 0 || endQ - i > 300) return undefined
    return make(text.slice(i + 1, endQ), i + 1, true)
  }
  return bare(text, i, make, insideString)
}

/** An unquoted value: to the end of the line, or up to a blank/`;` (then judged more strictly). */
function bare(text: string, at: number, make: Make, stopAtBlank = false): Assignment | undefined {
  const len = text.length
  let i = at
  const maxV = Math.min(len, at + 300)
  while (i < maxV && !endsUnquoted(text.charCodeAt(i))) i++
  if (i === at) return undefined
  // cut by a control character: a string in a binary file (`Password: r\x18\0...` in a .pyc)
  const stop = text.charCodeAt(i)
  if (i < len && (stop < 9 || (stop > 13 && stop < 32) || stop === 127)) return undefined
  const value = text.slice(at, i)
  let j = i
  while (j < len && isBlank(text.charCodeAt(j))) j++
  let midLine = stopAtBlank
  if (j < len) {
    const t = text.charCodeAt(j)
    const eol =
      t === 10 ||
      t === 13 ||
      (t === 35 /* # */ && j > i) ||
      (t === 47 && text.charCodeAt(j + 1) === 47) ||
      (t === 59 /* ; */ && /^;[ \t]*(?:\r?\n|$)/.test(text.slice(j, j + 3)))
    if (!eol) midLine = true
  }
  return make(value, at, false, midLine)
}

function envValue(text: string, e: number, make: Make): Assignment | undefined {
  ENV_VALUE_AFTER.lastIndex = e
  if (!ENV_VALUE_AFTER.test(text)) return undefined
  return quotedOrBare(text, ENV_VALUE_AFTER.lastIndex, make)
}

export interface AssignmentSpec {
  id: string
  description: string
  keywords: string[]
  generic?: boolean
  /** default `medium` */
  confidence?: Confidence
  name: (words: string[], name: string) => boolean
  value: (value: string, a: Assignment) => boolean
}

export function assignmentRule(spec: AssignmentSpec): Rule {
  return {
    id: spec.id,
    description: spec.description,
    confidence: spec.confidence ?? 'medium',
    keywords: spec.keywords,
    generic: spec.generic,
    find(text, pos, keywordLength) {
      const a = parseAssignment(text, pos, keywordLength, spec.name)
      if (!a || a.words.length === 0) return undefined
      if (!spec.name(a.words, a.name)) return undefined
      // `NextToken`, `partition_key`, `publicKey`: decided by the name, before any value test
      if (spec.generic && a.words.some(w => NOT_CREDENTIALS.has(w))) return undefined
      const v = a.value
      if (v.length < 4) return undefined
      // a bare word in the middle of a line is code or prose more often than a secret: ask for more
      if (a.midLine && (v.length < 8 || charClasses(v) < 2 || entropy(v) < 2.8)) return undefined
      // the rule's own judgement first: it turns most values down, and the filters below cost more
      if (!spec.value(v, a) || isPlaceholder(v) || isLookup(v) || isKnownExample(v)) return undefined
      return { start: a.valueStart, end: a.valueStart + v.length, secret: v }
    }
  }
}

// A value with a vendor's prefix that fails the vendor's rule still goes through the generic rules: a
// truncated or re-formatted token is still a credential. Only the checksummed formats are trusted to say no.
const CHECKSUMMED = /^(?:gh[pousr]_|npm_)[A-Za-z0-9]{36}$/

const FILE_EXT =
  /\.(?:pem|key|crt|cer|der|p12|pfx|jks|json|ya?ml|txt|env|ini|conf|cfg|toml|xml|properties|gpg|asc|enc|js|ts|py|rb|sh)$/i

/** A literal that could be a human-chosen password: long enough, varied, not a word or an expression. */
export function plausiblePassword(v: string, a: Assignment): boolean {
  if (v.length < 6 || v.length > 200 || /\s/.test(v)) return false
  // a password that spells the word is an example (`Pass@Word1`, `mynewpassword`, `kmsPswd`)
  const deleet = v
    .replace(/@/g, 'a')
    .replace(/[5$]/g, 's')
    .replace(/0/g, 'o')
    .replace(/3/g, 'e')
    .replace(/[1!]/g, 'i')
  const spelled = /pass(?:wor[dt]|wd)|pswd|passw0rd|pasword/i
  if (spelled.test(deleet.replace(/[^A-Za-z]/g, '')) || spelled.test(v.replace(/[^A-Za-z]/g, '')))
    return false
  if (/^[A-Z]?[a-z]+$/.test(v)) return false // one word: `Incorrect`, `doesnotexist`
  // capitalised words: `IAmSensitive` (random letters make short parts without vowels)
  const caps = /^(?:[A-Z][a-z]*){2,}$/.test(v) ? (v.match(/[A-Z][a-z]*/g) ?? []) : []
  if (caps.length > 0 && v.length / caps.length >= 3.5 && caps.every(p => p.length < 3 || /[aeiouy]/.test(p)))
    return false
  if (!commonRejects(v, a, true)) return false
  if (entropy(v) < 2.3) return false
  return charClasses(v) >= 2 || v.length >= 12
}

/** A literal that looks machine-generated: a key or token. */
export function plausibleToken(v: string, a: Assignment, minLength = 12): boolean {
  if (v.length < minLength || v.length > 500 || /\s/.test(v)) return false
  if (/^[a-z]{3,}[-_]?\d{1,8}$|^\d{1,8}[-_]?[a-z]{3,}$/i.test(v)) return false // `cachedvol112233`
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
    'protobuf public vapid publishable pubkey result sort partition primary foreign cache lookup row column range ' +
    's3 object next continuation page pagination cursor idempotency update change verification hashed'
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
  if (isUuid(v) || CHECKSUMMED.test(v)) return false
  if (/^a?arn:/.test(v)) return false // an ARN names a secret, it is not one
  // the value spells its name: `ExportToken: "export-token-cu4lg26o"`, `CopyProductToken: "copyproduct-abc5"`
  if (a.words.length >= 2) {
    const flat = v.toLowerCase().replace(/[^a-z0-9]/g, '')
    const head = a.words.slice(0, -1).join('')
    if (head.length >= 4 && (flat.startsWith(a.words.join('')) || flat.startsWith(head))) return false
  }
  // dotted setting names: `fs.s3.consistent`, `spring.datasource.password`
  if (
    a.quoted &&
    /^[a-z][a-z0-9]*(?:\.[a-zA-Z][a-zA-Z0-9]*)+$/.test(v) &&
    v.split('.').every(p => p.length <= 3 || /^[a-z]+$/.test(p) || wordish(p))
  )
    return false
  // code words only: 'AWSAccessKeyId'
  if (/^[A-Za-z]+$/.test(v)) {
    const parts = v.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)
    if (parts.length > 1 && parts.every(p => CODE_WORDS.has(p.toLowerCase()) || /^[A-Z]{2,5}$/.test(p)))
      return false
  }
  // a Google API key's own rule decides (a Firebase web key is public by design)
  if (/^AIza[0-9A-Za-z_-]{35}$/.test(v)) return false
  if (/^[0-9.,:-]+$/.test(v) || /^0x[0-9a-f]+$/i.test(v)) return false // numbers, versions, dates
  // unquoted names in code: `PrivateKey: testEd25519PrivateKey,`, `cfg.Key = serverRSAKey`
  if (!a.quoted && /^[A-Za-z_$][\w$]*$/.test(v)) {
    const parts = v.split(/_+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/).map(p => p.toLowerCase())
    if (parts.some(p => p.length >= 3 && a.words.includes(p))) return false
    // mid-line, a name in code (`hexKey: hexPKCS8TestECKey,`) unless it mixes digits in like a random value
    if (a.midLine && (!/\d/.test(v) || codeName(v.replace(/\d+/g, '')) || wordish(v.replace(/\d+/g, ''))))
      return false
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return false // URLs (credentials in URLs have their own rule)
  if (looksLikePath(v) || FILE_EXT.test(v)) return false // file paths
  // a relative path to a file, then a `:name` or `#anchor` (`.github/workflows/ci.yml:build`)
  if (/^[\w.-]*(?:\/[\w.-]+)+\.[a-z]{1,5}[:#][\w.:/-]*$/i.test(v)) return false
  // names: `password = userPwd`, `creds: OAuth2Client`; a random string is neither made of words nor of code words
  if (/^[A-Za-z_$][A-Za-z_$]*$/.test(v) && (a.quoted ? IDENTIFIER_WORDS.test(v) : true) && named(v))
    return false
  if (!a.quoted && /^[A-Za-z_$][\w$]*$/.test(v) && named(v)) return false
  // a.b.c, and in code member expressions: `options?.addSuffix`, `languages_1.Token`
  if (/^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+$/.test(v) && (!/\d/.test(v) || !a.quoted)) return false
  if (/^@[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*$/.test(v) && wordish(v)) return false // `@brackets.directive`
  if (a.words.some(w => NOT_CREDENTIALS.has(w))) return false
  if (
    /^[A-Za-z]+(?:[_./:#-]+[A-Za-z]+)+[_./:-]*(?:[-_.]?\d{1,3})?$/.test(v) ||
    /^[A-Z]+(?:_[A-Z0-9]+)+$/.test(v)
  )
    return false // words/paths (`taint-value-1`), CONSTANTS
  // dotted names with capture references: `string.$1.delim`, `constant.reserved.$0` (syntax highlighting rules)
  if (/\$[A-Z]?\d/.test(v) && /^[A-Za-z]+(?:[_./:#-]+[A-Za-z]+)+$/.test(v.replace(/\$[A-Z]?\d/g, 'x')))
    return false
  if (!a.quoted && /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*</.test(v)) return false // a generic type: `Linter.RuleEntry<`
  if (/^[_$]+[A-Za-z_$]+$/.test(v) || (/^[A-Z]?[a-z0-9]*(?:[A-Z]+[a-z][a-z0-9]+)+$/.test(v) && named(v)))
    return false // __dunder__, PascalCase2Names
  if (/^(?:sha\d+|md5|hmac|bcrypt|argon2\w*|pbkdf2\w*)[-:$]/i.test(v) || /^\$\d[a-z]?\$/.test(v)) return false // hashes
  if (/%[sdv](?![A-Za-z0-9])|\{\d*\}|^:[a-z_]+$|^@[a-z_]+$|^\?+$/.test(v)) return false // format and query placeholders
  if (v.includes('(') || v.includes('[') || v.startsWith('!')) return false // expressions, YAML tags
  if (v.includes('\\n') || v.startsWith('<')) return false // escaped documents (`"<?xml ...\n<vlan>"`)
  // bare code: `options!==null&&x`, `++this._token`, `Buffer|Uint8Array`, `string1To255;`
  if (
    !a.quoted &&
    (/[=&|]/.test(v) || /^[+\-!~*]/.test(v) || /^(?:string|number|bigint|boolean|any|unknown)\w*$/.test(v))
  )
    return false
  // a value that says what it is an example of (in English, German, French, Spanish, Italian, Portuguese)
  if (
    /secret|password|this[-_]?is|my[-_]test|geheim|passwort|kennwort|parole|motdepasse|contrase|segreto|senha/i.test(
      v
    )
  )
    return false
  // an e-mail address (anonymous FTP's password): a lower-case host name after the `@`
  if (/^[A-Za-z][\w.+-]*@[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)+$|^[a-z]+@[a-z]+$/.test(v)) return false
  // resource names: `projects/proj123/keys/sitekey123`
  if (/^[a-z][a-z0-9-]*(?:\/[a-z0-9._-]+){2,}$/.test(v)) return false
  // base64 of readable text: `SGVsbG8gZnJvbSBHb29nbGUgQ2xvdWQgUGxhdGZvcm0=` ("Hello from Google Cloud Platform")
  if (v.length >= 16 && /^[A-Za-z0-9+/]+={0,2}$/.test(v)) {
    const t = Buffer.from(v, 'base64').toString('latin1')
    if (/^[A-Za-z][\x20-\x7e]*$/.test(t) && / [A-Za-z]/.test(t)) return false
  }
  // Go composite literals and pointers: `Credentials: aws.Credentials{`, `&azcore.AccessToken{`
  if (!a.quoted && (/[{}]/.test(v) || /^[&*][A-Za-z_]/.test(v))) return false
  if (/^[#.][A-Za-z][\w-]*$/.test(v)) return false // CSS selectors: "#add-password", ".token-input"
  // protobuf struct tags in generated Go: `protobuf:"bytes,1,opt,name=key,proto3"`
  if (/^(?:bytes|varint|fixed(?:32|64)|zigzag(?:32|64)|group),\d+,/.test(v)) return false
  if (a.words.includes('protobuf') || (a.words.includes('json') && /,omitempty$|^-$/.test(v))) return false
  if (isCommitLike(v) && a.words.some(w => /^(?:sha|commit|rev|revision|ref|hash|digest|checksum)$/.test(w)))
    return false
  return true
}
