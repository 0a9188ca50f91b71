import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { DAY, tempRepo } from '../helpers/context.js'
import { runAction } from '../helpers/run-dist.js'

const CHECKLIST = `version: 1
name: Demo Trading
release: v2.0.0
roles:
  release-manager: { title: Release Manager, users: [alice] }
sections:
  - title: Performance
    items:
      - { id: p95, title: "Order latency p95 < 500 ms", check: values, with: { file: perf.json, assert: [{ path: p95_ms, lt: 500 }] } }
  - title: Rollback
    items:
      - { id: runbook, title: Rollback runbook, check: file, with: { path: docs/rollback.md, max-age: 90d } }
`

function demo(perf: string, checklist = CHECKLIST) {
  return tempRepo([
    {
      date: new Date(Date.now() - 3 * DAY),
      files: { '.github/go-live.yml': checklist, 'perf.json': perf, 'docs/rollback.md': '# Rollback\n' }
    }
  ])
}

describe('the action, run as the runner runs dist/index.js', () => {
  it('passes: exit 0, outputs, the summary with a state per item, and the JSON report', () => {
    const root = demo('{"p95_ms": 420}')
    const r = runAction(root, { report: 'go-live-report.json', 'status-context': 'go-live', mode: 'enforce' })
    expect(r.code).toBe(0)
    expect(r.outputs.result).toBe('pass')
    expect(r.outputs['blocking-failures']).toBe('0')
    expect(r.outputs.report).toBe(path.join(root, 'go-live-report.json'))
    expect(r.summary).toContain('## ✅ Go-live gate passed')
    expect(r.summary).toContain('**Demo Trading v2.0.0** · ✅ 2 pass')
    expect(r.summary).toContain('<b>Performance</b>')
    expect(r.summary).toContain(
      '| ✅ | Order latency p95 &lt; 500 ms<br><sub>`p95`</sub> | `values` | perf.json: 1 assertion holds |'
    )
    const report = JSON.parse(readFileSync(r.outputs.report, 'utf8'))
    expect(report.result).toBe('pass')
    expect(report.items.map((i: { id: string; status: string }) => `${i.id}:${i.status}`)).toEqual([
      'p95:pass',
      'runbook:pass'
    ])
  })

  it('fails the step in enforce mode, with an annotation per blocking failure', () => {
    const r = runAction(demo('{"p95_ms": 730}'), {})
    expect(r.code).toBe(1)
    expect(r.outputs.result).toBe('fail')
    expect(r.outputs['blocking-failures']).toBe('1')
    expect(r.stdout).toContain(
      '::error title=Order latency p95 < 500 ms::fail: p95_ms is 730, expected < 500 (perf.json)'
    )
    expect(r.stdout).toContain('::error::Go-live gate failed: 1 blocking item not passed')
    expect(r.summary).toContain('## ❌ Go-live gate failed: 1 blocking item not passed')
    expect(r.summary).toContain('| ❌ | Order latency p95 &lt; 500 ms')
  })

  it('reports without failing the step in report mode; the verdict is still fail', () => {
    const r = runAction(demo('{"p95_ms": 730}'), { mode: 'report' })
    expect(r.code).toBe(0)
    expect(r.outputs.result).toBe('fail')
    expect(r.summary).toContain('Report mode: the verdict is shown but does not fail the workflow.')
  })

  it('fails on a malformed checklist with located annotations and the problems in the summary', () => {
    const root = demo('{}', CHECKLIST.replace('check: file', 'check: files'))
    const r = runAction(root, {})
    expect(r.code).toBe(1)
    expect(r.outputs.result).toBe('fail')
    expect(r.stdout).toMatch(
      /::error title=Checklist,file=\.github\/go-live\.yml,line=12,col=56::'check' must be one of: /
    )
    expect(r.summary).toContain('## ❌ Go-live gate: the checklist has 1 problem')
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /)
  })

  it('rejects a bad input value without running anything', () => {
    const r = runAction(demo('{}'), { mode: 'strict' })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain("::error::input 'mode' must be enforce or report, not 'strict'")
  })

  it('masks the token it is given', () => {
    const token = ['ghs', 'e2eTestToken', String(Date.now())].join('_')
    const r = runAction(
      demo('{"p95_ms": 1}'),
      { 'github-token': token },
      { GITHUB_API_URL: 'http://127.0.0.1:9' }
    )
    expect(r.stdout).toContain(`::add-mask::${token}`)
    expect(r.summary).not.toContain(token)
  })

  it('reads the checklist and its paths from working-directory', () => {
    const root = tempRepo([
      {
        date: new Date(Date.now() - DAY),
        files: {
          'services/trading/.github/go-live.yml': CHECKLIST,
          'services/trading/perf.json': '{"p95_ms": 100}',
          'services/trading/docs/rollback.md': '# Rollback\n'
        }
      }
    ])
    const r = runAction(root, { 'working-directory': 'services/trading' })
    expect(r.code).toBe(0)
    expect(r.outputs.result).toBe('pass')
  })
})
