// The held-out part of the secrets corpus: vendors' documented token formats and values that are not
// credentials, in contexts (languages, file formats, prose) that the rules' own samples do not use.
// Written before it was first measured and NOT tuned on: a miss or a false alarm here stays in the report.
// Positives are generated at run time by the caller's seeded generator; nothing credential-shaped is committed.
const b64 = s => Buffer.from(s).toString('base64')

/** [{ family, file, text }]: each text holds exactly one credential. */
export function heldOutPositives(g) {
  const bot = () => `${Buffer.from(g.digits(18)).toString('base64url')}.${g.b64url(6)}.${g.b64url(38)}`
  return [
    // aws
    {
      family: 'aws',
      file: 'main.tf',
      text: `provider "aws" {\n  access_key = "AKIA${g.upper(16).replace(/[0189]/g, '4')}"\n}\n`
    },
    { family: 'aws', file: 'settings.rb', text: `Aws.config.update(secret_access_key: '${g.b64(40)}')\n` },
    { family: 'aws', file: 'boto.cfg', text: `[Credentials]\naws_secret_access_key=${g.b64(40)}\n` },
    // google
    { family: 'google', file: 'maps.php', text: `<?php $apiKey = 'AIza${g.b64url(35)}'; ?>\n` },
    {
      family: 'google',
      file: 'oauth.json',
      text: `{"web":{"client_id":"1.apps.googleusercontent.com","client_secret":"GOCSPX-${g.b64url(28)}"}}\n`
    },
    // azure
    {
      family: 'azure',
      file: 'appsettings.json',
      text: `{ "Storage": "DefaultEndpointsProtocol=https;AccountName=prod;AccountKey=${g.b64(86)}==" }\n`
    },
    {
      family: 'azure',
      file: 'local.settings.json',
      text: `{"Values": {"ServiceBus": "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${g.b64(43)}="}}\n`
    },
    // github
    { family: 'github', file: 'deploy.ps1', text: `$env:GH_TOKEN = "${g.checksummed('ghp_')}"\n` },
    { family: 'github', file: '.git-credentials', text: `https://bot:${g.checksummed('ghs_')}@github.com\n` },
    {
      family: 'github',
      file: 'README.md',
      text: `Use the token \`github_pat_${g.b62(22)}_${g.b62(59)}\` for the mirror.\n`
    },
    // gitlab
    { family: 'gitlab', file: '.gitlab-ci.yml', text: `variables:\n  GL_TOKEN: glpat-${g.b64url(20)}\n` },
    // registries
    {
      family: 'registries',
      file: 'Dockerfile',
      text: `RUN echo "//registry.npmjs.org/:_authToken=${g.checksummed('npm_')}" > .npmrc\n`
    },
    {
      family: 'registries',
      file: 'publish.toml',
      text: `[tool.poetry]\npypi-token = "pypi-AgEIcHlwaS5vcmc${g.b64url(70)}"\n`
    },
    // slack
    {
      family: 'slack',
      file: 'notify.rs',
      text: `let client = Slack::new("xoxb-${g.digits(12)}-${g.digits(13)}-${g.b62(24)}");\n`
    },
    {
      family: 'slack',
      file: 'alerts.tf',
      text: `webhook_url = "https://hooks.slack.com/services/T${g.upper(9)}/B${g.upper(11)}/${g.b62(24)}"\n`
    },
    {
      family: 'slack',
      file: 'legacy.py',
      text: `sc = SlackClient("xoxp-${g.digits(10)}-${g.digits(11)}-${g.digits(11)}-${g.hex(32)}")\n`
    },
    // discord
    { family: 'discord', file: 'bot.js', text: `client.login('${bot()}');\n` },
    { family: 'discord', file: 'config.toml', text: `[discord]\nbot = "${bot()}"\n` },
    { family: 'discord', file: 'main.py', text: `bot.run("${bot()}")\n` },
    // messaging
    {
      family: 'messaging',
      file: 'sms.rb',
      text: `@client = Twilio::REST::Client.new(sid, 'SK${g.hex(32)}')\n`
    },
    {
      family: 'messaging',
      file: 'mail.go',
      text: `client := sendgrid.NewSendClient("SG.${g.b64url(22)}.${g.b64url(43)}")\n`
    },
    // payments-ai
    {
      family: 'payments-ai',
      file: 'checkout.php',
      text: `\\Stripe\\Stripe::setApiKey('sk_live_${g.b62(24)}');\n`
    },
    {
      family: 'payments-ai',
      file: 'llm.ipynb',
      text: `{"source": ["client = OpenAI(api_key=\\"sk-proj-${g.b64url(100)}\\")"]}\n`
    },
    {
      family: 'payments-ai',
      file: 'agent.ts',
      text: `const anthropic = new Anthropic({ apiKey: 'sk-ant-api03-${g.b64url(93)}AA' })\n`
    },
    // infra
    { family: 'infra', file: 'vault.hcl', text: `token = "hvs.${g.b64url(24)}"\n` },
    { family: 'infra', file: 'do.yaml', text: `digitalocean:\n  token: dop_v1_${g.hex(64)}\n` },
    // trading
    {
      family: 'trading',
      file: 'ibc/config.ini',
      text: `IbLoginId=trader1\nIbPassword=${g.b62(6)}#${g.b62(5)}\n`
    },
    {
      family: 'trading',
      file: 'alerts.py',
      text: `TELEGRAM = {"token": "${g.digits(10)}:AA${g.b64url(33)}", "chat": -100}\n`
    },
    {
      family: 'trading',
      file: 'data.R',
      text: `av_api_key("${g.upper(16)}")\nALPHAVANTAGE_KEY <- "${g.upper(16)}"\n`.split('\n')[1] + '\n'
    },
    {
      family: 'trading',
      file: 'k8s/ib.yaml',
      text: `env:\n  - name: TWS_PASSWORD\n    value: ${g.password(12)}\n`
    },
    // structured
    {
      family: 'structured',
      file: 'session.http',
      text: `GET /me\nAuthorization: Bearer ${g.jwt({ sub: 'u1', exp: 1600000000 })}\n`
    },
    {
      family: 'structured',
      file: 'docker-compose.yml',
      text: `    environment:\n      - DATABASE_URL=mysql://root:${g.password(14)}@db:3306/app\n`
    },
    {
      family: 'structured',
      file: 'ftp.sh',
      text: `lftp sftp://deploy:${g.b62(16)}@files.example.net -e "mirror"\n`
    },
    {
      family: 'structured',
      file: 'check.sh',
      text: `curl --user monitor:${g.password(12)} https://grafana.internal/api/health\n`
    },
    {
      family: 'structured',
      file: 'client.kt',
      text: `.header("Authorization", "Basic ${b64('svc:' + g.password(16))}")\n`
    },
    // generic
    {
      family: 'generic',
      file: 'application.yml',
      text: `spring:\n  datasource:\n    password: ${g.password(14)}\n`
    },
    {
      family: 'generic',
      file: 'Settings.java',
      text: `    private static final String API_SECRET = "${g.b62(32)}";\n`
    },
    { family: 'generic', file: 'config.exs', text: `config :app, App.Repo, password: "${g.password(14)}"\n` },
    { family: 'generic', file: '.pgpass', text: `db.internal:5432:app:app:${g.password(16)}\n` },
    {
      family: 'generic',
      file: 'run.ps1',
      text: `$password = ConvertTo-SecureString "${g.password(14)}" -AsPlainText -Force\n`
    },
    { family: 'generic', file: 'settings.py', text: `SECRET_KEY = '${g.b64url(50)}'\n` },
    {
      family: 'generic',
      file: 'hosts.ini',
      text: `web1 ansible_user=deploy ansible_password=${g.password(12)}\n`
    },
    { family: 'generic', file: 'NOTES.txt', text: `wifi password: ${g.password(12)}\n` },
    {
      family: 'generic',
      file: 'conn.go',
      text: `db, _ := sql.Open("postgres", "host=db user=app password=${g.password(14)} dbname=app")\n`
    },
    { family: 'generic', file: 'Secrets.swift', text: `let apiToken: String = "${g.b62(40)}"\n` }
  ]
}

