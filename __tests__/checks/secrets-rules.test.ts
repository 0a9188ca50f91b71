import { describe, expect, test } from '@jest/globals'
import { RULES } from '../../src/checks/secrets/rules.js'
import { FAMILIES } from '../../src/checks/secrets/rules/families.js'
import { generator } from '../../src/checks/secrets/rules/sample-kit.js'
import { SecretScanner } from '../../src/checks/secrets/scanner.js'

// Every rule file carries its own samples: positives (built at run time) that its rule must report,
// negatives in which nothing may be reported. SECRETS_SAMPLE_SEED=N draws other positives.
const SEED = Number(process.env.SECRETS_SAMPLE_SEED ?? 11)
const scanner = new SecretScanner()
const env = { now: new Date('2026-12-01T00:00:00Z') }

describe('secrets rules: the families are the rule set', () => {
  test('RULES is the families in order, every id once', () => {
    expect(RULES.map(r => r.id)).toEqual(FAMILIES.flatMap(f => f.rules.map(r => r.id)))
    expect(new Set(RULES.map(r => r.id)).size).toBe(RULES.length)
  })

  test('every rule has a positive sample, and says how sure it is', () => {
    const g = generator(SEED)
    const covered = new Set(FAMILIES.flatMap(f => f.samples.positive(g).map(s => s.rule)))
    expect(RULES.map(r => r.id).filter(id => !covered.has(id))).toEqual([])
    for (const r of RULES) expect(['high', 'medium']).toContain(r.confidence)
  })

  test('keywords are plain text: no regular-expression syntax taken over from a pattern', () => {
    const leaked = RULES.flatMap(r =>
      r.keywords.filter(k => /\w[?*+]|\(\?:|\|/.test(k)).map(k => `${r.id}: ${k}`)
    )
    expect(leaked).toEqual([])
  })

  test('the trading-specific rules are a pack of their own', () => {
    const trading = FAMILIES.find(f => f.name === 'trading')
    expect(trading?.rules.map(r => r.id)).toEqual(
      expect.arrayContaining(['ib-gateway-credentials', 'telegram-bot-token', 'alpha-vantage-api-key'])
    )
  })
})

for (const family of FAMILIES) {
  describe(`secrets rules: ${family.name}`, () => {
    const g = generator(SEED + family.name.length)
    const positives = family.samples.positive(g)
    test.each(positives.map((s, i) => [i, s.rule, s] as const))(
      'positive %i is found by %s',
      (_i, rule, s) => {
        const found = scanner.scanText(s.text, env)
        expect(found.map(f => f.rule)).toContain(rule)
        const f = found.find(x => x.rule === rule)
        expect(f?.confidence).toBe(RULES.find(r => r.id === rule)?.confidence)
      }
    )
    const negatives = family.samples.negative(g)
    test.each(negatives.map((t, i) => [i, t] as const))('negative %i is not reported', (_i, text) => {
      expect(scanner.scanText(text, env).map(f => `${f.rule}:${f.line}`)).toEqual([])
    })
  })
}
