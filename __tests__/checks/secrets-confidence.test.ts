import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { Item } from '../../src/checklist/types.js'
import { parseChecklist } from '../../src/checklist/load.js'
import { check, type SecretFinding, type SecretsOptions } from '../../src/checks/secrets/index.js'
import { FAMILIES } from '../../src/checks/secrets/rules/families.js'
import { generator } from '../../src/checks/secrets/rules/sample-kit.js'
import { SecretScanner } from '../../src/checks/secrets/scanner.js'
import type { Outcome } from '../../src/checks/types.js'
import type { GateResult } from '../../src/gate/types.js'
import { toJsonReport } from '../../src/report/json.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import { toSarif } from '../../src/report/sarif.js'
import { renderTerminal } from '../../src/report/terminal.js'
import { context, tempTree } from '../helpers/context.js'
import { runCli } from '../helpers/run-dist.js'

const item = { id: 'no-hardcoded-credentials', title: 'No credentials' } as Item
const run = (dir: string, options: SecretsOptions): Promise<Outcome> => check(options, item, context(dir))

function asGate(o: Outcome): GateResult {
  return {
    checklist: { name: 't', path: '.github/go-live.yml' },
    verdict: o.status === 'fail' ? 'fail' : 'pass',
    counts: { pass: 0, fail: 0, pending: 0, error: 0, skipped: 0, waived: 0, [o.status]: 1 },
    blockingFailures: o.status === 'fail' ? 1 : 0,
    items: [
      {
        id: item.id,
        section: 'Security',
        title: item.title,
        check: 'secrets',
        severity: 'blocking',
        status: o.status,
        summary: o.summary,
        details: o.details ?? {},
        annotations: o.annotations ?? [],
        durationMs: 1,
        item
      }
    ]
  } as GateResult
}

