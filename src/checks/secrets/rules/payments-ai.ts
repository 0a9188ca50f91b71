// Payments (Stripe) and AI APIs (OpenAI, Anthropic, Hugging Face).
import { tokenRule, type Rule } from '../rule-kit.js'
import type { Samples } from './sample-kit.js'

export const rules: Rule[] = [
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
    pattern: 'sk-ant-(?:api|admin|sid)[0-9]{2}-[A-Za-z0-9_-]{80,120}'
  }),
  tokenRule({
    id: 'huggingface-token',
    description: 'Hugging Face access token',
    keywords: ['hf_'],
    caseSensitive: true,
    pattern: 'hf_[A-Za-z]{34}',
    validate: t => /[A-Z]/.test(t.slice(3)) && /[a-z]/.test(t.slice(3))
  })
]

export const samples: Samples = {
  positive: g => [
    { rule: 'stripe-secret-key', text: `Stripe.api_key = "sk_live_${g.b62(24)}"\n` },
    { rule: 'stripe-secret-key', text: `STRIPE_KEY=rk_test_${g.b62(99)}\n` },
    { rule: 'stripe-webhook-secret', text: `endpoint_secret = 'whsec_${g.b62(32)}'\n` },
    { rule: 'openai-api-key', text: `OPENAI_API_KEY=sk-${g.b62(20)}T3BlbkFJ${g.b62(20)}\n` },
    { rule: 'openai-api-key', text: `openai.api_key = "sk-proj-${g.b64url(120)}"\n` },
    { rule: 'anthropic-api-key', text: `ANTHROPIC_API_KEY=sk-ant-api03-${g.b64url(93)}AA\n` },
    {
      rule: 'huggingface-token',
      text: `login(token="hf_${g.lower(17)}${g.upper(17).replace(/[0-9]/g, 'Q')}")\n`
    }
  ],
  negative: () => [
    // fabricated examples from documentation
    'ANTHROPIC_API_KEY=sk-ant-api03-abc123...\n',
    'api_key = "sk-ant-api03-abc123def456ghi789"\n',
    'STRIPE_SECRET_KEY=sk_test_...\n',
    'OPENAI_API_KEY="sk-..."\n'
  ]
}
