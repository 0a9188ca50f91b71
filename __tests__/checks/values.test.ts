import { describe, expect, it } from '@jest/globals'
import type { Item } from '../../src/checklist/types.js'
import { check, type ValuesOptions } from '../../src/checks/values/index.js'
import { context, tempTree } from '../helpers/context.js'

const item = { id: 'v', title: 'V' } as Item
const run = (files: Record<string, string>, options: Partial<ValuesOptions> & { file: string }) =>
  check({ format: 'auto', assert: [], ...options }, item, context(tempTree(files)))

const config = `risk:
  limits:
    - { instrument: equities, max_usd: 200000 }
  max_daily_loss_usd: 25000
features:
  canary: { enabled: true, allocation_percent: 5 }
  ml: { weight: 0.15 }
mode: live
db:
  password: hunter2-not-real
`

describe('values', () => {
  it('checks every operator on YAML, JSON and TOML alike', async () => {
    const assert = [
      { path: 'risk.limits[0].max_usd', lte: 250000 },
      { path: 'risk.max_daily_loss_usd', lt: 50000 },
      { path: 'features.canary.allocation_percent', equals: 5 },
      { path: 'features.ml.weight', gte: 0.1 },
      { path: 'features.ml.weight', gt: 0 },
      { path: 'mode', in: ['live', 'paper'] },
      { path: 'mode', 'not-equals': 'debug' },
      { path: 'mode', matches: '^li' },
      { path: 'features.canary', equals: { enabled: true, allocation_percent: 5 } },
      { path: 'rate_limits', exists: false }
    ]
    const json = JSON.stringify({
      risk: { limits: [{ instrument: 'equities', max_usd: 200000 }], max_daily_loss_usd: 25000 },
      features: { canary: { enabled: true, allocation_percent: 5 }, ml: { weight: 0.15 } },
      mode: 'live'
    })
    const toml = `mode = "live"\n[risk]\nmax_daily_loss_usd = 25000\n[[risk.limits]]\ninstrument = "equities"\nmax_usd = 200000\n[features.canary]\nenabled = true\nallocation_percent = 5\n[features.ml]\nweight = 0.15\n`
    for (const [file, text] of [
      ['c.yaml', config],
      ['c.json', json],
      ['c.toml', toml]
    ]) {
      const outcome = await run({ [file]: text }, { file, assert })
      expect([file, outcome.status, outcome.summary]).toEqual([file, 'pass', `${file}: 10 assertions hold`])
    }
  })

  it('fails with the value found and the one expected, and lists every assertion in details', async () => {
    const outcome = await run(
      { 'perf.json': '{"latency": {"p95_ms": 730}, "name": "x"}' },
      {
        file: 'perf.json',
        assert: [
          { path: 'latency.p95_ms', lt: 500 },
          { path: 'name', gt: 3 },
          { path: 'nope', exists: true }
        ]
      }
    )
    expect(outcome.status).toBe('fail')
    expect(outcome.summary).toBe('latency.p95_ms is 730, expected < 500 (perf.json) (+2 more)')
    expect(outcome.details?.assertions).toEqual([
      {
        path: 'latency.p95_ms',
        op: 'lt',
        expected: 500,
        actual: 730,
        ok: false,
        reason: 'latency.p95_ms is 730, expected < 500'
      },
      {
        path: 'name',
        op: 'gt',
        expected: 3,
        actual: 'x',
        ok: false,
        reason: 'name is a string, not a number, so it cannot be > 3'
      },
      { path: 'nope', op: 'exists', expected: true, ok: false, reason: 'nope is missing' }
    ])
  })

  it('never shows a value kept under a secret-looking key', async () => {
    const outcome = await run(
      { 'c.yaml': config },
      { file: 'c.yaml', assert: [{ path: 'db.password', equals: 'x' }] }
    )
    expect(outcome.status).toBe('fail')
    expect(JSON.stringify(outcome)).not.toContain('hunter2')
    expect(outcome.summary).toBe('db.password is [redacted], expected [redacted] (c.yaml)')
  })

  it('validates the whole file against a JSON Schema, formats included', async () => {
    const schema = JSON.stringify({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      required: ['mode', 'since'],
      properties: { mode: { enum: ['live', 'paper'] }, since: { type: 'string', format: 'date' } }
    })
    const good = await run(
      { 'c.json': '{"mode":"live","since":"2026-01-31"}', 's.json': schema },
      { file: 'c.json', schema: 's.json' }
    )
    expect([good.status, good.summary]).toEqual(['pass', 'c.json: matches s.json'])
    const bad = await run(
      { 'c.json': '{"mode":"debug","since":"2026-02-31"}', 's.json': schema },
      { file: 'c.json', schema: 's.json' }
    )
    expect(bad.status).toBe('fail')
    expect(bad.details?.schema).toEqual({
      file: 's.json',
      errors: ['/mode must be equal to one of the allowed values', '/since must match format "date"']
    })
  })

  it('never quotes the unparsable text, which may be a credential', async () => {
    const secret = ['hunter', '2', 'Xy9', 'Qz'].join('')
    for (const [file, text] of [
      ['c.json', `{"password": ${secret}}`],
      ['c.toml', `password = ${secret}\n`],
      ['c.yaml', `a: [\n  password: ${secret}\n b`]
    ]) {
      const error = await run({ [file]: text }, { file, assert: [{ path: 'a', exists: true }] }).catch(
        (e: Error) => e
      )
      expect(error).toBeInstanceOf(Error)
      expect((error as Error).message).toMatch(new RegExp(`^cannot parse ${file.replace('.', '\\.')} \\(`))
      expect((error as Error).message).not.toContain(secret.slice(0, 6))
      expect((error as Error).message).not.toContain('\n')
    }
  })

  it('is an error when the file is missing or does not parse', async () => {
    await expect(run({}, { file: 'perf.json', assert: [{ path: 'a', exists: true }] })).rejects.toThrow(
      'perf.json does not exist: produce it before the gate runs'
    )
    await expect(
      run({ 'perf.json': '{"a": ' }, { file: 'perf.json', assert: [{ path: 'a', exists: true }] })
    ).rejects.toThrow(/^cannot parse perf\.json \(JSON: /)
  })
})
