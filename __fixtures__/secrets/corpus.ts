// A corpus built at run time: one planted credential per rule and decoys of every kind that must not be
// reported. Nothing here is a real credential; the values are random and exist only during the test run.
import { crc32 } from 'node:zlib'

// Seeded, so that a run can be repeated: CI uses the default seed; SECRETS_CORPUS_SEED=N draws another
// corpus (try many to look for misses). The values are still made at run time, never committed.
export const CORPUS_SEED = Number(process.env.SECRETS_CORPUS_SEED ?? 20261124) >>> 0
let state = CORPUS_SEED || 1
function next32(): number {
  // mulberry32
  state = (state + 0x6d2b79f5) >>> 0
  let t = state
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return (t ^ (t >>> 14)) >>> 0
}
const randomInt = (max: number): number => next32() % max
const randomBytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => next32() & 0xff))

// No x/X/y/Y: random values then never spell placeholders such as `xxxx` or `your`.
const LOWER = 'abcdefghijklmnopqrstuvwz'
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWZ'
const DIGITS = '0123456789'
const B62 = DIGITS + UPPER + LOWER
const pick = (alphabet: string, n: number): string =>
  Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('')

export const rnd = {
  b62: (n: number) => pick(B62, n),
  hex: (n: number) => pick('0123456789abcdef', n),
  digits: (n: number) => pick('123456789', 1) + pick(DIGITS, n - 1),
  upper: (n: number) => pick(UPPER + DIGITS, n - 2) + pick(UPPER, 1) + pick(DIGITS, 1),
  b32: (n: number) => pick('ABCDEFGHIJKLMNOPQRSTUVWZ234567', n),
  b64: (n: number) => pick(B62 + '+/', n),
  b64url: (n: number) => pick(B62 + '-_', n),
  letters: (n: number) => pick(UPPER, 1) + pick(LOWER, 1) + pick(UPPER + LOWER, n - 2)
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
function base62(value: number): string {
  let out = ''
  let v = value
  do {
    out = BASE62[v % 62] + out
    v = Math.floor(v / 62)
  } while (v > 0)
  return out.padStart(6, '0')
}

/** A token in GitHub's / npm's format with a valid CRC32 checksum (computed here with zlib). */
export function checksummed(prefix: string): string {
  const body = rnd.b62(30)
  return prefix + body + base62(crc32(body))
}

const b64url = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url')

export function jwt(payload: Record<string, unknown>): string {
  return `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}.${rnd.b64url(43)}`
}

export function pemBody(lines = 12): string[] {
  return Array.from({ length: lines }, () => randomBytes(48).toString('base64'))
}

export interface Plant {
  rule: string
  file: string
  /** 1-based line of the secret */
  line: number
  secret: string
}

export interface Corpus {
  files: Record<string, string>
  plants: Plant[]
}

/** Builds the corpus: `files` (path → content) and where each planted secret is. */
export function buildCorpus(now: Date): Corpus {
  const files: Record<string, string[]> = {}
  const plants: Plant[] = []
  const add = (file: string, text: string): number => {
    const lines = (files[file] ??= [`# ${file}`])
    lines.push(...text.split('\n'))
    return lines.length - text.split('\n').length + 1
  }
  const plant = (rule: string, file: string, before: string, secret: string, after = ''): void => {
    const line = add(file, before + secret + after)
    plants.push({ rule, file, line, secret })
  }
  const inYear = Math.floor(now.getTime() / 1000) + 365 * 86400

  plant('aws-access-key-id', 'config/aws.ini', 'aws_access_key_id = ', 'AKIA' + rnd.b32(16))
  plant('aws-secret-access-key', 'config/aws.ini', 'aws_secret_access_key = ', rnd.b64(40))
  plant('gcp-api-key', 'web/maps.js', "const mapsKey = '", 'AIza' + rnd.b64url(35), "'")
  const pk = ['-----BEGIN PRIVATE KEY-----', ...pemBody(), '-----END PRIVATE KEY-----', ''].join('\\n')
  add('keys/sa.json', '{\n  "type": "service_account",\n  "project_id": "trading-prod",')
  plant('gcp-service-account', 'keys/sa.json', '  "private_key": "', pk, '",')
  add('keys/sa.json', '  "client_email": "bot@trading-prod.iam.gserviceaccount.com"\n}')
  plant('google-oauth-client-secret', 'config/oauth.yml', 'google_client: ', 'GOCSPX-' + rnd.b64url(28))
  plant(
    'azure-storage-connection-string',
    'config/azure.env',
    'STORAGE_CONN=DefaultEndpointsProtocol=https;AccountName=tradedata;AccountKey=',
    rnd.b64(86) + '==',
    ';EndpointSuffix=core.windows.net'
  )
  plant('azure-storage-account-key', 'config/azure.env', 'AZURE_STORAGE_KEY=', rnd.b64(86) + '==')
  plant(
    'azure-sas-connection-string',
    'config/azure.env',
    'BUS=Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=',
    rnd.b64(43) + '='
  )
  plant(
    'azure-sas-token',
    'scripts/fetch.sh',
    'curl "https://tradedata.blob.core.windows.net/prices/eod.csv?sv=2022-11-02&sp=r&se=2030-01-01&sig=',
    rnd.b64(43) + '%3D',
    '"'
  )
  plant('azure-ad-client-secret', 'config/azure.env', 'AZ_APP=', rnd.b62(3) + '8Q~' + rnd.b62(34))
  for (const [rule, prefix] of [
    ['github-pat', 'ghp_'],
    ['github-oauth-token', 'gho_'],
    ['github-user-token', 'ghu_'],
    ['github-app-token', 'ghs_'],
    ['github-refresh-token', 'ghr_']
  ])
    plant(rule, '.github/workflows/release.yml', `      GH_${rule.toUpperCase().replace(/-/g, '_')}: `, checksummed(prefix))
  plant(
    'github-fine-grained-pat',
    'scripts/release.sh',
    'export GH=',
    `github_pat_${rnd.b62(22)}_${rnd.b62(59)}`
  )
  plant('gitlab-pat', 'ci/gitlab.env', 'GL=', 'glpat-' + rnd.b62(20))
  plant('gitlab-runner-token', 'ci/runner.toml', 'token = "', 'glrt-' + rnd.b62(20), '"')
  plant('gitlab-pipeline-trigger-token', 'ci/gitlab.env', 'TRIGGER=', 'glptt-' + rnd.hex(40))
  plant('gitlab-deploy-token', 'ci/gitlab.env', 'DEPLOY=', 'gldt-' + rnd.b62(20))
  plant('npm-token', '.npmrc', '//registry.npmjs.org/:_authToken=', checksummed('npm_'))
  plant(
    'npmrc-auth-token',
    'tools/.npmrc',
    '//npm.pkg.github.com/:_authToken=',
    `${rnd.hex(8)}-${rnd.hex(4)}-4${rnd.hex(3)}-a${rnd.hex(3)}-${rnd.hex(12)}`
  )
  plant('pypi-token', 'tools/.pypirc', 'password = ', 'pypi-AgEIcHlwaS5vcmc' + rnd.b64url(70))
  plant(
    'slack-bot-token',
    'alerts/slack.py',
    'SLACK = "',
    `xoxb-${rnd.digits(11)}-${rnd.digits(12)}-${rnd.b62(24)}`,
    '"'
  )
  plant(
    'slack-user-token',
    'alerts/slack.py',
    'USER = "',
    `xoxp-${rnd.digits(11)}-${rnd.digits(11)}-${rnd.digits(12)}-${rnd.hex(32)}`,
    '"'
  )
  plant(
    'slack-app-token',
    'alerts/slack.py',
    'APP = "',
    `xapp-1-A${rnd.upper(10)}-${rnd.digits(13)}-${rnd.hex(64)}`,
    '"'
  )
  plant('slack-token', 'alerts/slack.py', 'LEGACY = "', `xoxs-${rnd.digits(11)}-${rnd.b62(40)}`, '"')
  plant(
    'slack-webhook',
    'alerts/hooks.txt',
    'https://hooks.slack.com/services/',
    `T${rnd.upper(9)}/B${rnd.upper(9)}/${rnd.b62(24)}`
  )
  plant(
    'discord-webhook',
    'alerts/hooks.txt',
    'https://discord.com/api/webhooks/',
    `${rnd.digits(18)}/${rnd.b64url(68)}`
  )
  plant('discord-bot-token', 'alerts/discord.env', 'DISCORD_BOT_TOKEN=', `${Buffer.from(rnd.digits(18)).toString('base64url')}.${rnd.b64url(6)}.${rnd.b64url(38)}`)
  plant('telegram-bot-token', 'alerts/telegram.env', 'TELEGRAM_BOT_TOKEN=', `${rnd.digits(10)}:AA${rnd.b64url(33)}`)
  plant('twilio-api-key', 'alerts/sms.env', 'TWILIO_KEY_SID=', 'SK' + rnd.hex(32))
  plant('twilio-auth-token', 'alerts/sms.env', 'TWILIO_AUTH_TOKEN=', rnd.hex(32))
  plant('sendgrid-api-key', 'alerts/mail.env', 'MAIL=', `SG.${rnd.b64url(22)}.${rnd.b64url(43)}`)
  plant('mailgun-api-key', 'alerts/mail.env', 'MG=', 'key-' + rnd.hex(32))
  plant('mailgun-signing-key', 'alerts/mail.env', 'MAILGUN_SIGNING_KEY=', `${rnd.hex(32)}-${rnd.hex(8)}-${rnd.hex(8)}`)
  plant('stripe-secret-key', 'billing/stripe.ts', "export const stripe = new Stripe('", 'sk_live_' + rnd.b62(24), "')")
  plant('stripe-webhook-secret', 'billing/stripe.ts', "const hook = '", 'whsec_' + rnd.b62(32), "'")
  plant('openai-api-key', 'ml/llm.py', 'client = OpenAI(api_key="', `sk-proj-${rnd.b64url(74)}T3BlbkFJ${rnd.b64url(74)}`, '")')
  plant('anthropic-api-key', 'ml/llm.py', 'claude = Anthropic(api_key="', `sk-ant-api03-${rnd.b64url(93)}AA`, '")')
  plant('huggingface-token', 'ml/hub.py', 'login("', 'hf_' + rnd.letters(34), '")')
  plant('digitalocean-token', 'infra/do.tf', 'token = "', 'dop_v1_' + rnd.hex(64), '"')
  plant('vault-token', 'infra/vault.env', 'VAULT_TOKEN=', 'hvs.' + rnd.b62(90))
  plant('shopify-token', 'shop/app.env', 'SHOP=', 'shpat_' + rnd.hex(32))
  plant('datadog-api-key', 'infra/datadog.env', 'DD_API_KEY=', rnd.hex(32))
  plant('databricks-token', 'ml/databricks.cfg', 'token = ', 'dapi' + rnd.hex(32))
  plant('postman-api-key', 'tools/postman.env', 'POSTMAN=', `PMAK-${rnd.hex(24)}-${rnd.hex(34)}`)
  plant('age-secret-key', 'keys/age.txt', '', 'AGE-SECRET-KEY-1' + pick('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58))
  plant('ib-gateway-credentials', 'ibc/config.ini', 'IbPassword=', rnd.b62(10) + '!')
  plant('ib-gateway-credentials', 'docker/ib.env', 'TWS_PASSWORD=', rnd.b62(12))
  plant('alpha-vantage-api-key', 'data/providers.env', 'ALPHA_VANTAGE_API_KEY=', rnd.upper(16))
  plant(
    'alpha-vantage-url-key',
    'data/fetch.py',
    'URL = "https://www.alphavantage.co/query?function=TIME_SERIES_DAILY&symbol=IBM&apikey=',
    rnd.upper(16),
    '"'
  )
  plant('market-data-api-key', 'data/providers.env', 'POLYGON_API_KEY=', rnd.b62(32))
  plant('encryption-key', 'db/settings.py', 'DB_ENCRYPTION_KEY = "', rnd.b64(43) + '=', '"')
  plant('jwt', 'tests/fixtures/session.txt', 'Cookie: session=', jwt({ sub: rnd.b62(8), role: 'admin', exp: inYear }))
  plant('slack-workflow-webhook', 'alerts/hooks.txt', 'https://hooks.slack.com/workflows/', `T${rnd.upper(8)}/A${rnd.upper(10)}/${rnd.digits(18)}/${rnd.b62(24)}`)
  plant('url-password', 'deploy/proxy.conf', 'proxy = http://build:', rnd.b62(16), '@proxy.corp:3128')
  plant('cli-credentials', 'deploy/backup.sh', 'mysqldump -u root -p', rnd.b62(14), ' app > dump.sql')
  plant('plaintext-credential', 'deploy/setup.ps1', '$pw = ConvertTo-SecureString "', rnd.b62(16), '" -AsPlainText -Force')
  plant('pgpass-password', 'deploy/.pgpass', 'db.internal:5432:trading:trader:', rnd.b62(18))
  const tlsKey = ['-----BEGIN PRIVATE KEY-----', ...pemBody(6), '-----END PRIVATE KEY-----', ''].join('\n')
  plant('private-key-base64', 'k8s/tls-secret.yaml', '  tls.key: ', Buffer.from(tlsKey).toString('base64'))
  plant(
    'docker-config-auth',
    'deploy/docker-config.json',
    '{"auths": {"registry.example.com": {"auth": "',
    Buffer.from(`deploy:${rnd.b62(16)}`).toString('base64'),
    '"}}}'
  )
  // a JWT in code is a credential even when it has expired
  plant('jwt', 'tests/fixtures/session.txt', 'expired: ', jwt({ sub: 'svc', exp: Math.floor(now.getTime() / 1000) - 86400 }))
  add('keys/deploy.pem', '-----BEGIN RSA PRIVATE KEY-----')
  const body = pemBody()
  plants.push({ rule: 'private-key', file: 'keys/deploy.pem', line: 2, secret: body.join('') })
  add('keys/deploy.pem', [...body, '-----END RSA PRIVATE KEY-----'].join('\n'))
  plant('database-url-password', 'docker/app.env', 'DATABASE_URL=postgres://trader:', rnd.b62(16), '@db.internal:5432/trading')
  const basic = Buffer.from(`ops:${rnd.b62(14)}`).toString('base64')
  plant('http-basic-auth', 'scripts/health.sh', 'curl -H "Authorization: Basic ', basic, '" https://api.internal/health')
  plant('http-bearer-token', 'scripts/health.sh', 'curl -H "Authorization: Bearer ', rnd.b62(40), '" https://api.internal/orders')
  plant('generic-password', 'app/config.py', 'password = "', rnd.b62(14), '"')
  plant('generic-api-key', 'app/config.yml', 'api_key: ', rnd.b62(32))
  plant('generic-token', 'app/.env', 'SERVICE_TOKEN=', rnd.b62(32))
  plant('generic-secret', 'app/settings.js', "  clientSecret: '", rnd.b62(24), "',")
  plant('acme-key', 'app/acme.txt', 'id=', 'ACME-' + rnd.hex(20))

  // ---------------------------------------------------------------- decoys: none of these is a finding
  const uuid = `${rnd.hex(8)}-${rnd.hex(4)}-4${rnd.hex(3)}-8${rnd.hex(3)}-${rnd.hex(12)}`
  add(
    'decoys/placeholders.env',
    [
      'password=changeme',
      'API_KEY=xxxxxxxxxxxxxxxxxxxxxxxx',
      'AWS_SECRET_ACCESS_KEY=<your-secret-key>',
      'DB_PASSWORD=${DB_PASSWORD}',
      'GITHUB_TOKEN=YOUR_KEY_HERE',
      'client_secret=your-client-secret-here',
      'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
      'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'GH_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'SLACK_TOKEN=xoxb-your-token',
      'STRIPE_KEY=sk_live_****************',
      'password: ""',
      'token: null',
      'DATABASE_URL=postgres://user:password@localhost:5432/db',
      'DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app',
      'MONGO=mongodb://localhost:27017/trading',
      'ALPHA_VANTAGE_API_KEY=demo',
      'TELEGRAM_BOT_TOKEN=123456789:your-telegram-token'
    ].join('\n')
  )
  add(
    'decoys/lookups.py',
    [
      'import os',
      'password = os.environ["DB_PASSWORD"]',
      "api_key = os.getenv('ALPHA_VANTAGE_API_KEY')",
      'token = settings.TELEGRAM_TOKEN',
      'secret = get_secret("ib/gateway")',
      'DB_ENCRYPTION_KEY = config.encryption_key'
    ].join('\n')
  )
  add(
    'decoys/lookups.js',
    [
      'const token = process.env.GITHUB_TOKEN',
      'const apiKey = import.meta.env.VITE_API_KEY',
      'const password = `${user.password}`',
      'headers.Authorization = `Bearer ${token}`',
      'const tokenizer = new Tokenizer(source)',
      "const passwordPrompt = 'Enter your password'",
      "const token_type = 'bearer'",
      "if (password === 'hunter2') fail()"
    ].join('\n')
  )
  add(
    'decoys/workflow.yml',
    [
      'env:',
      '  GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}',
      '  API_KEY: "{{ secrets.API_KEY }}"',
      '  DB_PASSWORD: vault:secret/data/trading#db_password',
      '  IB_PASSWORD: !vault |',
      `          $ANSIBLE_VAULT;1.1;AES256`,
      `          ${rnd.hex(64)}`,
      'steps:',
      `  - uses: actions/checkout@${rnd.hex(40)}`
    ].join('\n')
  )
  add(
    'decoys/package-lock.json',
    [
      '{',
      '  "packages": {',
      '    "node_modules/js-tokens": {',
      '      "version": "4.0.0",',
      '      "resolved": "https://registry.npmjs.org/js-tokens/-/js-tokens-4.0.0.tgz",',
      `      "integrity": "sha512-${rnd.b64(20)}AKIA${rnd.b32(16)}${rnd.b64(44)}=="`,
      '    },',
      '    "node_modules/secret-sauce": {',
      `      "integrity": "sha512-${rnd.b64(30)}+AIza${rnd.b64url(35)}/${rnd.b64(14)}=="`,
      '    }',
      '  }',
      '}'
    ].join('\n')
  )
  add('decoys/yarn.lock', `"left-pad@^1.3.0":\n  integrity sha1-${rnd.b64(27)}=`)
  add('decoys/go.sum', `github.com/acme/secrets v1.2.3 h1:${rnd.b64(43)}=`)
  add(
    'decoys/ids.yml',
    [
      `request_id: ${uuid}`,
      `session_token: ${uuid}`,
      `commit: ${rnd.hex(40)}`,
      `sha: "${rnd.hex(40)}"`,
      `git_commit_token_hash: ${rnd.hex(64)}`,
      `build: ${rnd.hex(7)}`
    ].join('\n')
  )
  add(
    'decoys/image.html',
    `<img alt="logo" src="data:image/png;base64,${rnd.b64(800)}+AKIA${rnd.b32(16)}/${rnd.b64(200)}ghp_${rnd.b62(36)}${rnd.b64(400)}==">`
  )
  add(
    'decoys/vendor.min.js',
    '!function(e,t){' +
      Array.from(
        { length: 60 },
        (_, i) => `var a${i}=e.token||t.password;e.secret="${rnd.b62(18)}";t.apiKey=a${i};`
      ).join('') +
      '}(window,document);'
  )
  add(
    'decoys/tokens.txt',
    [
      `bad checksum: ghp_${rnd.b62(36)}`,
      `bad checksum: npm_${rnd.b62(36)}`,
      'sample: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      `publishable: pk_live_${rnd.b62(24)}`,
      'pem: -----BEGIN RSA PRIVATE KEY-----\\n...\\n-----END RSA PRIVATE KEY-----',
      '-----BEGIN PUBLIC KEY-----',
      ...pemBody(4),
      '-----END PUBLIC KEY-----'
    ].join('\n')
  )
  return { files: Object.fromEntries(Object.entries(files).map(([f, l]) => [f, l.join('\n') + '\n'])), plants }
}

export const CUSTOM_RULE = { id: 'acme-key', pattern: 'ACME-[a-f0-9]{20}', keywords: ['ACME-'] }
