// Microsoft Azure: storage and service-bus connection strings, SAS URLs, Entra ID client secrets.
import { assignmentRule, tokenRule, type Rule } from '../rule-kit.js'
import type { Samples } from './sample-kit.js'
import { has, joined, last } from './words.js'

export const rules: Rule[] = [
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
    confidence: 'high',
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
  })
]

export const samples: Samples = {
  positive: g => [
    {
      rule: 'azure-storage-connection-string',
      text: `"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${g.b64(86)}==;EndpointSuffix=core.windows.net"\n`
    },
    { rule: 'azure-storage-account-key', text: `AZURE_STORAGE_KEY=${g.b64(86)}==\n` },
    {
      rule: 'azure-sas-connection-string',
      text: `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${g.b64(43)}=\n`
    },
    {
      rule: 'azure-sas-token',
      text: `url = "https://acct.blob.core.windows.net/c/f.txt?sv=2022-11-02&se=2030-01-01&sp=r&sig=${g.b64(44)}%3D"\n`
    },
    {
      rule: 'azure-ad-client-secret',
      text: `clientSecret: "${g.b62(3)}8Q~${g.b64url(34).replace(/-/g, '.')}"\n`
    }
  ],
  negative: () => ['AccountKey=<storage-key>;\n', 'AccountKey=${STORAGE_KEY};\n']
}
