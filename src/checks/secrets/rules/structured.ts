// Credentials recognised by their shape wherever they are, with no keyword: JWTs, URLs and connection strings
// with a password, HTTP Authorization values, credentials on command lines.
import { entropy } from '../entropy.js'
import { isFabricated, isLookup, isPlaceholder } from '../filters.js'
import { plausiblePassword, tokenRule, type Candidate, type Rule } from '../rule-kit.js'
import type { Samples } from './sample-kit.js'

function jsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/**
 * A JWT in code is a credential, expired or not, even when it does not decode (it may be cut or encrypted):
 * only unsigned tokens and the jwt.io example are not.
 */
function jwtIsCredential(token: string): boolean {
  const [h, p, sig] = token.split('.')
  const header = jsonPart(h)
  const payload = jsonPart(p)
  if (header && typeof header.alg === 'string' && header.alg.toLowerCase() === 'none') return false
  if (!sig || sig.length < 16 || isFabricated(sig)) return false
  if (payload && payload.sub === '1234567890' && payload.name === 'John Doe') return false // the jwt.io sample
  return true
}

function basicAuthHasPassword(encoded: string): boolean {
  const text = Buffer.from(encoded, 'base64').toString('latin1')
  const i = text.indexOf(':')
  if (i <= 0 || !/^[\x20-\x7e]+$/.test(text)) return false
  const pw = text.slice(i + 1)
  // RFC 7617's own example (Aladdin / open sesame)
  return pw.length >= 4 && !isPlaceholder(pw) && !isLookup(pw) && pw !== 'open sesame'
}

function decodeURIComponentSafe(v: string): string {
  try {
    return decodeURIComponent(v)
  } catch {
    return v
  }
}

const WEAK_URL_PASSWORDS =
  /^(?:pass|passwd|pwd|secret|password\d*|postgres|mysql|root|admin|guest|user|test|pw|p)$/i