/** [{ file, text }]: none holds a credential. */
export function heldOutNegatives() {
  return [
    {
      file: 'login.html',
      text: '<input type="password" name="password" placeholder="Password" autocomplete="current-password">\n'
    },
    {
      file: 'i18n/en.json',
      text: '{ "login.password": "Password", "login.forgot": "Forgot your password?" }\n'
    },
    { file: 'user.rb', text: 'validates :password, length: { minimum: 12 }\n' },
    { file: 'schema.sql', text: 'CREATE TABLE users (id serial, password_hash text NOT NULL);\n' },
    {
      file: 'auth.go',
      text: 'if err := bcrypt.CompareHashAndPassword(hash, []byte(password)); err != nil {\n'
    },
    { file: 'client.ts', text: 'const token = await getAccessToken({ scopes: ["repo"] })\n' },
    {
      file: 'types.ts',
      text: 'export interface Credentials { accessKeyId: string; secretAccessKey: string }\n'
    },
    { file: 'values.yaml', text: 'auth:\n  existingSecret: app-credentials\n  secretKey: password\n' },
    {
      file: 'deploy.yml',
      text: '      - name: DB_PASSWORD\n        valueFrom:\n          secretKeyRef: { name: db, key: password }\n'
    },
    { file: 'ci.yml', text: '        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n' },
    { file: 'main.tf', text: 'password = random_password.db.result\n' },
    { file: 'app.py', text: 'API_KEY = os.getenv("API_KEY", "")\n' },
    { file: 'lexer.js', text: 'const tokenType = TokenType.Identifier\n' },
    { file: 'crypto.py', text: 'key_size = 32  # bytes\nkey = os.urandom(key_size)\n' },
    { file: 'docs.md', text: 'Set `OPENAI_API_KEY` to your key (it starts with `sk-`).\n' },
    { file: 'README.md', text: 'The default password is `admin` and you must change it on first login.\n' },
    { file: 'cache.go', text: 'cacheKey := fmt.Sprintf("%s:%d", user, id)\n' },
    { file: 'keyboard.js', text: 'const shortcutKey = "ctrl+shift+p"\n' },
    { file: 'pager.py', text: 'next_page_token = response.get("nextPageToken")\n' },
    { file: 'sort.ts', text: 'const sortKey = "created_at"\n' },
    { file: 'oauth.ts', text: 'const TOKEN_ENDPOINT = "https://oauth2.googleapis.com/token"\n' },
    { file: 'gpg.txt', text: 'gpg --passphrase-fd 0 --batch --decrypt secrets.gpg\n' },
    { file: 'hash.txt', text: 'sha256: 3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855e\n' },
    {
      file: 'lock.json',
      text: '"integrity": "sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg=="\n'
    },
    {
      file: 'test_auth.py',
      text: 'client.login(username="alice", password="correct horse battery staple")\n'
    },
    { file: 'Form.vue', text: '<label for="password">{{ $t("password") }}</label>\n' },
    { file: 'svc.java', text: 'String token = request.getHeader("Authorization").substring(7);\n' },
    { file: 'env.sh', text: 'export VAULT_TOKEN="$(vault print token)"\n' },
    { file: 'compose.yml', text: '      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n' },
    { file: 'uuid.json', text: '{ "client_id": "3f2504e0-4f89-11d3-9a0c-0305e82c3301" }\n' }
  ]
}
