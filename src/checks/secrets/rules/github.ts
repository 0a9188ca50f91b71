// GitHub tokens: every classic format ends in a CRC32 checksum, so a match is a token.
import { hasValidChecksum } from '../checksums.js'
import { tokenRule, type Rule } from '../rule-kit.js'
import type { Samples } from './sample-kit.js'

const githubToken = (id: string, prefix: string, what: string): Rule =>
  tokenRule({
    id,
    description: `GitHub ${what}`,
    keywords: [prefix],
    caseSensitive: true,
    pattern: `${prefix}[A-Za-z0-9]{36}`,
    structured: true,
    validate: t => hasValidChecksum(t, prefix.length)
  })

export const rules: Rule[] = [
  githubToken('github-pat', 'ghp_', 'personal access token (classic)'),
  githubToken('github-oauth-token', 'gho_', 'OAuth access token'),
  githubToken('github-user-token', 'ghu_', 'App user-to-server token'),
  githubToken('github-app-token', 'ghs_', 'App installation / Actions token'),
  githubToken('github-refresh-token', 'ghr_', 'refresh token'),
  tokenRule({
    id: 'github-fine-grained-pat',
    description: 'GitHub fine-grained personal access token',
    keywords: ['github_pat_'],
    caseSensitive: true,
    pattern: 'github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}'
  })
]

export const samples: Samples = {
  positive: g => [
    { rule: 'github-pat', text: `GITHUB_TOKEN=${g.checksummed('ghp_')}\n` },
    { rule: 'github-oauth-token', text: `{"access_token": "${g.checksummed('gho_')}"}\n` },
    { rule: 'github-user-token', text: `token: ${g.checksummed('ghu_')}\n` },
    {
      rule: 'github-app-token',
      text: `git clone https://x-access-token:${g.checksummed('ghs_')}@github.com/o/r\n`
    },
    { rule: 'github-refresh-token', text: `refresh = '${g.checksummed('ghr_')}'\n` },
    {
      rule: 'github-fine-grained-pat',
      text: `gh auth login --with-token github_pat_${g.b62(22)}_${g.b62(59)}\n`
    }
  ],
  negative: g => [
    // the right shape with a wrong checksum: not a GitHub token, and not worth a generic finding either
    `const sample = "ghp_${'A1b2C3d4E5f6G7h8'.repeat(2)}WnZq"\n`,
    `if (token.startsWith("ghp_")) kind = "classic"\n`,
    `id: ${g.hex(8)}\n`
  ]
}
