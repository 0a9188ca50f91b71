import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { DAY, tempRepo, tempTree } from '../helpers/context.js'
import { VERSION } from '../../src/version.js'
import { runCli } from '../helpers/run-dist.js'
import { runInProcess } from '../helpers/in-process.js'

const HERE = path.dirname(fileURLToPath(import.meta.url))

const NOW = Date.now()
const CHECKLIST = `version: 1
name: Demo Trading
release: v1.0.0
roles:
  release-manager: { title: Release Manager, users: [alice] }
sections:
  - title: Performance
    items:
      - id: p95
        title: Order latency p95 under 500 ms
        check: values
        with: { file: perf.json, assert: [{ path: p95_ms, lt: 500 }] }
  - title: Rollback
    items:
      - id: runbook
        title: Rollback runbook fresh
        check: file
        with: { path: docs/rollback.md, contains: "Rollback Procedure", max-age: 90d }
      - id: drill-notes
        title: Drill notes reviewed
        severity: warning
        check: file
        with: { path: docs/drill.md }
`

function demo(perf: string, extraItems = '') {
  return tempRepo([
    {
      date: new Date(NOW - 5 * DAY),
      files: {
        '.github/go-live.yml': CHECKLIST + extraItems,
        'perf.json': perf,
        'docs/rollback.md': '# Rollback Procedure\n1. run rollback.sh\n'
      }
    }
  ])
}

describe('go-live-gate check', () => {
  it('exits 0 and prints PASS when every blocking item passes (a failing warning does not block)', () => {
    const r = runCli(['check'], demo('{"p95_ms": 431}'))
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/✔ pass\s+p95\s+perf\.json: 1 assertion holds/)
    expect(r.stdout).toMatch(
      /✖ fail\s+drill-notes\s+no file matches docs\/drill\.md: write it and commit it \(warning\)/
    )
    expect(r.stdout).toContain('PASS Go-live gate passed (2 pass, 1 fail)')
  })

  // (the variants after the first two runs: the command line's code in this process, as dist/cli.js runs it)
  it('exits 1 in enforce mode and 0 in report mode when the gate fails, with the same verdict', async () => {
    const root = demo('{"p95_ms": 730}')
    const enforce = runCli(['check'], root)
    expect(enforce.code).toBe(1)
    expect(enforce.stdout).toMatch(/✖ fail\s+p95\s+p95_ms is 730, expected < 500 \(perf\.json\)/)
    expect(enforce.stdout).toContain('FAIL Go-live gate failed: 1 blocking item not passed')
    const report = await runInProcess(['check', '--mode', 'report', '--json', 'out/report.json'], root)
    expect(report.code).toBe(0)
    expect(report.stdout).toContain('FAIL Go-live gate failed: 1 blocking item not passed')
    const json = JSON.parse(readFileSync(path.join(root, 'out/report.json'), 'utf8'))
    expect(json).toMatchObject({
      version: 1,
      checklist: { name: 'Demo Trading', path: '.github/go-live.yml', release: 'v1.0.0' },
      result: 'fail',
      counts: { pass: 1, fail: 2, pending: 0, error: 0, skipped: 0 }
    })
    expect(json.items[0]).toEqual({
      id: 'p95',
      section: 'Performance',
      title: 'Order latency p95 under 500 ms',
      check: 'values',
      severity: 'blocking',
      status: 'fail',
      summary: 'p95_ms is 730, expected < 500 (perf.json)',
      details: {
        assertions: [
          {
            path: 'p95_ms',
            op: 'lt',
            expected: 500,
            actual: 730,
            ok: false,
            reason: 'p95_ms is 730, expected < 500'
          }
        ]
      },
      durationMs: expect.any(Number)
    })
  })

  it('leaves manual items pending and GitHub kinds in error without a token, and fails closed', async () => {
    const root = demo(
      '{"p95_ms": 100}',
      `  - title: Sign-offs
    items:
      - { id: comms, title: Stakeholders notified, owner: release-manager }
      - { id: sign-off, title: Release manager approved, check: approvals, with: { roles: [release-manager] } }
`
    )
    const r = await runInProcess(['check', '--json', '-'], root)
    expect(r.code).toBe(1)
    const json = JSON.parse(r.stdout)
    const byId = Object.fromEntries(json.items.map((i: { id: string }) => [i.id, i]))
    expect(byId.comms.status).toBe('pending')
    expect(byId.comms.summary).toContain('/go-live attest comms')
    expect(byId['sign-off'].status).toBe('error')
    expect(byId['sign-off'].summary).toMatch(/GITHUB_TOKEN/)
    expect(r.stderr).toContain('FAIL Go-live gate failed: 2 blocking items not passed')
  })

  it('writes the markdown report the job summary uses', async () => {
    const root = demo('{"p95_ms": 730}')
    await runInProcess(['check', '--markdown', 'summary.md'], root)
    const md = readFileSync(path.join(root, 'summary.md'), 'utf8')
    expect(md).toContain('## ❌ Go-live gate failed: 1 blocking item not passed')
    expect(md).toContain(
      '| ❌ | Order latency p95 under 500 ms<br><sub>`p95`</sub> | `values` | p95\\_ms is 730, expected &lt; 500 (perf.json) |'
    )
  })
})

