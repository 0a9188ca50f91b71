// The built-in rules, most specific first: where two rules find the same text, the earlier one names it.
import { hasValidChecksum } from './checksums.js'
import { entropy } from './entropy.js'
import { isLookup, isPlaceholder } from './filters.js'
import {
  assignmentRule,
  plausiblePassword,
  plausibleToken,
  tokenRule,
  type Assignment,
  type Rule,
  type ScanEnv
} from './rule-kit.js'

export type { Candidate, Rule, ScanEnv } from './rule-kit.js'

const last = (w: string[]): string => w[w.length - 1] ?? ''
const has = (w: string[], ...any: string[]): boolean => w.some(x => any.includes(x))
const joined = (w: string[]): string => w.join('')

const PASSWORD_WORDS = ['password', 'passwd', 'pwd', 'pass', 'passphrase', 'passcode', 'pword']
const TOKEN_WORDS = ['token', 'authtoken', 'accesstoken', 'apitoken', 'bearertoken', 'refreshtoken']
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
  'public publishable primary foreign sort partition cache map object hash unique index row group dict lookup registry item translation i18n react vue list child parent node route query cursor idempotency composite dedupe dedup storage state local event message field column table property prop attr meta env config setting settings option options label shortcut hot keyboard key id name type value data the a this my react use'.split(
    ' '
  )
)
// words after the secret word that still name the secret itself
const SUFFIXES = ['value', 'base', 'str', 'string', 'b64', 'base64', 'hex', 'raw', 'plain', 'plaintext']

/** The secret word the name ends with, if any. */
function secretKind(words: string[]): 'password' | 'token' | 'key' | 'secret' | undefined {
  let w = words
  if (w.some(x => x === 'public' || x === 'publishable' || x === 'example' || x === 'sample'))
    return undefined
  if (w.length > 1 && SUFFIXES.includes(last(w))) w = w.slice(0, -1)
  const l = last(w)
  if (PASSWORD_WORDS.includes(l)) return 'password'
  if (TOKEN_WORDS.includes(l)) return 'token'
  if (SECRET_WORDS.includes(l)) return 'secret'
  if (KEY_SINGLE.includes(l)) return 'key'
  if (l === 'key' && w.length >= 2 && !NOT_SECRET_KEY.has(w[w.length - 2])) return 'key'
  return undefined
}

const GENERIC_PASSWORD_KEYWORDS = [
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'passcode',
  '_pass',
  'pass=',
  'pass:'
]
const GENERIC_TOKEN_KEYWORDS = ['token']
const GENERIC_KEY_KEYWORDS = [
  'apikey',
  'api_key',
  'api-key',
  'accesskey',
  'access_key',
  'privatekey',
  'private_key',
  '_key',
  '-key',
  'key"',
  "key'",
  'key=',
  'key:',
  'authkey',
  'signingkey',
  'masterkey',
  'secretkey',
  'appkey'
]
const GENERIC_SECRET_KEYWORDS = ['secret', 'credential', 'creds']

function jsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** A JWT is a credential while it is valid (signed, not expired), or when its claims hold a secret. */
function jwtCarriesSecret(token: string, env: ScanEnv): boolean {
  const [h, p, sig] = token.split('.')
  const header = jsonPart(h)
  const payload = jsonPart(p)
  if (!header || !payload || typeof header.alg !== 'string' || header.alg.toLowerCase() === 'none')
    return false
  if (!sig || sig.length < 16) return false
  if (payload.sub === '1234567890' && payload.name === 'John Doe') return false // the jwt.io sample
  const secretClaim = Object.keys(payload).some(k => /pass|secret|api.?key|private|credential/i.test(k))
  if (typeof payload.exp === 'number' && payload.exp * 1000 < env.now.getTime()) return secretClaim
  return true
}

/** The base64 body of a PEM block, without headers, line breaks and string quoting. */
function pemBody(raw: string): string | undefined {
  if (/\.\.\.|<|xxxx|\*\*\*/i.test(raw)) return undefined
  const lines = raw
    .replace(/\\r|\\n/g, '\n')
    .split(/\r?\n/)
    .filter(l => !l.includes(':'))
  const body = lines.join('').replace(/[^A-Za-z0-9+/=]/g, '')
  if (body.length < 64 || entropy(body) < 4) return undefined
  return body
}