/** The password part of a URL's userinfo: a real value, not a placeholder or a template. */
function urlPassword(v: string): boolean {
  const d = decodeURIComponentSafe(v)
  return (
    d.length >= 4 &&
    !isPlaceholder(d) &&
    !isLookup(d) &&
    !/^[*]+$|^:|%s|\{|\$/.test(d) &&
    !WEAK_URL_PASSWORDS.test(d) &&
    !/^[a-z]{1,8}$/.test(d) && // `evil:thing@`, `foo:bar@`
    !/^(?:foo|bar|baz|qux)\W?(?:foo|bar|baz|qux)?$/i.test(d) &&
    !/[,:]/.test(d) && // `host:123,foo:bar@`: a port and a list, not a password
    // a URL parser's test spells the word out: `pa%2Fssword`, `My%20Pass`
    !/pass|pasw|pwd|secret/i.test(d.replace(/[^A-Za-z0-9]/g, ''))
  )
}

const URL_STOP = new Set([...' \t\r\n/\'"<>\\`?#'].map(c => c.charCodeAt(0)))

/** `scheme://user:password@host` at a `://` hit, for any scheme. */
function urlUserinfo(text: string, pos: number): Candidate | undefined {
  let colon = -1
  let i = pos + 3
  const max = Math.min(text.length, i + 300)
  for (; i < max; i++) {
    const c = text.charCodeAt(i)
    if (c === 64 /* @ */) break
    if (URL_STOP.has(c)) return undefined
    if (c === 58 && colon < 0) colon = i
  }
  if (i >= max || colon < 0 || colon === pos + 3) return undefined
  // the scheme: letters right before `://`
  let s = pos
  while (s > pos - 32 && s > 0 && /[A-Za-z0-9+.-]/.test(text[s - 1])) s--
  if (s === pos || !/[A-Za-z]/.test(text[s])) return undefined
  const host = text.charCodeAt(i + 1)
  if (
    !(host >= 48 && host <= 57) &&
    !(host >= 65 && host <= 90) &&
    !(host >= 97 && host <= 122) &&
    host !== 91
  )
    return undefined
  const secret = text.slice(colon + 1, i)
  if (!urlPassword(secret)) return undefined
  return { start: colon + 1, end: i, secret }
}

const DB_SCHEMES =
  'postgres(?:ql)?|mysql|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|mariadb|sqlserver|clickhouse|cockroachdb|oracle|couchdbs?|neo4j(?:\\+s)?|rabbitmq|memcached'

export const rules: Rule[] = [
  tokenRule({
    id: 'jwt',
    description: 'JSON Web Token',
    keywords: ['eyJ'],
    caseSensitive: true,
    pattern: 'eyJ[A-Za-z0-9_-]{8,2000}\\.[A-Za-z0-9_-]{8,4000}\\.[A-Za-z0-9_-]{16,1000}',
    structured: true,
    left: /[A-Za-z0-9_.-]/,
    right: /[A-Za-z0-9_.-]/,
    validate: jwtIsCredential
  }),
  tokenRule({
    id: 'database-url-password',
    description: 'Database URL with a password',
    // the schemes as plain words: optional groups and letters dropped (`rediss?` -> `redis`)
    keywords: DB_SCHEMES.replace(/\(\?:[^)]*\)\??/g, '')
      .replace(/\w\?/g, '')
      .split('|'),
    pattern: `(?:${DB_SCHEMES})(?:\\+[a-z0-9]+)?://([^\\s:@/'"<>]{0,100}):([^\\s@/'"<>]{1,200})@[^\\s/'"<>]{1,200}`,
    flags: 'i',
    group: 2,
    structured: true,
    left: /[A-Za-z0-9]/,
    right: /$^/,
    validate: urlPassword
  }),
  {
    // hand-written: `://` is in every URL, and almost all of them stop at the first `/` or blank
    id: 'url-password',
    description: 'URL with a password in it (any scheme)',
    confidence: 'high',
    keywords: ['://'],
    find: urlUserinfo
  },
  tokenRule({
    id: 'http-basic-auth',
    description: 'HTTP Basic credentials (base64 user:password)',
    keywords: ['basic '],
    pattern: 'Basic +([A-Za-z0-9+/]{8,400}={0,2})',
    flags: 'i',
    group: 1,
    structured: true,
    left: /[A-Za-z0-9]/,
    right: /[A-Za-z0-9+/=]/,
    validate: basicAuthHasPassword
  }),
  tokenRule({
    // ~/.docker/config.json, .dockercfg: {"auths": {"registry": {"auth": base64(user:password)}}}
    id: 'docker-config-auth',
    description: 'Registry credentials in a Docker config (auths.*.auth, base64 user:password)',
    keywords: ['"auth"'],
    pattern: '"auth"[ \\t]*:[ \\t]*"([A-Za-z0-9+/]{8,400}={0,2})"',
    group: 1,
    structured: true,
    left: /[A-Za-z0-9_]/,
    right: /$^/,
    validate: basicAuthHasPassword
  }),
  tokenRule({
    id: 'http-bearer-token',
    description: 'Bearer or token credential in an Authorization header',
    keywords: ['bearer ', '"token ', "'token ", ': token '],
    pattern: '(?:Bearer|Token) +([A-Za-z0-9_.~+/-]{20,2000}=*)',
    flags: 'i',
    near: true,
    back: 2,
    after: 2100,
    group: 1,
    structured: true,
    left: /[A-Za-z0-9]/,
    right: /[A-Za-z0-9_.~+/=-]/,
    validate: v =>
      entropy(v) >= 3.5 &&
      /[0-9]/.test(v) &&
      /[A-Za-z]/.test(v) &&
      !isPlaceholder(v) &&
      !/^eyJ/.test(v) &&
      !/^(?:gh[pousr]_|npm_|github_pat_)/.test(v)
  }),
  tokenRule({
    id: 'cli-credentials',
    description: 'Password on a command line (curl -u, mysql -p, sshpass -p)',
    keywords: ['curl ', 'mysql', 'mysqldump', 'mysqladmin', 'mariadb', 'sshpass', 'wget ', ' login '],
    pattern:
      '(?:(?:curl|wget)\\b[^\\n|;&]{0,200}?\\s(?:-u|--user|--http-password)[ =]?["\']?[^\\s:"\']{1,100}:|(?:curl|wget)\\b[^\\n|;&]{0,200}?\\s--(?:http-)?password[ =]["\']?|(?:mysql|mysqldump|mysqladmin|mariadb)\\b[^\\n|;&]{0,200}?\\s-p|sshpass\\s+-p\\s*["\']?|(?:docker|podman|helm|oras|buildah|skopeo)\\s+(?:registry\\s+)?login\\b[^\\n|;&]{0,200}?\\s(?:-p|--password)[ =]["\']?)([^\\s"\'$`]{4,200})',
    back: 12,
    near: true,
    after: 400,
    group: 1,
    right: /$^/,
    left: /$^/,
    validate: v => !isPlaceholder(v) && !isLookup(v) && !WEAK_URL_PASSWORDS.test(v) && !/^[-<{[]/.test(v)
  }),
  tokenRule({
    id: 'plaintext-credential',
    description:
      'Password in plain text given to a credential API (PowerShell ConvertTo-SecureString -AsPlainText, NetworkCredential, HTTPBasicAuth)',
    keywords: [
      'convertto-securestring',
      'networkcredential',
      'httpbasicauth',
      'httpdigestauth',
      'passwordauthentication',
      'usernamepasswordcredentials',
      'auth=(',
      'auth = ('
    ],
    // ConvertTo-SecureString [-String] "v" (-AsPlainText on the line); Api("user" or user, "v"); auth=("user", "v")
    pattern: String.raw`(?:ConvertTo-SecureString(?:[ \t]{1,20}-(?:AsPlainText|Force|String)\b){0,3}[ \t]{1,20}|(?:System\.Net\.)?(?:NetworkCredential|HTTPBasicAuth|HTTPDigestAuth|PasswordAuthentication|UsernamePasswordCredentials|auth)[ \t]*(?:=[ \t]*)?\([ \t]*(?:(["'])[^"'\r\n]{0,100}\1|[\w.$]{1,60})[ \t]*,[ \t]*)(["'])([^"'\r\n]{1,200})\2`,
    flags: 'i',
    group: 3,
    left: /$^/,
    right: /$^/,
    context: (text, start) =>
      !/^ConvertTo-SecureString/i.test(text.slice(start, start + 22)) ||
      /-AsPlainText\b/i.test(text.slice(start, Math.min(text.length, start + 400)).split('\n')[0]),
    // judged as a password: `("user", "somepassword")`, `(129, "serverAuth", ...)` are not
    validate: v =>
      !isLookup(v) &&
      !WEAK_URL_PASSWORDS.test(v) &&
      plausiblePassword(v, { name: 'password', words: ['password'], value: v, valueStart: 0, quoted: true })
  })
]

export const samples: Samples = {
  positive: g => [
    { rule: 'jwt', text: `const t = "${g.jwt({ sub: g.digits(6), exp: 1700000000 })}"\n` },
    { rule: 'jwt', text: `Authorization: Bearer ${g.jwt({ sub: 'svc', role: 'admin' })}\n` },
    { rule: 'jwt', text: `token: eyJ${g.b64url(30)}.eyJ${g.b64url(60)}.${g.b64url(43)}\n` },
    {
      rule: 'database-url-password',
      text: `DATABASE_URL=postgres://app:${g.password(16)}@db.internal:5432/app\n`
    },
    {
      rule: 'database-url-password',
      text: `mongo = "mongodb+srv://svc:${g.b62(20)}@cluster0.example.net/db"\n`
    },
    // the schemes with an optional letter (rediss?, amqps?, couchdbs?) are keywords too
    { rule: 'database-url-password', text: `cache: rediss://default:${g.b62(24)}@cache.internal:6380\n` },
    { rule: 'database-url-password', text: `BROKER=amqp://jobs:${g.password(18)}@mq.internal/vhost\n` },
    { rule: 'url-password', text: `proxy = http://user:${g.b62(14)}@proxy.corp:3128\n` },
    {
      rule: 'url-password',
      text: `git remote add origin https://deploy:${g.b62(20)}@git.example.org/repo.git\n`
    },
    { rule: 'url-password', text: `    "ftp://backup:${g.password(12)}@files.example.com/out"\n` },
    {
      rule: 'http-basic-auth',
      text: `Authorization: Basic ${Buffer.from(`admin:${g.password(14)}`).toString('base64')}\n`
    },
    {
      rule: 'http-basic-auth',
      text: `headers = {"auth": "basic ${Buffer.from(`svc:${g.b62(18)}`).toString('base64')}"}\n`
    },
    {
      rule: 'http-bearer-token',
      text: `curl -H "Authorization: Bearer ${g.b62(40)}" https://api.example.com\n`
    },
    { rule: 'http-bearer-token', text: `headers: { Authorization: 'token ${g.b62(40)}' }\n` },
    { rule: 'cli-credentials', text: `curl -u admin:${g.password(12)} https://ci.example.com/api\n` },
    {
      rule: 'cli-credentials',
      file: 'backup.sh',
      text: `mysqldump -u root -p${g.password(12)} app > dump.sql\n`
    },
    { rule: 'cli-credentials', text: `docker login -u deploy -p ${g.password(14)} registry.example.com\n` },
    { rule: 'cli-credentials', text: `sshpass -p '${g.password(12)}' ssh deploy@host\n` },
    {
      rule: 'docker-config-auth',
      file: '.docker/config.json',
      text: `{\n  "auths": {\n    "registry.example.com": {\n      "auth": "${Buffer.from(`deploy:${g.password(16)}`).toString('base64')}"\n    }\n  }\n}\n`
    },
    {
      rule: 'plaintext-credential',
      file: 'setup.ps1',
      text: `$secure = ConvertTo-SecureString "${g.password(14)}" -AsPlainText -Force\n`
    },
    {
      rule: 'plaintext-credential',
      file: 'setup.ps1',
      text: `$cred = [pscredential]::new('svc', (ConvertTo-SecureString -String '${g.password(12)}' -AsPlainText -Force))\n`
    },
    {
      rule: 'plaintext-credential',
      file: 'Mailer.cs',
      text: `client.Credentials = new NetworkCredential("mailer", "${g.password(14)}");\n`
    },
    {
      rule: 'plaintext-credential',
      file: 'client.py',
      text: `r = requests.get(url, auth=HTTPBasicAuth("svc", "${g.password(14)}"))\n`
    },
    {
      rule: 'plaintext-credential',
      file: 'es.py',
      text: `es = Elasticsearch(hosts, http_auth=("elastic", "${g.b62(20)}"))\n`
    }
  ],
  negative: () => [
    'DATABASE_URL=postgres://user:password@localhost:5432/db\n',
    'url = "postgres://${DB_USER}:${DB_PASSWORD}@${DB_HOST}/app"\n',
    'see https://example.com/docs and mailto:user@example.com\n',
    'const url = `https://${user}:${pass}@${host}`\n',
    'Authorization: Basic <base64 of user:password>\n',
    'Authorization: Bearer $TOKEN\n',
    'curl -u "$USER:$PASSWORD" https://ci.example.com\n',
    'mysql -u root -p\n',
    '{"auths": {"registry.example.com": {"auth": "dXNlcjpwYXNzd29yZA=="}}}\n',
    '{"auths": {"registry.example.com": {"auth": ""}}, "credsStore": "desktop"}\n',
    // PowerShell and credential APIs fed from elsewhere
    '$secure = ConvertTo-SecureString $env:DB_PASSWORD -AsPlainText -Force\n',
    '$secure = ConvertTo-SecureString "$plain" -AsPlainText -Force\n',
    '$secure = ConvertTo-SecureString "<password>" -AsPlainText -Force\n',
    '$secure = Read-Host -AsSecureString "Password"\n',
    '$enc = ConvertTo-SecureString "76492d1116743f0423413b16050a5345" -Key $key\n',
    'var c = new NetworkCredential(user, password);\n',
    'auth = HTTPBasicAuth("user", "pass")\n',
    'r = requests.get(url, auth=(os.environ["U"], os.environ["P"]))\n',
    "// a JWT's shape: header.payload.signature\n",
    'const example = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"\n'
  ]
}
