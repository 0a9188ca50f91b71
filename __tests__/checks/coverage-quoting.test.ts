// Issue 9, finding 26: a coverage report that fails to parse must not have its text printed. A canary
// credential inside a broken report of each format, through the bundled CLI: the item is `error`, the
// message names the file and line, and the canary appears nowhere in what the gate prints or writes.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { runCli } from '../helpers/run-dist.js'

// built at run time, so that no credential-shaped string is committed
const CANARY = ['ghp', '_', 'R3p0rtC4n4ry', 'x'.repeat(4), '0123456789abcdef'.slice(0, 14)].join('')

const broken: [string, string, string][] = [
  [
    'lcov.info',
    `TN:\nSF:src/a.js\nDA:1,1\nDA:${CANARY},1\nend_of_record\n`,
    'lcov.info:4: expected DA:<line>,<hits>'
  ],
  [
    'bad-record.info',
    `TN:\nSF:src/a.js\n${CANARY}\nend_of_record\n`,
    'bad-record.info:3: not an lcov record'
  ],
  ['cover.out', `mode: set\nsrc/a.go:1.1,2.2 1 ${CANARY}\n`, 'cover.out:2: expected'],
  [
    'coverage.json',
    `{\n "a": {"statementMap": {}, "s": {}},\n "${CANARY}": \n}`,
    'coverage.json:4: not valid JSON'
  ],
  ['entry.json', `{"${CANARY}": 1}`, 'entry.json:1: an entry is not an object'],
  [
    'cobertura.xml',
    `<?xml version="1.0"?>\n<coverage line-rate="1">\n<${CANARY}>\n</coverage>\n`,
    'cobertura.xml:4: not well-formed XML'
  ],
  [
    'attr.xml',
    `<?xml version="1.0"?>\n<coverage line-rate="1" ${CANARY}>\n</coverage>\n`,
    'attr.xml:2: not well-formed XML'
  ],
  [
    'root.xml',
    `<?xml version="1.0"?>\n<${CANARY}/>\n`,
    'root.xml:2: the root element is not Cobertura, Clover or JaCoCo coverage'
  ]
]

interface Report {
  items: { id: string; status: string; summary: string }[]
}

describe('a coverage report that does not parse is never quoted (bundle)', () => {
  let root: string
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'coverage-quoting-'))
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  test.each(broken)('%s: error with file and line, no canary anywhere', (name, text, want) => {
    const dir = path.join(root, name)
    mkdirSync(path.join(dir, '.github'), { recursive: true })
    writeFileSync(path.join(dir, name), text)
    writeFileSync(
      path.join(dir, '.github/go-live.yml'),
      `version: 1\nname: Quoting\nsections:\n  - title: Quality\n    items:\n      - id: unit-coverage\n        title: Unit coverage\n        check: coverage\n        with: { reports: ${JSON.stringify(name)} }\n`
    )
    const md = path.join(dir, 'summary.md')
    const r = runCli(['check', '--json', '-', '--markdown', md], dir)
    expect(r.code).toBe(1)
    const item = (JSON.parse(r.stdout) as Report).items.find(i => i.id === 'unit-coverage')!
    expect(item.status).toBe('error')
    expect(item.summary).toContain(want)
    for (const out of [r.stdout, r.stderr, readFileSync(md, 'utf8')]) {
      expect(out).not.toContain(CANARY)
      expect(out).not.toContain('R3p0rtC4n4ry')
    }
  })
})