function basicAuthHasPassword(encoded: string): boolean {
  const text = Buffer.from(encoded, 'base64').toString('latin1')
  const i = text.indexOf(':')
  if (i <= 0 || !/^[\x20-\x7e]+$/.test(text)) return false
  const pw = text.slice(i + 1)
  return pw.length >= 4 && !isPlaceholder(pw) && !isLookup(pw)
}

const hexVariants = (p: string): string[] => [...'0123456789abcdef'].map(c => p + c)

const githubToken = (id: string, prefix: string, what: string): Rule =>
  tokenRule({
    id,
    description: `GitHub ${what}`,
    keywords: [prefix],
    caseSensitive: true,
    pattern: `${prefix}[A-Za-z0-9]{36}`,
    structured: true,
    validate: t => hasValidChecksum(t, prefix.length)
  })

const ASSIGN_KEY_END = ['key', 'apikey', 'token', 'secret', 'accesskey', 'secretkey', 'authtoken']

export const RULES: Rule[] = [
  // ---------------------------------------------------------------- private keys and cloud providers
  tokenRule({
    id: 'gcp-service-account',
    description: 'Google Cloud service-account key (JSON with a private key)',
    keywords: ['"private_key"'],
    pattern: `"private_key"\\s*:\\s*"(-----BEGIN[A-Z ]{0,20} PRIVATE KEY-----[A-Za-z0-9+/=\\\\]{64,8000}?-----END[A-Z ]{0,20} PRIVATE KEY-----(?:\\\\n)?)"`,
    after: 9000,
    structured: true,
    left: /[^\s{,[]/,
    right: /[^\s,}\]]/,
    validate: s => pemBody(s.replace(/-----[A-Z ]+-----/g, '')) !== undefined,
    normalize: s => pemBody(s.replace(/-----[A-Z ]+-----/g, '')) ?? s
  }),
  tokenRule({
    id: 'private-key',
    description: 'Private key (PEM, OpenSSH, PGP)',
    keywords: ['PRIVATE KEY'],
    caseSensitive: true,
    pattern:
      '-----BEGIN[A-Z0-9 ]{0,30} PRIVATE KEY(?: BLOCK)?-----([\\s\\S]{64,16000}?)-----END[A-Z0-9 ]{0,30} PRIVATE KEY',
    back: 60,
    after: 17000,
    group: 1,
    structured: true,
    left: /[A-Za-z0-9]/,
    right: /[A-Za-z0-9]/,
    validate: s => pemBody(s) !== undefined,
    normalize: s => pemBody(s) ?? s
  }),
  tokenRule({
    id: 'aws-access-key-id',
    description: 'AWS access key ID',
    keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'],
    caseSensitive: true,
    pattern: '(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}'
  }),
  assignmentRule({
    id: 'aws-secret-access-key',
    description: 'AWS secret access key',
    keywords: [
      'secretaccesskey',
      'secret_access_key',
      'secret-access-key',
      'aws_secret',
      'awssecret',
      'aws-secret'
    ],
    name: (w, n) =>
      /secret[_.-]?access[_.-]?key$|aws[_.-]?secret(?:[_.-]?access)?[_.-]?key$/i.test(n) && w.length > 0,
    value: v => /^[A-Za-z0-9/+]{40}$/.test(v) && entropy(v) >= 3.5
  }),
  tokenRule({
    id: 'gcp-api-key',
    description: 'Google Cloud API key',
    keywords: ['AIza'],
    caseSensitive: true,
    pattern: 'AIza[0-9A-Za-z_-]{35}'
  }),
  tokenRule({
    id: 'google-oauth-client-secret',
    description: 'Google OAuth client secret',
    keywords: ['GOCSPX-'],
    caseSensitive: true,
    pattern: 'GOCSPX-[A-Za-z0-9_-]{28}'
  }),
  tokenRule({
    id: 'azure-storage-connection-string',
    description: 'Azure storage account key in a connection string',
    keywords: ['accountkey='],
    pattern: '[Aa]ccount[Kk]ey=([A-Za-z0-9+/]{86}==)',
    group: 1,
    left: /[A-Za-z0-9]/,
    right: /[A-Za-z0-9+/=]/
  }),
  assignmentRule({
    id: 'azure-storage-account-key',
    description: 'Azure storage account key',
    keywords: [
      'azure',
      'storage_key',
      'storagekey',
      'storage-key',
      'storage_account_key',
      'storageaccountkey'
    ],
    name: w => (has(w, 'azure', 'storage') || joined(w).includes('storageaccount')) && /key$/.test(last(w)),
    value: v => /^[A-Za-z0-9+/]{86}==$/.test(v)
  }),
  tokenRule({
    id: 'azure-sas-connection-string',
    description: 'Azure Service Bus / Event Hubs / IoT shared access key',
    keywords: ['sharedaccesskey='],
    pattern: '[Ss]hared[Aa]ccess[Kk]ey=([A-Za-z0-9+/]{42,43}=)',
    group: 1,
    left: /[A-Za-z0-9]/,
    right: /[A-Za-z0-9+/=]/
  }),
  tokenRule({
    id: 'azure-sas-token',
    description: 'Azure shared access signature in a URL',
    keywords: ['.core.windows.net'],
    pattern: '\\.core\\.windows\\.net/[^\\s"\'<>]{0,300}?[?&]sig=([A-Za-z0-9%+/=]{30,120})',
    group: 1,
    left: /$^/,
    right: /[A-Za-z0-9%+/=]/
  }),
  tokenRule({
    id: 'azure-ad-client-secret',
    description: 'Azure AD (Entra ID) application client secret',
    keywords: ['Q~'],
    caseSensitive: true,
    pattern: '[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}',
    back: 6,
    after: 40,
    left: /[A-Za-z0-9_~.-]/,
    right: /[A-Za-z0-9_~.-]/
  }),
  // ---------------------------------------------------------------- forges and package registries
  githubToken('github-pat', 'ghp_', 'personal access token (classic)'),
  githubToken('github-oauth-token', 'gho_', 'OAuth access token'),
  githubToken('github-user-token', 'ghu_', 'App user-to-server token'),
  githubToken('github-app-token', 'ghs_', 'App installation / Actions token'),
  githubToken('github-refresh-token', 'ghr_', 'refresh token'),
  tokenRule({
    id: 'github-fine-grained-pat',
    description: 'GitHub fine-grained personal access token',
    keywords: ['github_pat_'],
    caseSensitive: true,
    pattern: 'github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}'
  }),
  tokenRule({
    id: 'gitlab-pat',
    description: 'GitLab personal, project or group access token',
    keywords: ['glpat-'],
    caseSensitive: true,
    pattern: 'glpat-[A-Za-z0-9_.-]{20,80}'
  }),
  tokenRule({
    id: 'gitlab-runner-token',
    description: 'GitLab runner token',
    keywords: ['glrt-', 'GR1348941'],
    caseSensitive: true,
    pattern: '(?:glrt-|GR1348941)[A-Za-z0-9_.-]{20,80}'
  }),
  tokenRule({
    id: 'gitlab-pipeline-trigger-token',
    description: 'GitLab pipeline trigger token',
    keywords: ['glptt-'],
    caseSensitive: true,
    pattern: 'glptt-[a-f0-9]{40}'
  }),
  tokenRule({
    id: 'gitlab-deploy-token',
    description: 'GitLab deploy token',
    keywords: ['gldt-'],
    caseSensitive: true,
    pattern: 'gldt-[A-Za-z0-9_-]{20,80}'
  }),
  tokenRule({
    id: 'npm-token',
    description: 'npm access token',
    keywords: ['npm_'],
    caseSensitive: true,
    pattern: 'npm_[A-Za-z0-9]{36}',
    structured: true,
    validate: t => hasValidChecksum(t, 4)
  }),
  tokenRule({
    id: 'npmrc-auth-token',
    description: 'npm registry auth token in .npmrc',
    keywords: ['_authtoken'],
    pattern: '_authToken\\s*=\\s*([^\\s\'"]{8,300})',
    flags: 'i',
    group: 1,
    left: /$^/,
    right: /$^/,
    validate: v => !isLookup(v) && !/^(?:npm_|gh[pousr]_)/.test(v)
  }),
  tokenRule({
    id: 'pypi-token',
    description: 'PyPI upload token',
    keywords: ['pypi-AgEIcHlwaS5vcmc'],
    caseSensitive: true,
    pattern: 'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,300}'
  }),
  // ---------------------------------------------------------------- messaging
  tokenRule({
    id: 'slack-bot-token',
    description: 'Slack bot token',
    keywords: ['xoxb-'],
    caseSensitive: true,
    pattern: 'xoxb-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{20,40}'
  }),
  tokenRule({
    id: 'slack-user-token',
    description: 'Slack user token',
    keywords: ['xoxp-'],
    caseSensitive: true,
    pattern: 'xoxp-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{28,40}'
  }),
  tokenRule({
    id: 'slack-app-token',
    description: 'Slack app-level token',
    keywords: ['xapp-'],
    caseSensitive: true,
    pattern: 'xapp-[0-9]-[A-Z0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{32,80}'
  }),
  tokenRule({
    id: 'slack-token',
    description: 'Slack legacy, refresh or configuration token',
    keywords: ['xoxa-', 'xoxo-', 'xoxr-', 'xoxs-', 'xoxe-', 'xoxe.'],
    caseSensitive: true,
    pattern: 'xox(?:[aors]|e\\.xox[bp]|e)-[0-9]{1,14}-[A-Za-z0-9-]{20,250}'
  }),
  tokenRule({
    id: 'slack-webhook',
    description: 'Slack incoming webhook URL',
    keywords: ['hooks.slack.com/'],
    pattern:
      'hooks\\.slack\\.com/(?:services|workflows|triggers)/(T[A-Z0-9]{6,12}/[AB][A-Z0-9]{6,14}/[A-Za-z0-9]{20,32})',
    group: 1,
    left: /$^/,
    right: /[A-Za-z0-9]/
  }),
  tokenRule({
    id: 'discord-webhook',
    description: 'Discord webhook URL',
    keywords: ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'],
    pattern: 'discord(?:app)?\\.com/api/webhooks/([0-9]{17,20}/[A-Za-z0-9_-]{60,70})',
    group: 1,
    left: /$^/
  }),
  tokenRule({
    id: 'discord-bot-token',
    description: 'Discord bot token',
    keywords: ['discord'],
    pattern: '[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40}',
    near: true,
    back: 200,
    after: 300,
    left: /[A-Za-z0-9_.-]/,
    right: /[A-Za-z0-9_.-]/
  }),
  tokenRule({
    id: 'telegram-bot-token',
    description: 'Telegram bot token',
    keywords: [':AA'],
    caseSensitive: true,
    pattern: '[0-9]{8,10}:AA[A-Za-z0-9_-]{33}',
    back: 11,
    after: 40,
    left: /[0-9]/,
    right: /[A-Za-z0-9_-]/
  }),
  tokenRule({
    id: 'twilio-api-key',
    description: 'Twilio API key SID',
    keywords: [...hexVariants('SK'), ...'ABCDEF'.split('').map(c => 'SK' + c)],
    caseSensitive: true,
    pattern: 'SK[0-9a-fA-F]{32}',
    left: /[A-Za-z0-9]/,
    right: /[A-Za-z0-9]/
  }),
  assignmentRule({
    id: 'twilio-auth-token',
    description: 'Twilio auth token',
    keywords: ['twilio'],
    name: w => has(w, 'twilio') && has(w, 'auth', 'token', 'secret', 'authtoken'),
    value: v => /^[a-f0-9]{32}$/.test(v)
  }),
  tokenRule({
    id: 'sendgrid-api-key',
    description: 'SendGrid API key',
    keywords: ['SG.'],
    caseSensitive: true,
    pattern: 'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}'
  }),
  tokenRule({
    id: 'mailgun-api-key',
    description: 'Mailgun API key',
    keywords: ['key-'],
    caseSensitive: true,
    pattern: 'key-[0-9a-f]{32}',
    left: /[A-Za-z0-9_-]/
  }),
  assignmentRule({
    id: 'mailgun-signing-key',
    description: 'Mailgun API or webhook signing key',
    keywords: ['mailgun'],
    name: w => has(w, 'mailgun') && /key$|secret$/.test(last(w)),
    value: v => /^[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}$|^[0-9a-f]{32}$/.test(v)
  }),
  // ---------------------------------------------------------------- payments, AI, SaaS
  tokenRule({
    id: 'stripe-secret-key',
    description: 'Stripe secret or restricted key',
    keywords: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'],
    caseSensitive: true,
    pattern: '[rs]k_(?:live|test)_[A-Za-z0-9]{20,247}'
  }),
  tokenRule({
    id: 'stripe-webhook-secret',
    description: 'Stripe webhook signing secret',
    keywords: ['whsec_'],
    caseSensitive: true,
    pattern: 'whsec_[A-Za-z0-9+/=]{32,100}'
  }),
  tokenRule({
    id: 'openai-api-key',
    description: 'OpenAI API key',
    keywords: ['T3BlbkFJ', 'sk-proj-', 'sk-svcacct-', 'sk-admin-'],
    caseSensitive: true,
    pattern:
      'sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,200}T3BlbkFJ[A-Za-z0-9_-]{16,200}|sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,250}',
    back: 210,
    after: 420
  }),
  tokenRule({
    id: 'anthropic-api-key',
    description: 'Anthropic API key',
    keywords: ['sk-ant-'],
    caseSensitive: true,
    pattern: 'sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,120}'
  }),
  tokenRule({
    id: 'huggingface-token',
    description: 'Hugging Face access token',
    keywords: ['hf_'],
    caseSensitive: true,
    pattern: 'hf_[A-Za-z]{34}',
    validate: t => /[A-Z]/.test(t.slice(3)) && /[a-z]/.test(t.slice(3))
  }),
  tokenRule({
    id: 'digitalocean-token',
    description: 'DigitalOcean access, OAuth or refresh token',
    keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    caseSensitive: true,
    pattern: 'do[opr]_v1_[a-f0-9]{64}'
  }),
  tokenRule({
    id: 'vault-token',
    description: 'HashiCorp Vault token',
    keywords: ['hvs.', 'hvb.', 'hvr.'],
    caseSensitive: true,
    pattern: 'hv[sbr]\\.[A-Za-z0-9_-]{24,400}',
    left: /[A-Za-z0-9_.-]/
  }),
  tokenRule({
    id: 'shopify-token',
    description: 'Shopify access token or shared secret',
    keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    caseSensitive: true,
    pattern: 'shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}'
  }),
  assignmentRule({
    id: 'datadog-api-key',
    description: 'Datadog API or application key',
    keywords: ['datadog', 'dd_api', 'dd_app', 'dd-api', 'dd-app', 'ddapi', 'ddapp'],
    name: w =>
      (has(w, 'datadog') || w[0] === 'dd' || /^dd(?:api|app)/.test(w[0] ?? '')) && /key$/.test(last(w)),
    value: v => /^[a-f0-9]{32}$|^[a-f0-9]{40}$/.test(v)
  }),
  tokenRule({
    id: 'databricks-token',
    description: 'Databricks personal access token',
    keywords: ['dapi'],
    caseSensitive: true,
    pattern: 'dapi[a-f0-9]{32}(?:-[0-9])?',
    left: /[A-Za-z0-9]/
  }),
  tokenRule({
    id: 'postman-api-key',
    description: 'Postman API key',
    keywords: ['PMAK-'],
    caseSensitive: true,
    pattern: 'PMAK-[a-f0-9]{24}-[a-f0-9]{34}'
  }),
  tokenRule({
    id: 'age-secret-key',
    description: 'age encryption secret key',
    keywords: ['AGE-SECRET-KEY-1'],
    caseSensitive: true,
    pattern: 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}'
  }),
  // ---------------------------------------------------------------- trading system (the seed checklist)
  assignmentRule({
    id: 'ib-gateway-credentials',
    description: 'Interactive Brokers (IB Gateway / TWS) password or API secret',
    keywords: [
      'tws',
      'ib_pass',
      'ibpass',
      'ib-pass',
      'ib_password',
      'ibkr',
      'ib_gateway',
      'ibgateway',
      'ib-gateway',
      'fixpassword',
      'ibeam',
      'ibc_',
      'ibg_',
      'ib_api',
      'ib_secret'
    ],
    name: w => {
      const j = joined(w)
      const ib =
        ['tws', 'ib', 'ibkr', 'ibg', 'ibc', 'ibeam', 'fix'].includes(w[0] ?? '') ||
        j.includes('ibgateway') ||
        /^(?:tws|ibkr|ib)(?:password|pass|pwd)/.test(j)
      return (
        ib &&
        (PASSWORD_WORDS.includes(last(w)) ||
          ['secret', 'token', 'apikey', 'twspassword', 'ibpassword', 'ibkrpassword'].includes(last(w)) ||
          (last(w) === 'key' && has(w, 'api')))
      )
    },
    value: v => v.length >= 4 && v.length <= 200 && !/\s/.test(v) && !isPlaceholder(v)
  }),
  assignmentRule({
    id: 'alpha-vantage-api-key',
    description: 'Alpha Vantage API key',
    keywords: ['alphavantage', 'alpha_vantage', 'alpha-vantage', 'alpha.vantage', 'av_api_key', 'av-api-key'],
    name: w => {
      const j = joined(w)
      return (
        (j.includes('alphavantage') || j.startsWith('avapikey')) &&
        (/key$|token$|secret$/.test(last(w)) || j.endsWith('key'))
      )
    },
    value: v =>
      /^[A-Za-z0-9]{12,40}$/.test(v) && /[0-9]/.test(v) && /[A-Za-z]/.test(v) && v.toLowerCase() !== 'demo'
  }),
  tokenRule({
    id: 'alpha-vantage-url-key',
    description: 'Alpha Vantage API key in a query URL',
    keywords: ['alphavantage.co/'],
    pattern: 'alphavantage\\.co/query\\?[^\\s"\'<>]{0,300}?apikey=([A-Za-z0-9]{12,40})',
    group: 1,
    left: /$^/,
    right: /[A-Za-z0-9]/,
    validate: v => /[0-9]/.test(v) && /[A-Za-z]/.test(v)
  }),
  assignmentRule({
    id: 'market-data-api-key',
    description:
      'Market-data API key (Polygon, Finnhub, IEX Cloud, Tiingo, Twelve Data, Nasdaq Data Link, FMP, Alpaca, OANDA...)',
    keywords: [
      'polygon',
      'finnhub',
      'iex',
      'tiingo',
      'twelvedata',
      'twelve_data',
      'quandl',
      'nasdaq',
      'fmp',
      'financialmodelingprep',
      'marketstack',
      'eodhd',
      'intrinio',
      'alpaca',
      'oanda',
      'binance',
      'coinbase',
      'kraken',
      'tradier',
      'databento'
    ],
    name: w => {
      const j = joined(w)
      return (
        /polygon|finnhub|iex|tiingo|twelvedata|quandl|nasdaq|fmp|financialmodelingprep|marketstack|eodhd|intrinio|alpaca|oanda|binance|coinbase|kraken|tradier|databento/.test(
          j
        ) && ASSIGN_KEY_END.includes(last(w))
      )
    },
    value: (v, a) => plausibleToken(v, a, 16)
  }),
  assignmentRule({
    id: 'encryption-key',
    description: 'Database or data encryption key',
    keywords: [
      'encrypt',
      'cipher',
      'fernet',
      'aes_key',
      'aeskey',
      'aes-key',
      'aes256',
      'master_key',
      'masterkey',
      'master-key',
      'pgcrypto',
      'crypt_key',
      'cryptkey',
      'dek_',
      'kek_'
    ],
    name: w => {
      const j = joined(w)
      const crypto =
        has(
          w,
          'encryption',
          'encrypt',
          'cipher',
          'fernet',
          'aes',
          'aes256',
          'master',
          'pgcrypto',
          'sqlcipher',
          'crypt',
          'dek',
          'kek'
        ) || /encrypt|cipher|crypt/.test(j)
      return (
        crypto &&
        ['key', 'secret', 'passphrase', 'password', 'masterkey', 'aeskey', 'encryptionkey'].includes(last(w))
      )
    },
    value: (v, a) => plausibleToken(v, a, 16)
  }),
  // ---------------------------------------------------------------- structured credentials in text
  tokenRule({
    id: 'jwt',
    description: 'JSON Web Token that is still valid or carries a secret',
    keywords: ['eyJ'],
    caseSensitive: true,
    pattern: 'eyJ[A-Za-z0-9_-]{8,2000}\\.eyJ[A-Za-z0-9_-]{8,4000}\\.[A-Za-z0-9_-]{16,1000}',
    structured: true,
    left: /[A-Za-z0-9_.-]/,
    right: /[A-Za-z0-9_.-]/,
    validate: jwtCarriesSecret
  }),
  tokenRule({
    id: 'database-url-password',
    description: 'Database URL with a password',
    keywords: [
      'postgres',
      'mysql',
      'mongodb',
      'redis',
      'amqp',
      'mssql',
      'mariadb',
      'sqlserver',
      'clickhouse',
      'cockroachdb',
      'oracle',
      'couchdb',
      'neo4j',
      'rabbitmq',
      'memcached'
    ],
    pattern:
      '(?:postgres(?:ql)?|mysql|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|mariadb|sqlserver|clickhouse|cockroachdb|oracle|couchdbs?|neo4j(?:\\+s)?|rabbitmq|memcached)(?:\\+[a-z0-9]+)?://([^\\s:@/\'"<>]{0,100}):([^\\s@/\'"<>]{1,200})@[^\\s/\'"<>]{1,200}',
    flags: 'i',
    group: 2,
    structured: true,
    left: /[A-Za-z0-9]/,
    right: /$^/,
    validate: v =>
      v.length >= 4 &&
      !isPlaceholder(decodeURIComponentSafe(v)) &&
      !isLookup(v) &&
      !/^(?:pass|passwd|pwd|secret|password\d*|postgres|mysql|root|admin|guest|user|test)$/i.test(v)
  }),
  tokenRule({
    id: 'http-basic-auth',
    description: 'HTTP Basic credentials in an Authorization header',
    keywords: ['authorization'],
    pattern: 'Authorization["\']?\\s*[:=,]\\s*["\']?Basic\\s+([A-Za-z0-9+/]{8,400}={0,2})',
    flags: 'i',
    group: 1,
    structured: true,
    left: /[A-Za-z0-9]/,
    right: /[A-Za-z0-9+/=]/,
    validate: basicAuthHasPassword
  }),
  tokenRule({
    id: 'http-bearer-token',
    description: 'Bearer token in an Authorization header',
    keywords: ['bearer '],
    pattern: 'Bearer +([A-Za-z0-9_.~+/-]{20,2000}=*)',
    flags: 'i',
    group: 1,
    left: /[A-Za-z0-9]/,
    right: /[A-Za-z0-9_.~+/=-]/,
    validate: v =>
      entropy(v) >= 3.5 &&
      /[0-9]/.test(v) &&
      /[A-Za-z]/.test(v) &&
      !/^eyJ/.test(v) &&
      !/^(?:gh[pousr]_|npm_|github_pat_)/.test(v)
  }),
  // ---------------------------------------------------------------- generic assignments
  assignmentRule({
    id: 'generic-password',
    description: 'Password assigned a literal value',
    keywords: GENERIC_PASSWORD_KEYWORDS,
    generic: true,
    name: w => secretKind(w) === 'password',
    value: plausiblePassword
  }),
  assignmentRule({
    id: 'generic-api-key',
    description: 'API key assigned a literal value',
    keywords: GENERIC_KEY_KEYWORDS,
    generic: true,
    name: w => secretKind(w) === 'key',
    value: (v: string, a: Assignment) => plausibleToken(v, a)
  }),
  assignmentRule({
    id: 'generic-token',
    description: 'Token assigned a literal value',
    keywords: GENERIC_TOKEN_KEYWORDS,
    generic: true,
    name: w => secretKind(w) === 'token',
    value: (v: string, a: Assignment) => plausibleToken(v, a)
  }),
  assignmentRule({
    id: 'generic-secret',
    description: 'Secret or credential assigned a literal value',
    keywords: GENERIC_SECRET_KEYWORDS,
    generic: true,
    name: w => secretKind(w) === 'secret',
    value: (v: string, a: Assignment) => plausibleToken(v, a, 10)
  })
]

function decodeURIComponentSafe(v: string): string {
  try {
    return decodeURIComponent(v)
  } catch {
    return v
  }
}

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map(r => r.id))
