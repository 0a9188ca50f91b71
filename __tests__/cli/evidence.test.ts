import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { DAY, gitIn, tempRepo } from '../helpers/context.js'
import { runInProcess } from '../helpers/in-process.js'
import { runCli } from '../helpers/run-dist.js'
import schema from '../../schemas/evidence.schema.json' with { type: 'json' }

const NOW = Date.now()
// a canary credential, built at run time, in a config value the checklist asserts on
const CANARY = ['sk', 'live', 'Zq8w', 'Rt5y', 'Ui3o', 'Pa1s', 'Df7g'].join('_')
const CHECKLIST = `version: 1
name: Payments
release: v2.1.0
sections:
  - title: Config
    items:
      - id: risk-limit
        title: Risk limit set
        check: values
        with: { file: config.json, assert: [{ path: risk.max_usd, lte: 50000 }, { path: stripe, not-equals: {} }] }
      - id: runbook
        title: Runbook
        check: file
        with: { path: docs/runbook.md }
`

function repo() {
  return tempRepo([
    {
      date: new Date(NOW - DAY),
      files: {
        '.github/go-live.yml': CHECKLIST,
        'config.json': JSON.stringify({ risk: { max_usd: 40000 }, stripe: { api_key: CANARY } }),
        'docs/runbook.md': '# Runbook\n',
        'dist/app.tgz': 'the release artifact\n'
      }
    }
  ])
}

const validate = (() => {
  const ajv = new Ajv({ allErrors: true, strict: false })
  ;(addFormats as unknown as { default: (a: Ajv) => void }).default(ajv)
  return ajv.compile(schema)
})()

describe('evidence', () => {
  it('writes an in-toto statement that matches the JSON report item by item, and verify-evidence accepts it', () => {
    const root = repo()
    const sha = gitIn(root, ['rev-parse', 'HEAD']).trim()
    const r = runCli(
      [
        'check',
        '--json',
        'report.json',
        '--evidence',
        'evidence.json',
        '--subjects',
        'dist/*.tgz',
        '--mode',
        'report'
      ],
      root
    )
    expect(r.code).toBe(0)
    const text = readFileSync(path.join(root, 'evidence.json'), 'utf8')
    const statement = JSON.parse(text)
    expect(validate(statement)).toBe(true)
    expect(statement.subject).toEqual([
      { name: 'git', digest: { gitCommit: sha } },
      {
        name: 'dist/app.tgz',
        digest: { sha256: createHash('sha256').update('the release artifact\n').digest('hex') }
      }
    ])
    const p = statement.predicate
    expect(p.checklist).toMatchObject({
      path: '.github/go-live.yml',
      release: 'v2.1.0',
      sha256: createHash('sha256').update(CHECKLIST).digest('hex')
    })
    const report = JSON.parse(readFileSync(path.join(root, 'report.json'), 'utf8'))
    expect(p.result).toBe(report.result)
    expect(p.counts).toEqual(report.counts)
    expect(p.items).toEqual(
      report.items.map((i: Record<string, unknown>) => ({
        id: i.id,
        section: i.section,
        title: i.title,
        check: i.check,
        severity: i.severity,
        status: i.status,
        summary: i.summary,
        details: i.details
      }))
    )
    // redacted like every other output
    expect(text).not.toContain(CANARY)

    const ok = runCli(
      ['verify-evidence', 'evidence.json', '--commit', sha, '--checklist', '.github/go-live.yml'],
      root
    )
    expect(ok.stdout).toContain('evidence.json: verified')
    expect(ok.stdout).toContain(`commit:    ${sha}`)
    expect(ok.stdout).toContain('verdict:   PASS')
    expect(ok.code).toBe(0)
  })

  // (verify-evidence accepts through the bundle above; its refusals through the same code in this process)
  it('refuses the statement after one byte of the checklist or the commit changes, or an item is edited', async () => {
    const root = repo()
    const sha = gitIn(root, ['rev-parse', 'HEAD']).trim()
    runCli(['check', '--evidence', 'evidence.json'], root)

    writeFileSync(path.join(root, '.github/go-live.yml'), CHECKLIST.replace('50000', '50001'))
    const changed = await runInProcess(
      ['verify-evidence', 'evidence.json', '--checklist', '.github/go-live.yml'],
      root
    )
    expect(changed.code).toBe(1)
    expect(changed.stdout).toContain('evidence.json: NOT VERIFIED')
    expect(changed.stdout).toMatch(
      /\.github\/go-live\.yml has sha256 [0-9a-f]{64}; the gate judged a checklist with [0-9a-f]{64}: it changed since/
    )

    const other = sha.replace(/^./, c => (c === 'a' ? 'b' : 'a'))
    const wrongCommit = await runInProcess(['verify-evidence', 'evidence.json', '--commit', other], root)
    expect(wrongCommit.code).toBe(1)
    expect(wrongCommit.stdout).toContain(`the statement is for commit ${sha}, not ${other}`)

    const statement = JSON.parse(readFileSync(path.join(root, 'evidence.json'), 'utf8'))
    statement.predicate.items[1].status = 'fail'
    writeFileSync(path.join(root, 'edited.json'), JSON.stringify(statement))
    const edited = await runInProcess(['verify-evidence', 'edited.json'], root)
    expect(edited.code).toBe(1)
    expect(edited.stdout).toContain('the counts say 2 pass, the items 1')
  })

  it('says plainly what is not a statement (exit 2), without quoting it', async () => {
    const root = repo()
    writeFileSync(path.join(root, 'junk.json'), `{"_type": "${CANARY}`)
    const junk = await runInProcess(['verify-evidence', 'junk.json'], root)
    expect([junk.code, junk.stderr.trim()]).toEqual([2, 'junk.json is not JSON: not an evidence statement'])
    writeFileSync(
      path.join(root, 'other.json'),
      JSON.stringify({
        _type: 'https://in-toto.io/Statement/v1',
        subject: [],
        predicateType: 'x',
        predicate: {}
      })
    )
    const other = await runInProcess(['verify-evidence', 'other.json'], root)
    expect(other.code).toBe(2)
    expect(other.stderr).toContain(
      'other.json is not a go-live-gate evidence statement (https://go-live-gate.dev/evidence/v1):'
    )
    expect(junk.stderr + other.stderr).not.toContain(CANARY)
  })
})
