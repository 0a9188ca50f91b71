// Amazon Web Services.
import { entropy } from '../entropy.js'
import { assignmentRule, tokenRule, type Rule } from '../rule-kit.js'
import type { Samples } from './sample-kit.js'

export const rules: Rule[] = [
  tokenRule({
    id: 'aws-access-key-id',
    description: 'AWS access key ID',
    keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'],
    caseSensitive: true,
    pattern: '(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}'
  }),
  assignmentRule({
    id: 'aws-secret-access-key',
    description: 'AWS secret access key',
    confidence: 'high',
    keywords: [
      'secretaccesskey',
      'secret_access_key',
      'secret-access-key',
      'aws_secret',
      'awssecret',
      'aws-secret'
    ],
    name: (w, n) =>
      /secret[_.-]?access[_.-]?key(?:[_.-]?(?:id|\d+))?$|aws[_.-]?secret(?:[_.-]?access)?[_.-]?key$/i.test(
        n
      ) && w.length > 0,
    value: v => /^[A-Za-z0-9/+]{40}$/.test(v) && entropy(v) >= 3.5
  })
]

export const samples: Samples = {
  positive: g => [
    {
      rule: 'aws-access-key-id',
      file: 'credentials',
      text: `[default]\naws_access_key_id = AKIA${g.upper(16).replace(/[0189]/g, '7')}\n`
    },
    {
      rule: 'aws-secret-access-key',
      file: 'credentials',
      text: `[default]\naws_secret_access_key = ${g.b64(40)}\n`
    },
    { rule: 'aws-secret-access-key', text: `export AWS_SECRET_ACCESS_KEY="${g.b64(40)}"\n` }
  ],
  negative: () => [
    // AWS's documented example pair
    'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
    'aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}\n',
    '  Credentials: aws.Credentials{\n    AccessKeyID: id,\n  },\n'
  ]
}
