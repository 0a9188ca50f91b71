// Slack: bot, user, app, legacy and configuration tokens; incoming and workflow webhooks.
import { tokenRule, type Rule } from '../rule-kit.js'
import type { Samples } from './sample-kit.js'

export const rules: Rule[] = [
  tokenRule({
    id: 'slack-bot-token',
    description: 'Slack bot token',
    keywords: ['xoxb-'],
    caseSensitive: true,
    // today's three-part form and the legacy two-part one (xoxb-<digits>-<24 characters>)
    pattern: 'xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{20,40}'
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
    description: 'Slack legacy, workspace, refresh or configuration token',
    keywords: ['xoxa-', 'xoxo-', 'xoxr-', 'xoxs-', 'xoxe-', 'xoxe.', 'xoxp-', 'xoxb-'],
    caseSensitive: true,
    pattern:
      'xox(?:[aboprs]|e\\.xox[bp]|e)-(?:[0-9]{1,14}-){0,4}[A-Za-z0-9]{10,250}(?:-[A-Za-z0-9]{4,250}){0,8}',
    validate: t => /[0-9]/.test(t.slice(5)) && t.length >= 30
  }),
  tokenRule({
    id: 'slack-webhook',
    description: 'Slack incoming webhook URL',
    keywords: ['hooks.slack.com/'],
    pattern: 'hooks\\.slack\\.com/services/(T[A-Z0-9]{6,12}/[AB][A-Z0-9]{6,14}/[A-Za-z0-9]{20,32})',
    group: 1,
    left: /$^/,
    right: /[A-Za-z0-9]/
  }),
  tokenRule({
    id: 'slack-workflow-webhook',
    description: 'Slack workflow or trigger webhook URL',
    keywords: ['hooks.slack.com/'],
    pattern:
      'hooks\\.slack\\.com/(?:workflows|triggers)/(T[A-Z0-9]{6,12}/(?:[AB][A-Z0-9]{6,14}/)?[0-9]{8,22}/[A-Za-z0-9]{20,40})',
    group: 1,
    left: /$^/,
    right: /[A-Za-z0-9]/
  })
]

export const samples: Samples = {
  positive: g => [
    { rule: 'slack-bot-token', text: `SLACK_BOT_TOKEN=xoxb-${g.digits(12)}-${g.digits(13)}-${g.b62(24)}\n` },
    { rule: 'slack-bot-token', text: `token = 'xoxb-${g.digits(11)}-${g.b62(24)}'\n` },
    { rule: 'slack-user-token', text: `xoxp-${g.digits(11)}-${g.digits(11)}-${g.digits(12)}-${g.hex(32)}\n` },
    {
      rule: 'slack-app-token',
      text: `SLACK_APP_TOKEN=xapp-1-A${g.upper(10)}-${g.digits(13)}-${g.hex(64)}\n`
    },
    {
      rule: 'slack-token',
      text: `legacy: xoxs-${g.digits(10)}-${g.digits(11)}-${g.digits(12)}-${g.hex(64)}\n`
    },
    { rule: 'slack-token', text: `"xoxe.xoxp-1-${g.b62(150)}"\n` },
    { rule: 'slack-token', text: `token: "xoxp-${g.digits(10)}-${g.b62(34)}"\n` },
    {
      rule: 'slack-webhook',
      text: `url: https://hooks.slack.com/services/T${g.upper(8)}/B${g.upper(10)}/${g.b62(24)}\n`
    },
    {
      rule: 'slack-workflow-webhook',
      text: `WEBHOOK=https://hooks.slack.com/workflows/T${g.upper(8)}/A${g.upper(10)}/${g.digits(18)}/${g.b62(24)}\n`
    },
    {
      rule: 'slack-workflow-webhook',
      text: `post("https://hooks.slack.com/triggers/T${g.upper(8)}/${g.digits(13)}/${g.hex(32)}")\n`
    }
  ],
  negative: () => [
    'token: xoxb-your-token-here\n',
    'if (t.startsWith("xoxb-")) return "bot"\n',
    'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\n'
  ]
}
