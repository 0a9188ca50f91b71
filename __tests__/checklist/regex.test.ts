import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { compileUserRegex, userRegexProblem } from '../../src/checklist/regex.js'
import type { Item } from '../../src/checklist/types.js'
import { check as httpCheck } from '../../src/checks/http/index.js'
import { SecretScanner } from '../../src/checks/secrets/scanner.js'
import { context, gitIn, tempTree } from '../helpers/context.js'
import { runInProcess } from '../helpers/in-process.js'
import { runCli } from '../helpers/run-dist.js'

const dirs: string[] = []
const tree = (files: Record<string, string> = {}) => {
  const d = tempTree(files)
  dirs.push(d)
  return d
}
let server: Server
let base = ''
beforeAll(async () => {
  server = createServer((_req, res) => res.end('Status: HEALTHY\nversion 1.2.3'))
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => {
  server.close()
  dirs.forEach(d => rmSync(d, { recursive: true, force: true }))
})

describe('one regex dialect', () => {
  it('leading inline flags (?i) (?s) (?m) and combinations become JavaScript flags', () => {
    expect(compileUserRegex('(?i)runbook').test('RUNBOOK')).toBe(true)
    expect(compileUserRegex('(?s)a.b').test('a\nb')).toBe(true)
    expect(compileUserRegex('a.b').test('a\nb')).toBe(false)
    expect(compileUserRegex('(?im)^rto$').test('x\nRTO\ny')).toBe(true)
    expect(compileUserRegex('\\p{Lu}{3}').test('ÄÖÜ')).toBe(true)
    // legacy syntax that Unicode mode refuses still works, in validate and in check alike
    expect(userRegexProblem('[\\w-.]+')).toBeUndefined()
    expect(compileUserRegex('[\\w-.]+').test('a.b')).toBe(true)
  })

  it('refuses flags elsewhere, unknown flags, broken and catastrophic patterns', () => {
    expect(userRegexProblem('abc(?i)def')).toBe(
      'does not compile: inline flags are allowed only at the start of the pattern, as in (?i)abc (found at character 4)'
    )
    expect(userRegexProblem('(?i:abc)')).toMatch(/only at the start/)
    expect(userRegexProblem('(?x)a b')).toBe(
      "does not compile: inline flag 'x' is not supported (use i, m or s, as in (?i))"
    )
    expect(userRegexProblem('(?i)(a+)+b')).toMatch(/catastrophically/)
    expect(userRegexProblem('(?i)([a-z')).toMatch(/^does not compile: /)
    // escaped or inside a class, "(?i)" is text
    expect(userRegexProblem('\\(?i\\)')).toBeUndefined()
    expect(userRegexProblem('[(?i)]')).toBeUndefined()
    expect(() => compileUserRegex('a(?i)b')).toThrow(/only at the start/)
  })

  it('http contains understands (?i) as secrets does', async () => {
    const item = { id: 'h', title: 'H' } as Item
    const outcome = await httpCheck(
      {
        url: `${base}/`,
        method: 'GET',
        status: 200,
        retries: 0,
        timeout: 5,
        contains: '(?i)status: healthy'
      },
      item,
      context(tree())
    )
    expect([outcome.status, outcome.summary]).toEqual([
      'pass',
      expect.stringMatching(/answered 200 in \d+ ms$/)
    ])
    const scanner = new SecretScanner({ custom: [{ id: 'acme', pattern: '(?i)acme_[a-z0-9]{8}' }] })
    expect(scanner.rules[0].regex?.flags).toBe('giu')
  })

  it('validate and check agree: (?i) works in file and values, and what check refuses validate refuses at PATH:LINE:COL', () => {
    const root = tree({
      'docs/rollback.md': '# Rollback\nRTO: 2 hours\n',
      'config.yaml': 'mode: Production\n',
      '.github/go-live.yml': `version: 1
name: Regex
sections:
  - title: S
    items:
      - id: runbook
        title: Runbook names the RTO
        check: file
        with: { path: docs/rollback.md, contains: "(?i)^rto:", not-contains: "(?i)todo" }
      - id: mode
        title: Production mode
        check: values
        with: { file: config.yaml, assert: [{ path: mode, matches: "(?i)^production$" }] }
`
    })
    gitIn(root, ['init', '-q'])
    expect(runCli(['validate'], root).code).toBe(0)
    const ok = runCli(['check'], root)
    expect(ok.stdout).toMatch(/✔ pass\s+runbook/)
    expect(ok.stdout).toMatch(/✔ pass\s+mode/)
    expect(ok.code).toBe(0)

    const bad = tree({
      '.github/go-live.yml': `version: 1
name: Regex
sections:
  - title: S
    items:
      - id: a
        title: A
        check: file
        with: { path: a.md, contains: "abc(?i)def" }
      - id: b
        title: B
        check: values
        with: { file: c.yaml, assert: [{ path: mode, matches: "(?x)a b" }] }
      - id: c
        title: C
        check: http
        with: { url: "https://example.invalid/", contains: "(?i:ok)" }
`
    })
    for (const command of ['validate', 'check']) {
      const r = runCli([command], bad)
      expect([command, r.code]).toEqual([command, 2])
      expect(r.stderr.trim().split('\n')).toEqual([
        `.github/go-live.yml:9:39: 'contains': does not compile: inline flags are allowed only at the start of the pattern, as in (?i)abc (found at character 4)`,
        `.github/go-live.yml:13:63: 'matches': does not compile: inline flag 'x' is not supported (use i, m or s, as in (?i))`,
        `.github/go-live.yml:17:60: 'contains': does not compile: inline flags are allowed only at the start of the pattern, as in (?i)abc (found at character 1)`
      ])
    }
  })
})

describe('the time budget of a user regex (GO_LIVE_GATE_REGEX_BUDGET_MS)', () => {
  const slow = () =>
    tree({
      '.github/go-live.yml': `version: 1
name: Budget
sections:
  - title: S
    items:
      - id: notes
        title: Release notes
        check: file
        with: { path: NOTES.md, contains: "^(a|a)*b" }
`,
      'NOTES.md': `${'a'.repeat(60)}\n`
    })

  it('a shorter budget stops a slow pattern sooner, still as an error saying what to do', async () => {
    const r = await runInProcess(['check'], slow(), { GO_LIVE_GATE_REGEX_BUDGET_MS: '20' })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /! error\s+notes\s+the pattern \/\^\(a\|a\)\*b\/ ran for more than 20 ms: simplify it/
    )
  })

  it('cannot lengthen the budget nor be anything but a whole number: a usage error, nothing judged', async () => {
    for (const value of ['2001', '60000', '0', '-5', '1.5', 'abc', '1e3', ' 20 ms']) {
      const r = await runInProcess(['check'], slow(), { GO_LIVE_GATE_REGEX_BUDGET_MS: value })
      expect([value, r.code]).toEqual([value, 2])
      expect(r.stderr).toContain(
        'GO_LIVE_GATE_REGEX_BUDGET_MS must be a whole number of milliseconds from 1 to 2000: set it so or remove it'
      )
      expect(r.stdout).not.toMatch(/notes/)
    }
  })
})
