import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { rmSync } from 'node:fs'
import type { Item } from '../../src/checklist/types.js'
import { regexProblem } from '../../src/checklist/regex-safety.js'
import { check, type SecretFinding } from '../../src/checks/secrets/index.js'
import { READER_PATTERNS } from '../../src/checks/secrets/rule-kit.js'
import { RULES } from '../../src/checks/secrets/rules.js'
import { generator } from '../../src/checks/secrets/rules/sample-kit.js'
import { SecretScanner } from '../../src/checks/secrets/scanner.js'
import { context, tempTree } from '../helpers/context.js'

// The assignment forms of the reader (R, PowerShell, credential files, pairs, heredocs...) against hostile
// input: no pattern that can backtrack catastrophically, values capped on huge lines, and nothing printed
// but the redacted form.
const scanner = new SecretScanner()
const env = { now: new Date('2026-12-01T00:00:00Z') }
const MB = 1 << 20

describe('secrets assignment reader: regex safety', () => {
  test('every pattern of the reader and of the built-in rules passes the catastrophic-backtracking check', () => {
    const sources = [
      ...READER_PATTERNS.map(r => r.source),
      ...RULES.flatMap(r => (r.pattern ? [r.pattern] : []))
    ]
    expect(sources.length).toBeGreaterThan(40)
    expect(sources.map(p => [p, regexProblem(p)]).filter(([, problem]) => problem !== undefined)).toEqual([])
  })
})

describe('secrets assignment reader: huge and hostile lines', () => {
  // each form, with a 1 MB run where a regex or a loop would go wrong if it were not bounded
  const run = 'a1'.repeat(MB / 2)
  const attacks: [string, string][] = [
    ['R arrow before a huge literal', `password <- "${run}"\n`],
    ['R reverse arrow after a huge literal', `"${run}" -> password\n`],
    ['R reverse arrow after many quotes', `${'"'.repeat(MB)} -> password\n`],
    ['assign() with an unterminated value', `assign("password", "${run}\n`],
    ['pairs nested without end', `${'{password, '.repeat(MB / 12)}\n`],
    ['Erlang binary without end', `{password, <<${'<'.repeat(MB)}\n`],
    ['.netrc with endless login fields', `machine h${' login u'.repeat(MB / 8)} password ${run}\n`],
    ['.netrc with a huge blank run', `machine h login u${' '.repeat(MB)}password Xy7${run}\n`],
    ['.pgpass with a million colons', `h:5432:${':'.repeat(MB)}\n`],
    ['.pgpass with a huge password', `h:5432:db:u:${run}\n`],
    [
      'ConvertTo-SecureString with endless switches',
      `ConvertTo-SecureString${' -Force'.repeat(MB / 7)} "x1Y2z3W4v5" -AsPlainText\n`
    ],
    ['NetworkCredential with a huge user', `new NetworkCredential("${run}", "Pq8-rs7Tuv6w")\n`],
    ['auth=( with endless arguments', `auth=(${'"a", '.repeat(MB / 5)}\n`],
    ['heredoc without terminator', `password = <<EOF\n${run}\n`],
    ['heredoc with a huge marker', `password = <<${'E'.repeat(MB)}\nvalue\n`],
    ['YAML block with a huge indent', `password: |\n${' '.repeat(MB)}Xy7-secretish9\n`],
    ['unterminated triple quote', `password = '''${run}\n`],
    ['ENV with a huge value', `ENV DB_PASSWORD ${run}\n`],
    ['directive with a huge value', `requirepass ${run}\n`],
    ['Makefile ?= with a huge value', `DB_PASSWORD ?= ${run}\n`],
    ['Ruby symbol repeated', `${':password => '.repeat(MB / 14)}\n`],
    ['keywords back to back', `${'password'.repeat(MB / 8)}\n`],
    ['control characters', `Password: ${'\u0000\u0018'.repeat(MB / 2)}\n`]
  ]
  test.each(attacks)('%s: scanned, and any value found is at most 300 characters', (_name, text) => {
    const found = scanner.scanText(text, env)
    for (const f of found) expect(f.secret.length).toBeLessThanOrEqual(300)
  })
})

describe('secrets assignment reader: nothing printed but the redacted form', () => {
  let dir: string
  const g = generator(99)
  const secrets: string[] = []
  const files: Record<string, string> = {}
  const add = (file: string, before: string, secret: string, after = '\n'): void => {
    secrets.push(secret)
    files[file] = (files[file] ?? '') + before + secret + after
  }
  beforeAll(() => {
    add('db.R', 'password <- "', g.password(16), '"\n')
    add('db.R', '"', g.password(16), '" -> db_password\n')
    add('run.ps1', '$s = ConvertTo-SecureString "', g.password(16), '" -AsPlainText -Force\n')
    add('.pgpass', 'db:5432:app:app:', g.password(16))
    add('.netrc', 'machine h login u password ', g.password(16))
    add('main.tf', 'password = <<EOT\n', g.password(16), '\nEOT\n')
    add('sys.config', '{password, <<"', g.password(16), '">>}\n')
    add('Dockerfile', 'ENV DB_PASSWORD ', g.password(16))
    dir = tempTree(files)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('every one is found, and the report holds only its first 4 characters', async () => {
    const o = await check({}, { id: 'creds', title: 'No credentials' } as Item, context(dir))
    const findings = o.details?.findings as SecretFinding[]
    expect(findings.length).toBe(secrets.length)
    for (const f of findings) expect(f.redacted).toMatch(/^.{0,4}…$/)
    const out = JSON.stringify(o)
    expect(secrets.filter(s => out.includes(s) || out.includes(s.slice(4, 12)))).toEqual([])
  })
})
