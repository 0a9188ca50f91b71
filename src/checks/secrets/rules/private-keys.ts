// Private keys in PEM, OpenSSH and PGP armour, and age secret keys.
import { entropy } from '../entropy.js'
import { tokenRule, type Rule } from '../rule-kit.js'
import type { Samples } from './sample-kit.js'

/** The base64 body of a PEM block, without headers, line breaks and string quoting. */
export function pemBody(raw: string): string | undefined {
  if (/\.\.\.|<|xxxx|\*\*\*|EXAMPLE/i.test(raw)) return undefined
  const lines = raw
    .replace(/\\r|\\n/g, '\n')
    .split(/\r?\n/)
    .filter(l => !l.includes(':'))
  const body = lines.join('').replace(/[^A-Za-z0-9+/=]/g, '')
  if (body.length < 64 || entropy(body) < 4) return undefined
  return body
}

export const rules: Rule[] = [
  tokenRule({
    id: 'private-key',
    description: 'Private key (PEM, OpenSSH, PGP)',
    keywords: ['PRIVATE KEY'],
    caseSensitive: true,
    pattern:
      '-----BEGIN[A-Z0-9 ]{0,30} PRIVATE KEY(?: BLOCK)?-----([\\s\\S]{64,16000}?)-----END[A-Z0-9 ]{0,30} PRIVATE KEY',
    back: 60,
    after: 17000,
    group: 1,
    structured: true,
    left: /[A-Za-z0-9]/,
    right: /[A-Za-z0-9]/,
    validate: s => pemBody(s) !== undefined,
    normalize: s => pemBody(s) ?? s
  }),
  tokenRule({
    // `-----BEGIN` in base64 starts with `LS0tLS1CRUdJTi`: Kubernetes secrets (`tls.key:`), kubeconfig's
    // `client-key-data:`, CI variables holding a whole key file
    id: 'private-key-base64',
    description: 'Private key (PEM) encoded in base64 (Kubernetes secrets, kubeconfig client-key-data)',
    keywords: ['LS0tLS1CRUdJTi'],
    caseSensitive: true,
    pattern: 'LS0tLS1CRUdJTi[A-Za-z0-9+/]{80,20000}={0,2}',
    structured: true,
    left: /[A-Za-z0-9+/]/,
    right: /[A-Za-z0-9+/=]/,
    validate: s => {
      const pem = Buffer.from(s.slice(0, s.length - (s.length % 4)), 'base64').toString('latin1')
      const m = /^-----BEGIN[A-Z0-9 ]{0,30} PRIVATE KEY(?: BLOCK)?-----/.exec(pem)
      return m !== null && pemBody(pem.slice(m[0].length).split('-----END')[0]) !== undefined
    }
  }),
  tokenRule({
    id: 'age-secret-key',
    description: 'age encryption secret key',
    keywords: ['AGE-SECRET-KEY-1'],
    caseSensitive: true,
    pattern: 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}'
  })
]

const BECH32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L'
const BEGIN = '-----BEGIN '
export const samples: Samples = {
  positive: g => [
    {
      rule: 'private-key',
      file: 'id_rsa',
      text: `${BEGIN}RSA PRIVATE KEY-----\n${g.pem().join('\n')}\n-----END RSA PRIVATE KEY-----\n`
    },
    {
      rule: 'private-key',
      file: 'keys.js',
      text: `const key = "${BEGIN}OPENSSH PRIVATE KEY-----\\n${g.pem(8).join('\\n')}\\n-----END OPENSSH PRIVATE KEY-----"\n`
    },
    {
      rule: 'private-key-base64',
      file: 'kubeconfig',
      text: `users:\n- name: admin\n  user:\n    client-key-data: ${Buffer.from(`${BEGIN}RSA PRIVATE KEY-----\n${g.pem().join('\n')}\n-----END RSA PRIVATE KEY-----\n`).toString('base64')}\n`
    },
    {
      rule: 'private-key-base64',
      file: 'tls-secret.yaml',
      text: `kind: Secret\ndata:\n  tls.key: "${Buffer.from(`${BEGIN}PRIVATE KEY-----\n${g.pem(6).join('\n')}\n-----END PRIVATE KEY-----\n`).toString('base64')}"\n`
    },
    {
      rule: 'age-secret-key',
      text: `# age key\nAGE-SECRET-KEY-1${Array.from({ length: 58 }, () => BECH32[g.int(32)]).join('')}\n`
    }
  ],
  negative: () => [
    `${BEGIN}PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n`,
    `const header = "${BEGIN}RSA PRIVATE KEY-----"\nif (pem.startsWith(header)) parse(pem)\n`,
    `${BEGIN}PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----\n`,
    // base64 of a certificate and of a private key placeholder
    `  tls.crt: ${Buffer.from(`${BEGIN}CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----\n`).toString('base64')}\n`,
    `  tls.key: ${Buffer.from(`${BEGIN}PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n`).toString('base64')}\n`
  ]
}
