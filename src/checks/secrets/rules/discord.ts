// Discord: webhook URLs and bot tokens (the first part is the bot's id in base64, so it starts with M, N or O).
import { tokenRule, type Rule } from '../rule-kit.js'
import type { Samples } from './sample-kit.js'

/** The first part decodes to the bot's numeric id (17 to 20 digits). */
function idPart(token: string): boolean {
  const first = token.slice(0, token.indexOf('.'))
  const id = Buffer.from(first, 'base64url').toString('latin1')
  return /^[1-9][0-9]{16,19}$/.test(id)
}

const TOKEN = '[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40}'

export const rules: Rule[] = [
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
    // the id part is checked, so the keyword may be any word that sits close to a bot token (a token
    // assigned to a `token` name is also found by generic-token)
    keywords: ['discord', '.run(', '.login(', 'bot_', 'bot.', 'bot:', 'bot=', 'authorization'],
    pattern: TOKEN,
    near: true,
    back: 200,
    after: 300,
    structured: true,
    left: /[A-Za-z0-9_.-]/,
    right: /[A-Za-z0-9_.-]/,
    validate: idPart
  })
]

const botToken = (g: { digits(n: number): string; b64url(n: number): string }): string =>
  `${Buffer.from(g.digits(18)).toString('base64url')}.${g.b64url(6)}.${g.b64url(38)}`

export const samples: Samples = {
  positive: g => [
    {
      rule: 'discord-webhook',
      text: `hook = "https://discord.com/api/webhooks/${g.digits(18)}/${g.b64url(68)}"\n`
    },
    { rule: 'discord-bot-token', text: `client.run('${botToken(g)}')\n` },
    { rule: 'discord-bot-token', text: `DISCORD_TOKEN=${botToken(g)}\n` },
    { rule: 'discord-bot-token', text: `headers = {"Authorization": "Bot ${botToken(g)}"}\n` },
    { rule: 'discord-bot-token', text: `await bot.login("${botToken(g)}")\n` }
  ],
  negative: () => [
    'const ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"\n',
    'bot.token = process.env.DISCORD_TOKEN\n'
  ]
}
