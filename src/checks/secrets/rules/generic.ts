// Generic rules: a secret's name (password, token, api key, secret, encryption key) assigned a literal that
// looks like one. Judged by name and value alone: confidence `medium`.
import { isKnownExample, isLookup, isPlaceholder } from '../filters.js'
import { assignmentRule, plausiblePassword, plausibleToken, type Assignment, type Rule } from '../rule-kit.js'
import type { Samples } from './sample-kit.js'
import { has, joined, last, secretKind } from './words.js'

const GENERIC_PASSWORD_KEYWORDS = [
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'passcode',
  '_pass',
  'pass=',
  'pw:',
  'pw=',
  'identified by',
  'requirepass',
  'masterauth'
]
const GENERIC_TOKEN_KEYWORDS = ['token', 'authorization']
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

const passwordName = (w: string[]): boolean => secretKind(w) === 'password'

/** A `.pgpass` line: `host:port:database:user:password` (`*` for any; `\:` escapes a colon). */
const PGPASS_LINE =
  /^[ \t]*(?:[^\s:#][^\s:]{0,252}|\*):(?:\d{1,5}|\*):[^\s:]{1,253}:[^\s:]{1,253}:((?:\\[:\\]|[^\s:\\]){1,200})[ \t]*\r?$/

/** Positional credential files: the field is a password by its place, so no name says so. */
const pgpass: Rule = {
  id: 'pgpass-password',
  description: 'Password in a PostgreSQL password file line (.pgpass: host:port:db:user:password)',
  confidence: 'medium',
  // the port field: PostgreSQL's and PgBouncer's usual ports, or `*`
  keywords: [':5432:', ':5433:', ':5434:', ':6432:', ':26257:', ':*:'],
  generic: true,
  pattern: PGPASS_LINE.source,
  find(text, pos) {
    const start = text.lastIndexOf('\n', pos) + 1
    let end = text.indexOf('\n', pos)
    if (end < 0) end = text.length
    if (end - start > 1200) return undefined
    const line = text.slice(start, end)
    const m = PGPASS_LINE.exec(line)
    if (!m) return undefined
    const v = m[1]
    const a: Assignment = { name: 'password', words: ['password'], value: v, valueStart: 0, quoted: false }
    if (!plausiblePassword(v, a) || isPlaceholder(v) || isLookup(v) || isKnownExample(v)) return undefined
    const at = start + line.replace(/[ \t\r]+$/, '').length - v.length
    return { start: at, end: at + v.length, secret: v }
  }
}

export const rules: Rule[] = [
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
      // the last word first: it turns most names down, before the words are joined
      if (
        !['key', 'secret', 'passphrase', 'password', 'masterkey', 'aeskey', 'encryptionkey'].includes(last(w))
      )
        return false
      return (
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
        ) || /encrypt|cipher|crypt/.test(joined(w))
      )
    },
    value: (v, a) => plausibleToken(v, a, 16)
  }),
  pgpass,
  assignmentRule({
    id: 'generic-password',
    description: 'Password assigned a literal value',
    keywords: GENERIC_PASSWORD_KEYWORDS,
    generic: true,
    name: passwordName,
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

export const samples: Samples = {
  positive: g => [
    { rule: 'encryption-key', text: `DB_ENCRYPTION_KEY=${g.b64(32)}\n` },
    { rule: 'generic-password', file: '.env', text: `DB_PASSWORD=${g.password(14)}\n` },
    { rule: 'generic-password', file: 'app.py', text: `if password == "${g.password(12)}":\n    login()\n` },
    {
      rule: 'generic-password',
      file: 'deploy.sh',
      text: `./deploy --password ${g.password(12)} --verbose\n`
    },
    {
      rule: 'generic-password',
      file: 'init.sql',
      text: `CREATE USER app WITH PASSWORD '${g.password(12)}';\n`
    },
    {
      rule: 'generic-password',
      file: 'init.sql',
      text: `ALTER USER 'app'@'%' IDENTIFIED BY '${g.password(12)}';\n`
    },
    { rule: 'generic-password', file: 'config.h', text: `#define DB_PASSWORD "${g.password(12)}"\n` },
    { rule: 'generic-password', file: 'App.scala', text: `  val password: String = "${g.password(12)}"\n` },
    { rule: 'generic-password', file: 'main.go', text: `const dbPassword string = "${g.password(12)}"\n` },
    {
      rule: 'generic-password',
      file: 'Main.kt',
      text: `private val password: String = "${g.password(12)}"\n`
    },
    { rule: 'generic-password', file: 'Db.cs', text: `string password = @"${g.password(12)}";\n` },
    {
      rule: 'generic-password',
      file: 'web.config',
      text: `<add key="Password" value="${g.password(12)}" />\n`
    },
    {
      rule: 'generic-password',
      file: 'pom.xml',
      text: `<server>\n  <password>${g.password(12)}</password>\n</server>\n`
    },
    { rule: 'generic-password', file: 'db.properties', text: `db.password=${g.password(12)}\n` },
    { rule: 'generic-password', file: 'db.ini', text: `[db]\npassword = ${g.password(12)}\n` },
    {
      rule: 'generic-password',
      file: 'deploy.yaml',
      text: `        env:\n          - name: DB_PASSWORD\n            value: "${g.password(12)}"\n`
    },
    {
      rule: 'generic-password',
      file: 'app.cs',
      text: `var cs = "Server=db;Database=app;User Id=sa;Password=${g.password(12)};";\n`
    },
    {
      rule: 'generic-password',
      file: 'NOTES.md',
      text: `The staging password is ${g.password(12)} for now.\n`
    },
    { rule: 'generic-password', file: 'NOTES.md', text: `PW: ${g.password(12)}\n` },
    { rule: 'generic-password', file: '.env', text: `ADMIN_PASSWORD=${g.b62(5)}#${g.b62(7)}\n` },
    { rule: 'generic-api-key', text: `api_key = "${g.b62(32)}"\n` },
    { rule: 'generic-api-key', text: `secret_key_1 = '${g.b62(40)}'\n` },
    { rule: 'generic-token', text: `bot_token1 = "${g.b62(40)}"\n` },
    { rule: 'generic-token', text: `{"authorization": "${g.b62(40)}"}\n` },
    { rule: 'generic-token', text: `const apiToken = "${g.b62(8)}\${${g.b62(12)}"\n` },
    { rule: 'generic-secret', text: `client_secret: ${g.b62(30)}\n` },
    { rule: 'generic-token', text: `TOKEN="sk-ant-${g.b62(40)}"\n` },
    // assignments in more languages and formats
    { rule: 'generic-password', file: 'db.R', text: `db_password <- "${g.password(14)}"\n` },
    { rule: 'generic-password', file: 'db.R', text: `  password <<- '${g.password(14)}'\n` },
    { rule: 'generic-password', file: 'db.R', text: `"${g.password(14)}" -> password\n` },
    { rule: 'generic-password', file: 'db.R', text: `assign("db_password", "${g.password(14)}")\n` },
    { rule: 'generic-token', file: 'run.ps1', text: `$apiToken = '${g.b62(32)}'\n` },
    {
      rule: 'generic-password',
      file: 'run.ps1',
      text: `Invoke-Sqlcmd -ServerInstance db -Username sa -Password "${g.password(14)}"\n`
    },
    { rule: 'pgpass-password', file: '.pgpass', text: `db.internal:5432:app:app:${g.password(16)}\n` },
    { rule: 'pgpass-password', file: '.pgpass', text: `*:*:*:postgres:${g.b62(20)}\n` },
    {
      rule: 'generic-password',
      file: '.netrc',
      text: `machine api.example.com login deploy password ${g.password(16)}\n`
    },
    {
      rule: 'generic-password',
      file: '_netrc',
      text: `machine ci.example.com\n  login bot\n  password ${g.password(16)}\n`
    },
    {
      rule: 'generic-password',
      file: '.my.cnf',
      text: `[client]\nuser = root\npassword = ${g.password(14)}\n`
    },
    {
      rule: 'generic-api-key',
      file: '.s3cfg',
      text: `[default]\naccess_key = ${g.upper(20)}\nsecret_key = ${g.b64(40)}\n`
    },
    { rule: 'generic-password', file: 'db.pl', text: `my $db_password = "${g.password(14)}";\n` },
    { rule: 'generic-password', file: 'db.pl', text: `$ENV{'DB_PASSWORD'} = '${g.password(14)}';\n` },
    { rule: 'generic-password', file: 'db.lua', text: `local password = "${g.password(14)}"\n` },
    {
      rule: 'generic-password',
      file: 'sys.config',
      text: `[{db, [{user, "app"}, {password, "${g.password(14)}"}]}].\n`
    },
    { rule: 'generic-password', file: 'sys.config', text: `{password, <<"${g.password(14)}">>}\n` },
    {
      rule: 'generic-password',
      file: 'config.exs',
      text: `config :app, Repo, [{:password, "${g.password(14)}"}]\n`
    },
    { rule: 'generic-password', file: 'Db.hs', text: `dbPassword = "${g.password(14)}"\n` },
    { rule: 'generic-password', file: 'Makefile', text: `DB_PASSWORD ?= ${g.password(14)}\n` },
    { rule: 'generic-password', file: 'prod.tfvars', text: `db_password = "${g.password(14)}"\n` },
    { rule: 'generic-password', file: 'main.tf', text: `  password = <<EOT\n${g.password(16)}\nEOT\n` },
    {
      rule: 'generic-password',
      file: 'default.nix',
      text: `{ services.db.password = "${g.password(14)}"; }\n`
    },
    {
      rule: 'generic-password',
      file: 'conf.toml',
      text: `db = { user = "app", password = "${g.password(14)}" }\n`
    },
    { rule: 'generic-password', file: 'conf.json5', text: `{db: {password: '${g.password(14)}',},}\n` },
    {
      rule: 'generic-password',
      file: 'build.gradle',
      text: `credentials {\n  username 'ci'\n  password '${g.password(14)}'\n}\n`
    },
    { rule: 'generic-password', file: 'main.rs', text: `const DB_PASSWORD: &str = "${g.password(14)}";\n` },
    { rule: 'generic-password', file: 'Db.swift', text: `let password = "${g.password(14)}"\n` },
    { rule: 'generic-password', file: 'db.dart', text: `final String password = '${g.password(14)}';\n` },
    { rule: 'generic-password', file: 'db.rb', text: `{ :password => "${g.password(14)}" }\n` },
    { rule: 'generic-password', file: 'db.rb', text: `@password ||= "${g.password(14)}"\n` },
    { rule: 'generic-password', file: 'db.edn', text: `{:user "app" :password "${g.password(14)}"}\n` },
    { rule: 'generic-password', file: 'Dockerfile', text: `ENV DB_PASSWORD ${g.password(14)}\n` },
    { rule: 'generic-password', file: 'env.csh', text: `setenv DB_PASSWORD ${g.password(14)}\n` },
    { rule: 'generic-password', file: 'config.fish', text: `set -gx DB_PASSWORD ${g.password(14)}\n` },
    {
      rule: 'generic-password',
      file: 'values.yaml',
      text: `db:\n  password: |\n    ${g.password(14)}\n  user: app\n`
    },
    { rule: 'generic-password', file: 'conf.py', text: `PASSWORD = '''${g.password(14)}'''\n` },
    {
      rule: 'generic-password',
      file: 'conf.xml',
      text: `<entry key="db.password">${g.password(14)}</entry>\n`
    },
    {
      rule: 'generic-password',
      file: 'wp-config.php',
      text: `define('DB_PASSWORD', '${g.password(14)}');\n`
    },
    {
      rule: 'generic-password',
      file: 'Main.java',
      text: `System.setProperty("db.password", "${g.password(14)}");\n`
    },
    { rule: 'generic-password', file: 'redis.conf', text: `requirepass ${g.b62(24)}\n` },
    {
      rule: 'generic-password',
      file: 'deploy.sh',
      text: `kubectl create secret generic db --from-literal=password=${g.password(14)}\n`
    },
    {
      rule: 'generic-password',
      file: 'app.properties',
      text: `url=jdbc:mysql://db:3306/app?user=app&password=${g.password(14)}&useSSL=true\n`
    },
    {
      rule: 'generic-api-key',
      file: 'fetch.sh',
      text: `wget "https://api.example.com/v1?api_key=${g.b62(32)}&q=1"\n`
    },
    {
      rule: 'generic-api-key',
      file: 'call.sh',
      text: `curl -H "X-Api-Key: ${g.b62(32)}" https://api.example.com\n`
    },
    { rule: 'generic-password', file: 'Db.vb', text: `Dim password As String = "${g.password(14)}"\n` },
    { rule: 'generic-api-key', file: 'keys.c', text: `static const char kApiKey[] = "${g.b62(32)}";\n` },
    { rule: 'generic-password', file: 'db.cpp', text: `std::string password{"${g.password(14)}"};\n` },
    {
      rule: 'generic-password',
      file: 'backup.sh',
      text: `PGPASSWORD=${g.password(14)} pg_dump -h db app > app.sql\n`
    }
  ],
  negative: () => [
    // protobuf struct tags in generated Go
    'Key string `protobuf:"bytes,1,opt,name=key,proto3" json:"key,omitempty"`\n',
    'SecretKey []byte `protobuf_key:"bytes,1,opt,name=key,proto3" protobuf_val:"bytes,2,opt,name=value,proto3"`\n',
    // Go composite literals
    '\tcfg := aws.Config{\n\t\tCredentials: aws.Credentials{\n\t\t\tAccessKeyID: id,\n\t\t},\n\t}\n',
    '\ttoken := &azcore.AccessToken{\n\t\tToken: raw,\n\t}\n',
    // placeholders
    'password = "hunter2"\n',
    'DB_PASSWORD=changeme\n',
    'password: <password>\n',
    'password = "password123"\n',
    'api_key: "A1B2C3D4E5F6G7H8"\n',
    "secret: 'your-secret-here'\n",
    // UI labels and selectors
    'const labels = { passwordLabel: "Password:", submit: "Sign in" }\n',
    "$('#add-password').click(open)\n",
    'password: "#add-password",\n',
    // shell indirections and look-ups
    `PASSWORD="'$OTHER_VAR'"\n`,
    'password = "${DB_PASSWORD}"\n',
    'token: {{ .Values.token }}\n',
    'password = os.environ["DB_PASSWORD"]\n',
    // code
    'password = getPassword()\n',
    'if token == "" {\n',
    'const tokenType = "Bearer"\n',
    'private_key = load_key(path)\n',
    'password_hash = "$2b$12$Q9vH3cT0bJ5kL2mN8pR4sU"\n',
    'mysql -u root -p\n',
    'grep -p pattern file.txt\n',
    // look-ups, empty values and labels in those languages and formats
    'db_password <- Sys.getenv("DB_PASSWORD")\n',
    'assign("password", Sys.getenv("PW"))\n',
    'password <- ""\n',
    '$password = $env:DB_PASSWORD\n',
    '$password = Read-Host -AsSecureString "Password"\n',
    'Invoke-Sqlcmd -Username sa -Password $env:SA_PASSWORD\n',
    'hostname:port:database:username:password\n',
    '*:*:*:postgres:\n',
    'localhost:5432:*:postgres:${PGPASSWORD}\n',
    'machine api.example.com login deploy password changeme\n',
    'machine api.example.com login deploy password $TOKEN\n',
    'my $password = $ENV{DB_PASSWORD};\n',
    'local password = os.getenv("DB_PASSWORD")\n',
    '{password, ""}\n',
    'DB_PASSWORD ?= $(shell cat /run/secrets/db)\n',
    'password = var.db_password\n',
    'password = <<EOT\n${var.db_password}\nEOT\n',
    'password = config.services.db.passwordFile;\n',
    "password 'Password'\n",
    'const DB_PASSWORD: &str = env!("DB_PASSWORD");\n',
    'let password = ProcessInfo.processInfo.environment["DB_PASSWORD"]\n',
    "final password = Platform.environment['DB_PASSWORD'];\n",
    '{ :password => ENV["DB_PASSWORD"] }\n',
    'ENV DB_PASSWORD_FILE /run/secrets/db_password\n',
    'password: |\n  line one of a longer text\n  line two\n',
    'os.getenv("DB_PASSWORD", "")\n',
    'value = config.get("password", "")\n',
    't("password", "Password")\n',
    'parser.add_argument("--password", "-p")\n',
    'Password reset instructions\n',
    'password required\n',
    'token Token\n',
    '\tToken *oauth2.Token\n',
    // real-code look-alikes: strings in compiled files, e-mails, names of what is taken from a secret,
    // hashes, paths, words for "password" in other languages, lists of strings, prose
    'Password: r\x18\x00\x00\x00\nSave your login (y/N)?\n',
    'default login anonymous password user@site\n',
    'machine ftp.example.org login anonymous password guest@example.org\n',
    '"SubjectFromWebIdentityToken": "amzn1.account.AF6RHO7KZU5XRVQJGXK6HB56KR2A",\n',
    '"hashed_token": "25f94a2a5c7fbaf499c665bc73d67c1c87e496da8985131633ee0a95819db2e8",\n',
    '"analysis_key": ".github/workflows/codeql-analysis.yml:CodeQL-Build",\n',
    "auth_handler.add_password(realm='PDQ', uri='https://example.org/', user='klem', passwd='geheim$parole')\n",
    "    'pkcs7_encrypted_st', 'RC4_KEY', '__darwin_ucontext64_t',\n",
    "    ('http', 'user/name', 'password', 'localhost:22')),\n",
    '    SERVER_AUTH = (129, "serverAuth", "TLS Web Server Authentication", "1.3.6.1.5.5.7.3.2")\n',
    "sim_auth = ('Mr.A@somewhere.com', 'somepassword')\n",
    '   password combination.\n',
    ' * An identifier made of words (`userPassword`, `ClientVpnEndpoints`, `OAuth2Client`)\n',
    '<input autocomplete=password name=password>\n',
    'GET /items?page_token=next&limit=10\n',
    'kubectl create secret generic db --from-literal=password=$DB_PASSWORD\n',
    'curl -H "Authorization: $TOKEN" https://api.example.com\n',
    'Dim password As String = txtPassword.Text\n',
    'static const char kPasswordLabel[] = "Password";\n',
    "self.assertEqual(splitpasswd('user:a+b'), ('user', 'a+b'))\n"
  ]
}
