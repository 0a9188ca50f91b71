// Generic rules: a secret's name (password, token, api key, secret, encryption key) assigned a literal that
// looks like one. Judged by name and value alone: confidence `medium`.
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
  'identified by'
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
    { rule: 'generic-token', text: `TOKEN="sk-ant-${g.b62(40)}"\n` }
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
    'grep -p pattern file.txt\n'
  ]
}
