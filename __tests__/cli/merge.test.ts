import { beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { DAY, tempRepo } from '../helpers/context.js'
import { runInProcess } from '../helpers/in-process.js'
import { runAction, runCli } from '../helpers/run-dist.js'

const NOW = Date.now()
const service = (name: string) => `version: 1
name: ${name}
sections:
  - title: Performance
    items:
      - id: p95
        title: p95 under 500 ms
        check: values
        with: { file: services/${name}/perf.json, assert: [{ path: p95_ms, lt: 500 }] }
`

/** A monorepo of three services, each with its own checklist, as a job matrix gates them. */
function monorepo(latencies: Record<string, number>) {
  const files: Record<string, string> = {}
  for (const [name, p95] of Object.entries(latencies)) {
    files[`services/${name}/go-live.yml`] = service(name)
    files[`services/${name}/perf.json`] = JSON.stringify({ p95_ms: p95 })
  }
  const root = tempRepo([{ date: new Date(NOW - DAY), files }])
  const reports = Object.keys(latencies).map(name => {
    const report = `reports/${name}.json`
    runCli(
      ['check', '--checklist', `services/${name}/go-live.yml`, '--json', report, '--mode', 'report'],
      root
    )
    return report
  })
  return { root, reports }
}

describe('go-live-gate merge', () => {
  // one monorepo for the tests below, its three reports made once: orders and ledger pass, risk fails; a test
  // that changes a report writes a copy
  let root: string
  let reports: string[]
  const report = (name: string) => reports.find(r => r === `reports/${name}.json`)!
  beforeAll(() => {
    ;({ root, reports } = monorepo({ orders: 310, risk: 620, ledger: 120 }))
  })

  it('joins the services of a job matrix into one verdict, one summary with a section per service', async () => {
    // through the bundle, as a user runs it (the other merges below: the same code in this process)
    const args = ['merge', ...reports, '--json', 'merged.json', '--markdown', 'merged.md']
    const inProcess = await runInProcess(args, root)
    const r = runCli(args, root)
    expect(r).toEqual(inProcess)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('FAIL Go-live gate failed: 1 blocking item not passed (2 pass, 1 fail)')
    expect(r.stdout).toMatch(
      /✖ fail\s+risk\/p95\s+p95_ms is 620, expected < 500 \(services\/risk\/perf\.json\)/
    )

    const json = JSON.parse(readFileSync(path.join(root, 'merged.json'), 'utf8'))
    expect(json.result).toBe('fail')
    expect(json.services.map((s: { name: string; result: string }) => [s.name, s.result])).toEqual([
      ['orders', 'pass'],
      ['risk', 'fail'],
      ['ledger', 'pass']
    ])
    expect(json.items.map((i: { id: string; status: string }) => `${i.id} ${i.status}`)).toEqual([
      'orders/p95 pass',
      'risk/p95 fail',
      'ledger/p95 pass'
    ])

    const md = readFileSync(path.join(root, 'merged.md'), 'utf8')
    expect(md).toContain('| ❌ | risk | 1 blocking item not passed | 1 fail |')
    expect(md).toContain('| ✅ | orders | passed | 1 pass |')
    expect(md).toContain('<b>risk · Performance</b> · 1 fail</summary>')
  })

  it('passes when every service passes', async () => {
    const r = await runInProcess(['merge', report('orders'), report('ledger')], root)
    expect([r.code, r.stdout.trim().split('\n').pop()]).toEqual([0, 'PASS Go-live gate passed (2 pass)'])
  })

  it('never takes a report at its word: a forged "result": "pass" over failing items is refused', async () => {
    const forged = 'reports/risk-forged.json'
    const data = JSON.parse(readFileSync(path.join(root, report('risk')), 'utf8'))
    writeFileSync(path.join(root, forged), JSON.stringify({ ...data, result: 'pass', counts: { pass: 1 } }))
    const r = await runInProcess(['merge', report('orders'), forged], root)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      `go-live-gate: ${forged} is not a go-live-gate JSON report: it says "pass" but its items say "fail"`
    )
  })

  it('refuses what is not a report, without quoting it, and never passes on nothing', async () => {
    writeFileSync(path.join(root, 'broken.json'), '{"version":1, "token": "hunter2-canary')
    writeFileSync(
      path.join(root, 'odd.json'),
      JSON.stringify({
        version: 1,
        checklist: { name: 'x', path: 'y' },
        result: 'pass',
        items: [
          {
            id: 'a',
            section: 's',
            title: 't',
            check: 'file',
            summary: 's',
            severity: 'blocking',
            status: 'fine'
          }
        ]
      })
    )
    const broken = await runInProcess(['merge', report('orders'), 'broken.json'], root)
    expect([broken.code, broken.stderr]).toEqual([
      2,
      expect.stringContaining('broken.json is not a JSON report')
    ])
    expect(broken.stderr + broken.stdout).not.toContain('hunter2')
    const odd = await runInProcess(['merge', 'odd.json'], root)
    expect([odd.code, odd.stderr]).toEqual([2, expect.stringContaining('item 1 has an unknown status')])
    const none = await runInProcess(['merge'], root)
    expect([none.code, none.stderr]).toEqual([
      2,
      expect.stringContaining("'merge' takes the JSON reports to join")
    ])
    const missing = await runInProcess(['merge', 'nope.json'], root)
    expect([missing.code, missing.stderr]).toEqual([
      2,
      expect.stringContaining('nope.json is not a report file')
    ])
  })

  it('as the runner runs the action: three matrix jobs write their reports, a last job merges them', () => {
    const files: Record<string, string> = {}
    for (const [name, p95] of Object.entries({ orders: 310, risk: 620, ledger: 120 })) {
      files[`services/${name}/.github/go-live.yml`] = service(name).replace(
        `services/${name}/perf.json`,
        'perf.json'
      )
      files[`services/${name}/perf.json`] = JSON.stringify({ p95_ms: p95 })
    }
    const root = tempRepo([{ date: new Date(NOW - DAY), files }])
    for (const name of ['orders', 'risk', 'ledger']) {
      // the matrix job: report mode, no comment, no status, the report in the workspace
      const job = runAction(root, {
        'working-directory': `services/${name}`,
        mode: 'report',
        comment: 'never',
        'status-context': '',
        report: `reports/go-live-${name}.json`
      })
      expect([name, job.code]).toEqual([name, 0])
    }
    const merged = runAction(root, { merge: 'reports/*.json', report: 'merged.json' })
    expect(merged.code).toBe(1)
    expect(merged.outputs.result).toBe('fail')
    expect(merged.outputs['blocking-failures']).toBe('1')
    expect(merged.summary).toContain('| ❌ | risk | 1 blocking item not passed | 1 fail |')
    expect(merged.summary).toContain('| ✅ | ledger | passed | 1 pass |')
    const json = JSON.parse(readFileSync(path.join(root, 'merged.json'), 'utf8'))
    expect(json.services.map((s: { name: string }) => s.name)).toEqual(['ledger', 'orders', 'risk'])

    // a forged report in the folder is refused: the merge fails closed, it never passes
    const forged = path.join(root, 'reports/go-live-risk.json')
    writeFileSync(forged, JSON.stringify({ ...JSON.parse(readFileSync(forged, 'utf8')), result: 'pass' }))
    const refused = runAction(root, { merge: 'reports/*.json' })
    expect([refused.code, refused.outputs.result]).toEqual([1, 'fail'])
    expect(refused.stdout).toContain('it says "pass" but its items say "fail"')
  })
})
