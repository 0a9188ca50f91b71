import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseChecklist } from '../../src/checklist/load.js'
import { runGate } from '../../src/gate/run.js'
import { verdict } from '../../src/gate/verdict.js'
import type { ItemResult } from '../../src/gate/types.js'
import { Workspace } from '../../src/workspace.js'
import { ports, tempTree } from '../helpers/context.js'

let server: Server
let url = ''
beforeAll(async () => {
  // answers nothing: requests hang until the client gives up
  server = createServer(() => undefined)
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`
})
afterAll(() => {
  server.closeAllConnections()
  server.close()
})

async function gate(
  yaml: string,
  files: Record<string, string> = {},
  event = { name: 'push', branch: 'main' }
) {
  const root = tempTree(files)
  const checklist = parseChecklist(yaml, '.github/go-live.yml')
  return runGate(checklist, { workspace: new Workspace(root), ...ports(root), event, now: () => new Date() })
}

const base = `version: 1
name: Demo
roles:
  release-manager: { title: Release Manager, users: [alice] }
sections:
  - title: S
    items:
`

describe('the gate', () => {
  it('passes when every blocking item passes, and keeps the file order', async () => {
    const result = await gate(
      `${base}      - { id: runbook, title: Runbook, check: file, with: { path: RUNBOOK.md, contains: Rollback } }
      - { id: p95, title: p95, check: values, with: { file: perf.json, assert: [{ path: p95, lt: 500 }] } }
`,
      { 'RUNBOOK.md': '# Rollback\n', 'perf.json': '{"p95": 420}' }
    )
    expect(result.verdict).toBe('pass')
    expect(result.items.map(r => [r.id, r.status])).toEqual([
      ['runbook', 'pass'],
      ['p95', 'pass']
    ])
    expect(result.counts).toEqual({ pass: 2, fail: 0, pending: 0, error: 0, skipped: 0, waived: 0 })
    expect(result.blockingFailures).toBe(0)
  })

  it('fails on a blocking fail, error or pending item, never on a warning', async () => {
    const result = await gate(
      `${base}      - { id: slow, title: Slow, check: values, with: { file: perf.json, assert: [{ path: p95, lt: 500 }] } }
      - { id: missing, title: Missing, check: values, with: { file: nope.json, assert: [{ path: a, exists: true }] } }
      - { id: sign, title: Sign, owner: release-manager }
      - { id: soft, title: Soft, severity: warning, check: file, with: { path: NOPE.md } }
`,
      { 'perf.json': '{"p95": 730}' }
    )
    expect(result.items.map(r => [r.id, r.status])).toEqual([
      ['slow', 'fail'],
      ['missing', 'error'],
      ['sign', 'pending'],
      ['soft', 'fail']
    ])
    expect(result.verdict).toBe('fail')
    expect(result.blockingFailures).toBe(3)
    expect(result.items[0].summary).toBe('p95 is 730, expected < 500 (perf.json)')
    expect(result.items[1].summary).toBe('nope.json does not exist: produce it before the gate runs')
  })

  it('skips an item that does not apply here, with the reason, and the skip does not block', async () => {
    const result = await gate(
      `${base}      - { id: health, title: Health, check: http, with: { url: "http://127.0.0.1:9/x" }, when: { events: [deployment] } }
      - { id: rel, title: Rel, check: file, with: { path: NOPE.md }, when: { branches: ["release/**"] } }
      - { id: ok, title: Ok, check: file, with: { path: A.md }, when: { events: [push], branches: ["ma*"] } }
`,
      { 'A.md': 'a' }
    )
    expect(result.items.map(r => [r.id, r.status, r.summary])).toEqual([
      ['health', 'skipped', 'skipped: applies on deployment; this run is push'],
      ['rel', 'skipped', 'skipped: applies to branches release/**; this is main'],
      ['ok', 'pass', 'A.md exists']
    ])
    expect(result.verdict).toBe('pass')
  })

  it('turns an item that runs past its timeout into an error, and goes on', async () => {
    const started = Date.now()
    const result = await gate(
      `${base}      - { id: hang, title: Hang, timeout: 1, check: http, with: { url: "${url}", timeout: 30 } }
      - { id: ok, title: Ok, check: file, with: { path: A.md } }
`,
      { 'A.md': 'a' }
    )
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(result.items[0]).toMatchObject({
      status: 'error',
      summary: "timed out after 1s: raise the item's timeout or make the check faster"
    })
    expect(result.items[1].status).toBe('pass')
    expect(result.verdict).toBe('fail')
  })

  it('reports a kind that is not implemented as an error, never a pass', async () => {
    const result = await gate(
      `${base}      - { id: x, title: X, check: approvals, with: { roles: [release-manager] } }\n`
    )
    expect(result.items[0].status).toBe('error')
    expect(result.verdict).toBe('fail')
  })
})

describe('verdict', () => {
  const item = (status: ItemResult['status'], severity: ItemResult['severity'] = 'blocking') =>
    ({ status, severity }) as ItemResult
  const checklist = { name: 'x', path: 'p' }
  it.each([
    [[item('pass'), item('skipped')], 'pass', 0],
    [
      [item('pass'), item('fail', 'warning'), item('error', 'warning'), item('pending', 'warning')],
      'pass',
      0
    ],
    [[item('pass'), item('pending')], 'fail', 1],
    [[item('error'), item('fail'), item('pass')], 'fail', 2],
    // contract section 2: nothing evaluated proves nothing
    [[], 'fail', 0],
    [[item('skipped'), item('skipped')], 'fail', 0]
  ] as [ItemResult[], string, number][])('%# → %s', (items, expected, failures) => {
    const r = verdict(checklist, items)
    expect(r.verdict).toBe(expected)
    expect(r.blockingFailures).toBe(failures)
  })
})
