// Package registries: npm and PyPI.
import { hasValidChecksum } from '../checksums.js'
import { isLookup } from '../filters.js'
import { tokenRule, type Rule } from '../rule-kit.js'
import type { Samples } from './sample-kit.js'

export const rules: Rule[] = [
  tokenRule({
    id: 'npm-token',
    description: 'npm access token',
    keywords: ['npm_'],
    caseSensitive: true,
    pattern: 'npm_[A-Za-z0-9]{36}',
    structured: true,
    validate: t => hasValidChecksum(t, 4)
  }),
  tokenRule({
    id: 'npmrc-auth-token',
    description: 'npm registry auth token in .npmrc',
    keywords: ['_authtoken'],
    pattern: '_authToken\\s*=\\s*([^\\s\'"]{8,300})',
    flags: 'i',
    group: 1,
    left: /$^/,
    right: /$^/,
    validate: v => !isLookup(v) && !/^(?:npm_|gh[pousr]_)/.test(v)
  }),
  tokenRule({
    id: 'pypi-token',
    description: 'PyPI upload token',
    keywords: ['pypi-AgEIcHlwaS5vcmc'],
    caseSensitive: true,
    pattern: 'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,300}'
  })
]

export const samples: Samples = {
  positive: g => [
    { rule: 'npm-token', text: `NPM_TOKEN=${g.checksummed('npm_')}\n` },
    {
      rule: 'npmrc-auth-token',
      file: '.npmrc',
      text: `//registry.example.com/:_authToken=${g.b62(8)}-${g.hex(4)}-${g.hex(12)}\n`
    },
    {
      rule: 'pypi-token',
      file: '.pypirc',
      text: `[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmc${g.b64url(60)}\n`
    }
  ],
  negative: () => ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n', 'always-auth=true\n']
}
