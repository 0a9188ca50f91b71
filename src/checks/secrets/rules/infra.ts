// Infrastructure and SaaS platforms: DigitalOcean, HashiCorp Vault, Shopify, Datadog, Databricks, Postman.
import { assignmentRule, tokenRule, type Rule } from '../rule-kit.js'
import type { Samples } from './sample-kit.js'
import { has, last } from './words.js'

export const rules: Rule[] = [
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
    confidence: 'high',
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
  })
]

export const samples: Samples = {
  positive: g => [
    { rule: 'digitalocean-token', text: `DIGITALOCEAN_TOKEN=dop_v1_${g.hex(64)}\n` },
    { rule: 'vault-token', text: `VAULT_TOKEN=hvs.${g.b64url(90)}\n` },
    { rule: 'shopify-token', text: `X-Shopify-Access-Token: shpat_${g.hex(32)}\n` },
    { rule: 'datadog-api-key', text: `DD_API_KEY=${g.hex(32)}\n` },
    { rule: 'databricks-token', text: `host = x\ntoken = dapi${g.hex(32)}\n` },
    { rule: 'postman-api-key', text: `X-Api-Key: PMAK-${g.hex(24)}-${g.hex(34)}\n` }
  ],
  negative: () => ['VAULT_TOKEN=hvs.XXXXXXXXXXXXXXXXXXXXXXXX\n', 'DD_API_KEY=<your-datadog-key>\n']
}
