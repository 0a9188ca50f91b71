// Messaging and e-mail APIs: Twilio, SendGrid, Mailgun.
import { assignmentRule, tokenRule, type Rule } from '../rule-kit.js'
import type { Samples } from './sample-kit.js'
import { has, last } from './words.js'

const hexVariants = (p: string): string[] => [...'0123456789abcdef'].map(c => p + c)

export const rules: Rule[] = [
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
    confidence: 'high',
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
    confidence: 'high',
    keywords: ['mailgun'],
    name: w => has(w, 'mailgun') && /key$|secret$/.test(last(w)),
    value: v => /^[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}$|^[0-9a-f]{32}$/.test(v)
  })
]

export const samples: Samples = {
  positive: g => [
    { rule: 'twilio-api-key', text: `TWILIO_API_KEY=SK${g.hex(32)}\n` },
    { rule: 'twilio-auth-token', text: `twilio_auth_token = "${g.hex(32)}"\n` },
    { rule: 'sendgrid-api-key', text: `sg = SendGridAPIClient("SG.${g.b64url(22)}.${g.b64url(43)}")\n` },
    { rule: 'mailgun-api-key', text: `auth=("api", "key-${g.hex(32)}")\n` },
    { rule: 'mailgun-signing-key', text: `MAILGUN_SIGNING_KEY=${g.hex(32)}\n` }
  ],
  negative: () => [
    'SENDGRID_API_KEY=SG.xxxxxxxx.xxxxxxxx\n',
    'twilio_auth_token = os.environ["TWILIO_AUTH_TOKEN"]\n'
  ]
}