describe('errors exit 2 with a located line and no stack trace', () => {
  it('for a malformed checklist (check through the bundle, validate in this process)', async () => {
    const root = tempTree({
      '.github/go-live.yml':
        'version: 1\nname: x\nsections:\n  - title: S\n    items:\n      - { id: a, title: A, check: fle }\n'
    })
    for (const command of ['check', 'validate']) {
      const r = command === 'check' ? runCli([command], root) : await runInProcess([command], root)
      expect(r.code).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr).toBe(
        `.github/go-live.yml:6:35: 'check' must be one of: manual, approvals, secrets, coverage, vulnerabilities, licenses, sarif, ci-status, workflow, file, values, http, prometheus (got "fle")\n`
      )
    }
  })

  // the command line's own code in this process for each case (its output and exit code); one of them through the
  // bundle as well, which prints the same and exits with that code; two through the bundle only
  const cases: [string[], RegExp][] = [
    [['deploy'], /^go-live-gate: unknown command 'deploy'/],
    [['check', '--mode', 'lenient'], /^go-live-gate: --mode must be enforce or report, not 'lenient'/],
    [['check', '--pr', 'seven'], /^go-live-gate: --pr must be a pull request number, not 'seven'/],
    [['check', '--repo', 'acme/trading'], /^go-live-gate: --repo goes with --pr N/],
    [
      ['merge', '--mode', 'lenient', 'a.json'],
      /^go-live-gate: --mode must be enforce or report, not 'lenient'/
    ],
    [['validate', 'extra'], /^go-live-gate: 'validate' takes no arguments/],
    [['import'], /^go-live-gate: 'import' takes 1 argument/],
    [[], /^go-live-gate: a command is needed/]
  ]
  const inProcess = runInProcess

  it('for a missing checklist, an unknown command, a bad option or a bad mode', async () => {
    const root = tempTree()
    for (const [args, message] of cases) {
      const r = await inProcess(args, root)
      expect([args, r.code]).toEqual([args, 2])
      expect(r.stderr).toMatch(message)
      expect(r.stderr).not.toMatch(/\n\s+at /)
      expect(r.stdout).toBe('')
    }
    const bundled = runCli(['deploy'], root)
    expect(bundled).toEqual(await inProcess(['deploy'], root))
    const bundleOnly: [string[], RegExp][] = [
      // node's own argument errors come from another realm under jest (their message is lost there)
      [['check', '--colour'], /^go-live-gate: Unknown option '--colour'/],
      // (the check command's code, loaded in this process, would count whole in the coverage of src)
      [
        ['check'],
        /^go-live-gate: \.github\/go-live\.yml: no checklist there; write one with 'go-live-gate init'/
      ]
    ]
    for (const [args, message] of bundleOnly) {
      const r = runCli(args, root)
      expect([args, r.code]).toEqual([args, 2])
      expect(r.stderr).toMatch(message)
      expect(r.stderr).not.toMatch(/\n\s+at /)
    }
  })

  it('--help and --version answer on standard output, exit 0', async () => {
    const root = tempTree()
    const help = await inProcess(['--help'], root)
    expect([help.code, help.stderr]).toEqual([0, ''])
    expect(help.stdout).toMatch(/^go-live-gate: a go-live checklist as code/)
    expect(help.stdout).toContain('Exit codes: 0 the gate passed')
    const version = await inProcess(['-v'], root)
    expect(version).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' })
  })
})

describe('init, validate and import', () => {
  // (in this process: init and validate through the bundle in templates/detect.test.ts)
  it('init writes a starter that validates, and refuses to overwrite it', async () => {
    const root = tempTree()
    expect((await runInProcess(['init'], root)).code).toBe(0)
    const v = await runInProcess(['validate'], root)
    expect(v.code).toBe(0)
    expect(v.stdout).toMatch(/^\.github\/go-live\.yml: valid \(\d+ items in 10 sections\)\n$/)
    const again = await runInProcess(['init'], root)
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('exists already: use --force')
  })
})

describe('the bundled example', () => {
  it('npm start shows a mixed verdict and exits 0 (report mode)', () => {
    const root = path.resolve(HERE, '../..')
    const r = runCli(['check', '--cwd', 'examples/mech-exo', '--mode', 'report'], root)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Mech-Exo Trading System v0.5.0')
    expect(r.stdout).toMatch(/✔ pass\s+order-latency-p95/)
    expect(r.stdout).toMatch(/✖ fail\s+ml-weight-0-15\s+features\.ml\.weight is 0\.25, expected <= 0\.15/)
    expect(r.stdout).toMatch(/… pending rotate-telegram-bot-tokens/)
    // the deployment day and after: later stages, one line a section, no Prometheus needed
    expect(r.stdout).toContain('\nDeployment Day (T-0)  12 items skipped: stages pre-deploy, post-deploy\n')
    expect(r.stdout).toContain('\nSuccess Metrics (First 7 Days)  5 items skipped: stage first-week\n')
    expect(r.stdout).toMatch(/FAIL Go-live gate failed: \d+ blocking items not passed/)
  })
})