describe('secrets: confidence and fail-on', () => {
  let dir: string
  const g = generator(7)
  const pat = g.checksummed('ghp_')
  const pw = g.password(14)
  beforeAll(() => {
    dir = tempTree({ 'a.env': `GH=${pat}\n`, 'b.py': `password = "${pw}"\n` })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('each finding says how sure it is; by default every finding fails', async () => {
    const o = await run(dir, {})
    expect(o.status).toBe('fail')
    expect((o.details?.findings as SecretFinding[]).map(f => `${f.rule}:${f.confidence}`)).toEqual([
      'github-pat:high',
      'generic-password:medium'
    ])
    expect(o.summary).toMatch(/^2 credentials found \(github-pat in a\.env:1, generic-password in b\.py:1\)/)
  })

  test('fail-on: high fails on validated formats only; medium findings become warnings', async () => {
    const o = await run(dir, { 'fail-on': 'high' })
    expect(o.status).toBe('fail')
    expect(o.summary).toBe(
      '1 credential found (github-pat in a.env:1): remove it, rotate it, and use a secret store; 1 more below fail-on as warnings'
    )
    expect(o.annotations?.map(a => a.level)).toEqual(['error', 'warning'])
    const only = await run(dir, { 'fail-on': 'high', rules: { disable: ['github-pat'] } })
    expect(only.status).toBe('pass')
    expect(only.summary).toMatch(
      /^no high-confidence credentials in 2 files \(\d+ B\); 1 medium-confidence finding to review \(generic-password in b\.py:1\): remove or allow it$/
    )
  })
})

describe('secrets: fail-on in the SARIF log and the JSON report', () => {
  let dir: string
  const g = generator(8)
  beforeAll(() => {
    dir = tempTree({ 'a.env': `GH=${g.checksummed('ghp_')}\n`, 'b.py': `password = "${g.password(14)}"\n` })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const levels = (o: Outcome): { sarif: string[]; json: string[] } => {
    const gate = asGate(o)
    const sarif = toSarif(gate, { toolVersion: '0.0.0' }) as {
      runs: { results: { ruleId: string; level: string }[] }[]
    }
    const report = JSON.parse(JSON.stringify(toJsonReport(gate))) as {
      items: { details: { findings: { rule: string; confidence: string; level: string }[] } }[]
    }
    return {
      sarif: sarif.runs[0].results.map(r => `${r.ruleId}:${r.level}`),
      json: report.items[0].details.findings.map(f => `${f.rule}:${f.confidence}:${f.level}`)
    }
  }

  test('under fail-on: high a medium finding is a SARIF warning and a JSON warning; the high one stays an error', async () => {
    const o = await run(dir, { 'fail-on': 'high' })
    expect(levels(o)).toEqual({
      sarif: ['github-pat:error', 'generic-password:warning'],
      json: ['github-pat:high:error', 'generic-password:medium:warning']
    })
  })

  test('by default (fail-on: medium) every finding fails: all errors', async () => {
    const o = await run(dir, {})
    expect(levels(o)).toEqual({
      sarif: ['github-pat:error', 'generic-password:error'],
      json: ['github-pat:high:error', 'generic-password:medium:error']
    })
  })

  test('a passing item with only medium findings under fail-on: high writes warnings only', async () => {
    const o = await run(dir, { 'fail-on': 'high', rules: { disable: ['github-pat'] } })
    expect(o.status).toBe('pass')
    expect(levels(o)).toEqual({
      sarif: ['generic-password:warning'],
      json: ['generic-password:medium:warning']
    })
    expect(o.annotations?.map(a => a.level)).toEqual(['warning'])
  })
})

describe('secrets: fail-on through the bundled CLI (--sarif, --json)', () => {
  let dir: string
  const g = generator(9)
  const pat = g.checksummed('ghp_')
  const pw = g.password(14)
  beforeAll(() => {
    dir = tempTree({
      '.github/go-live.yml': [
        'version: 1',
        'name: t',
        'sections:',
        '  - title: Security',
        '    items:',
        '      - id: creds',
        '        title: No credentials',
        '        check: secrets',
        '        with: { fail-on: high, exclude: [".github/**", "out/**"] }',
        ''
      ].join('\n'),
      'a.env': `GH=${pat}\n`,
      'b.py': `password = "${pw}"\n`
    })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('the high finding is an error, the medium one a warning, in the SARIF log and the JSON report', () => {
    const r = runCli(['check', '--sarif', 'out/s.sarif', '--json', 'out/r.json'], dir)
    expect(r.code).toBe(1)
    const sarif = JSON.parse(readFileSync(path.join(dir, 'out/s.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string; level: string }[] }[]
    }
    expect(sarif.runs[0].results.map(x => `${x.ruleId}:${x.level}`)).toEqual([
      'github-pat:error',
      'generic-password:warning'
    ])
    const report = JSON.parse(readFileSync(path.join(dir, 'out/r.json'), 'utf8')) as {
      items: { summary: string; details: { findings: { rule: string; level: string }[] } }[]
    }
    expect(report.items[0].details.findings.map(f => `${f.rule}:${f.level}`)).toEqual([
      'github-pat:error',
      'generic-password:warning'
    ])
    expect(report.items[0].summary).toMatch(/; 1 more below fail-on as warnings$/)
    const all = r.stdout + r.stderr + JSON.stringify(sarif) + JSON.stringify(report)
    expect([pat, pw].filter(s => all.includes(s) || all.includes(s.slice(4, 12)))).toEqual([])
  })
})

describe('secrets: no credential in any output (canaries from every rule sample)', () => {
  let dir: string
  const secrets: string[] = []
  let outcome: Outcome
  beforeAll(async () => {
    const files: Record<string, string> = {}
    const scanner = new SecretScanner()
    FAMILIES.forEach((family, fi) => {
      family.samples.positive(generator(1000 + fi)).forEach((s, i) => {
        files[`${family.name}/${i}-${s.file ?? 'sample.txt'}`] = s.text
        for (const f of scanner.scanText(s.text, { now: new Date() })) secrets.push(f.secret)
      })
    })
    dir = tempTree(files)
    outcome = await run(dir, { 'fail-on': 'high' })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('the canaries were found, and no output holds more than their first 4 characters', () => {
    expect(secrets.length).toBeGreaterThan(80)
    const findings = outcome.details?.findings as SecretFinding[]
    expect(findings.length).toBeGreaterThanOrEqual(secrets.length)
    for (const f of findings) expect(f.redacted).toMatch(/^.{0,4}…$/)
    const gate = asGate(outcome)
    const outputs = [
      JSON.stringify(outcome),
      JSON.stringify(toJsonReport(gate)),
      JSON.stringify(toSarif(gate, { toolVersion: '0.0.0' })),
      renderMarkdown(gate),
      renderTerminal(gate)
    ].join('\n')
    expect(secrets.filter(s => outputs.includes(s))).toEqual([])
    // not even past the first four characters
    expect(secrets.filter(s => s.length >= 10 && outputs.includes(s.slice(4, 10)))).toEqual([])
  })
})

describe('secrets: fail-on in the checklist', () => {
  const checklist = (failOn: string): string =>
    [
      'version: 1',
      'name: t',
      'sections:',
      '  - title: S',
      '    items:',
      '      - id: creds',
      '        title: No credentials',
      '        check: secrets',
      `        with: { fail-on: ${failOn} }`,
      ''
    ].join('\n')

  test('defaults to medium, accepts high, refuses anything else with PATH:LINE:COL', () => {
    const root = tempTree()
    try {
      const defaults = parseChecklist(checklist('medium').replace(/ +with: .*\n/, ''), '.github/go-live.yml')
      expect(defaults.items[0].with?.['fail-on']).toBe('medium')
      expect(parseChecklist(checklist('high'), '.github/go-live.yml').items[0].with?.['fail-on']).toBe('high')
      expect(() => parseChecklist(checklist('low'), '.github/go-live.yml')).toThrow(
        /^\.github\/go-live\.yml:9:\d+: .*fail-on/m
      )
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
