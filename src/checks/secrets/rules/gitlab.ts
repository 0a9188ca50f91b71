// GitLab tokens.
import { tokenRule, type Rule } from '../rule-kit.js'
import type { Samples } from './sample-kit.js'

export const rules: Rule[] = [
  tokenRule({
    id: 'gitlab-pat',
    description: 'GitLab personal, project or group access token',
    keywords: ['glpat-'],
    caseSensitive: true,
    pattern: 'glpat-[A-Za-z0-9_.-]{20,80}'
  }),
  tokenRule({
    id: 'gitlab-runner-token',
    description: 'GitLab runner token',
    keywords: ['glrt-', 'GR1348941'],
    caseSensitive: true,
    pattern: '(?:glrt-|GR1348941)[A-Za-z0-9_.-]{20,80}'
  }),
  tokenRule({
    id: 'gitlab-pipeline-trigger-token',
    description: 'GitLab pipeline trigger token',
    keywords: ['glptt-'],
    caseSensitive: true,
    pattern: 'glptt-[a-f0-9]{40}'
  }),
  tokenRule({
    id: 'gitlab-deploy-token',
    description: 'GitLab deploy token',
    keywords: ['gldt-'],
    caseSensitive: true,
    pattern: 'gldt-[A-Za-z0-9_-]{20,80}'
  })
]

export const samples: Samples = {
  positive: g => [
    { rule: 'gitlab-pat', text: `PRIVATE-TOKEN: glpat-${g.b64url(20)}\n` },
    { rule: 'gitlab-runner-token', text: `token = "glrt-${g.b64url(20)}"\n` },
    { rule: 'gitlab-pipeline-trigger-token', text: `curl -F token=glptt-${g.hex(40)} -F ref=main\n` },
    { rule: 'gitlab-deploy-token', text: `password: gldt-${g.b64url(20)}\n` }
  ],
  negative: () => ['token: glpat-xxxxxxxxxxxxxxxxxxxx\n', 'prefix = "glpat-"\n']
}
