import { describe, expect, it } from '@jest/globals'
import { parseChecklist } from '../../src/checklist/load.js'
import { ChecklistErrors } from '../../src/errors.js'
import { resolveStage, statusContextFor } from '../../src/gate/stage.js'
import { formatValue, unitOf } from '../../src/checks/prometheus/units.js'
import { runAction, runCli } from '../helpers/run-dist.js'
import { tempRepo, tempTree } from '../helpers/context.js'
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'

const HEAD = `version: 1
name: Staged
stages: [pre-release, post-deploy, first-week]
sections:
`
const problems = (text: string) => {
  try {
    parseChecklist(text, 'go-live.yml')
  } catch (e) {
    if (e instanceof ChecklistErrors) return e.problems.map(p => p.toString())
    throw e
  }
  return []
}
/** Problems of a prometheus item's options: each on the line of its `with:` (the column varies by option). */
const withProblems = (text: string) => problems(text).map(p => p.replace(/^(go-live\.yml:\d+):\d+:/, '$1:'))
const prom = (w: string, extra = '') =>
  `${HEAD}  - title: After\n    stage: post-deploy\n    items:\n      - id: p\n        title: P\n        check: prometheus\n${extra}        with: ${w}\n`

describe('stages in the checklist', () => {
  it('gives every item its own stage, its section’s, or the first', () => {
    const c = parseChecklist(
      `${HEAD}  - title: Before\n    items:\n      - { id: a, title: A }\n  - title: After\n    stage: post-deploy\n    items:\n      - { id: b, title: B }\n      - { id: c, title: C, stage: first-week }\n`,
      'go-live.yml'
    )
    expect(c.stages).toEqual(['pre-release', 'post-deploy', 'first-week'])
    expect(c.items.map(i => [i.id, i.stage])).toEqual([
      ['a', 'pre-release'],
      ['b', 'post-deploy'],
      ['c', 'first-week']
    ])
    // no stages named: one stage, pre-release (the schema's default)
    const plain = parseChecklist(
      `version: 1\nname: x\nsections:\n  - title: S\n    items: [{ id: a, title: A }]\n`,
      'go-live.yml'
    )
    expect([plain.stages, plain.items[0].stage]).toEqual([['pre-release'], 'pre-release'])
  })

  it('refuses a stage the checklist does not name, at its line', () => {
    expect(
      problems(
        `${HEAD}  - title: After\n    stage: post-deploi\n    items:\n      - { id: b, title: B, stage: later }\n`
      )
    ).toEqual([
      "go-live.yml:6:12: stage 'post-deploi' is not one of the checklist's stages (pre-release, post-deploy, first-week)",
      "go-live.yml:8:35: stage 'later' is not one of the checklist's stages (pre-release, post-deploy, first-week)"
    ])
    expect(
      problems(
        `version: 1\nname: x\nstages: [a, a]\nsections:\n  - title: S\n    items: [{ id: a, title: A }]\n`
      )
    ).toEqual(["go-live.yml:3:13: stage 'a' is named twice"])
  })

  it('resolves the stage of a run and its commit status', () => {
    const c = { stages: ['pre-release', 'post-deploy'] }
    expect(resolveStage(c)).toBe('pre-release')
    expect(resolveStage(c, 'post-deploy')).toBe('post-deploy')
    expect(() => resolveStage(c, 'nope')).toThrow(
      "unknown stage 'nope': the checklist's stages are pre-release, post-deploy"
    )
    expect(statusContextFor('go-live', c, 'pre-release')).toBe('go-live')
    expect(statusContextFor('go-live', c, 'post-deploy')).toBe('go-live/post-deploy')
    expect(statusContextFor('release-gate', c, 'post-deploy')).toBe('release-gate')
    expect(statusContextFor('', c, 'post-deploy')).toBe('')
  })

  it('exits 2 with one clear line for an unknown --stage', () => {
    const dir = tempTree({ '.github/go-live.yml': `${HEAD}  - title: S\n    items: [{ id: a, title: A }]\n` })
    try {
      const r = runCli(['check', '--stage', 'post-deploi'], dir)
      expect(r.code).toBe(2)
      expect(r.stderr).toBe(
        "go-live-gate: unknown stage 'post-deploi': the checklist's stages are pre-release, post-deploy, first-week\nRun 'go-live-gate --help' for usage.\n"
      )
      expect(r.stdout).toBe('')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the action input stage', () => {
  it('gates the stage asked for, and fails the step with one clear line for an unknown one', () => {
    // a checkout of the default branch: the action reads its checklist there
    const dir = tempRepo([
      {
        date: new Date(),
        files: {
          '.github/go-live.yml': `${HEAD}  - title: S\n    items:\n      - { id: a, title: A, check: file, with: { path: a.md } }\n      - { id: b, title: B, check: file, with: { path: b.md }, stage: first-week }\n`,
          'b.md': '# B\n'
        }
      }
    ])
    try {
      const ok = runAction(dir, { stage: 'first-week', report: 'r.json' })
      expect(ok.code).toBe(0)
      expect(ok.outputs.result).toBe('pass')
      expect(JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'))).toMatchObject({
        stage: 'first-week',
        counts: { pass: 1, skipped: 1 },
        items: [
          { id: 'a', status: 'skipped', summary: 'skipped: stage pre-release' },
          { id: 'b', status: 'pass' }
        ]
      })
      expect(ok.summary).toMatch(/^## ✅ Go-live gate passed · stage `first-week`$/m)
      const bad = runAction(dir, { stage: 'post-deploi' })
      expect(bad.code).toBe(1)
      expect(bad.stdout).toContain(
        "::error::unknown stage 'post-deploi': the checklist's stages are pre-release, post-deploy, first-week"
      )
      expect(bad.outputs.result).toBe('fail')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('prometheus options', () => {
  it('takes one form, one condition, and a base URL without credentials', () => {
    expect(withProblems(prom('{ url: "http://p:9090" }'))).toEqual([
      "go-live.yml:11: check 'prometheus' needs one of: query (with a condition), rules, targets"
    ])
    expect(withProblems(prom('{ url: "http://p:9090", query: up }'))).toEqual([
      "go-live.yml:11: 'query' needs a condition: one of lt, lte, gt, gte, equals, not-equals"
    ])
    expect(withProblems(prom('{ url: "http://p:9090", query: up, lt: 1, gt: 0 }'))).toEqual([
      "go-live.yml:11: 'query' takes one condition, not 2 (lt, gt); write one item per condition"
    ])
    expect(withProblems(prom('{ url: "http://p:9090", rules: [A], targets: { job: x } }'))[0]).toBe(
      "go-live.yml:11: 'rules' and 'targets' are different forms: write one item per form"
    )
    expect(withProblems(prom('{ url: "http://u:pw@p:9090", rules: [A], lt: 1, firing: false }'))).toEqual([
      "go-live.yml:11: 'url' must not carry credentials: send them in 'headers' with ${env:NAME}",
      "go-live.yml:11: 'lt' is a condition of 'query', and this item has no query"
    ])
    expect(withProblems(prom('{ url: "http://p:9090/api/v1", targets: { job: x } }'))).toEqual([
      "go-live.yml:11: 'url' is the base URL, without /api/v1 (the check adds /api/v1/query, /rules or /targets)"
    ])
  })

  it('reads credentials only from the environment, never the runner’s own variables', () => {
    expect(
      withProblems(prom('{ url: "http://p", rules: [A], headers: { Authorization: "Bearer abc123" } }'))
    ).toEqual([
      "go-live.yml:11: header 'Authorization' must read its credential from the environment (${env:NAME}): a checklist is not a secret store"
    ])
    expect(
      problems(
        prom('{ url: "http://p", rules: [A], headers: { Authorization: "Bearer ${env:GITHUB_TOKEN}" } }')
      )[0]
    ).toMatch(/reads \$\{env:GITHUB_TOKEN\}: the runner's own variables are not sent anywhere/)
    expect(
      withProblems(prom('{ url: "http://p", rules: [A], headers: { X-Api: "${env:lower-case}" } }'))[0]
    ).toMatch(/header 'X-Api': only \$\{env:NAME\} is read from the environment/)
    expect(
      problems(
        prom(
          '{ url: "http://p", rules: [A], headers: { X-Scope-OrgID: tenant-1, Authorization: "Bearer ${env:PROM_TOKEN}" } }'
        )
      )
    ).toEqual([])
  })

  it('keeps repeated evaluation sane: a limit below the count, the waits within the timeout', () => {
    expect(
      withProblems(prom('{ url: "http://p", rules: [A], interval: 10s, count: 3, failure-limit: 3 }'))
    ).toEqual([
      "go-live.yml:11: 'failure-limit' (3) must be less than 'count' (3), or the item could never fail"
    ])
    expect(withProblems(prom('{ url: "http://p", rules: [A], interval: 5m, count: 6 }'))).toEqual([
      "go-live.yml:11: 6 evaluations 5m apart take 1500s, longer than the item's timeout of 120s: set the item's timeout above 1500"
    ])
    expect(
      withProblems(prom('{ url: "http://p", rules: [A], interval: 5m, count: 6 }', '        timeout: 1800\n'))
    ).toEqual([])
  })
})

describe('units from the query', () => {
  it('reads the unit from the metric names where it is plain', () => {
    expect(unitOf('histogram_quantile(0.95, sum by (le) (rate(order_execution_seconds_bucket[5m])))')).toBe(
      'seconds'
    )
    expect(unitOf('sum(rate(rejected_total[1h])) / sum(rate(orders_total[1h]))')).toBe('ratio')
    expect(unitOf('avg_over_time(up{job="api"}[7d])')).toBe('ratio')
    expect(unitOf('node_memory_MemAvailable_bytes')).toBe('bytes')
    expect(unitOf('rate(http_request_duration_seconds_count[5m])')).toBeUndefined()
    expect(unitOf('sum(rate(errors_total[5m])) / sum(rate(requests_total[5m])) * 100')).toBeUndefined()
    expect(unitOf('up')).toBeUndefined()
    expect([
      formatValue(0.3125, 'seconds'),
      formatValue(2.5, 'seconds'),
      formatValue(0.99512, 'ratio')
    ]).toEqual(['312.5 ms', '2.5 s', '99.512%'])
    expect([
      formatValue(1.5e9, 'bytes'),
      formatValue(NaN),
      formatValue(-Infinity),
      formatValue(1234567)
    ]).toEqual(['1.5 GB', 'NaN', '-Inf', '1234570'])
  })
})
