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
  // one run of the bundled CLI on a checklist with one item per broken report; each format has its own test
  let root: string
  let run: { code: number; stdout: string; stderr: string; markdown: string }
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'coverage-quoting-'))
    mkdirSync(path.join(root, '.github'), { recursive: true })
    const items = broken.map(([name, text], i) => {
      writeFileSync(path.join(root, name), text)
      return `      - id: coverage-${i}\n        title: Coverage ${i}\n        check: coverage\n        with: { reports: ${JSON.stringify(name)} }\n`
    })
    writeFileSync(
      path.join(root, '.github/go-live.yml'),
      `version: 1\nname: Quoting\nsections:\n  - title: Quality\n    items:\n${items.join('')}`
    )
    const md = path.join(root, 'summary.md')
    const r = runCli(['check', '--json', '-', '--markdown', md], root)
    run = { ...r, markdown: readFileSync(md, 'utf8') }
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  test.each(broken.map((b, i) => [...b, i] as const))(
    '%s: error with file and line, no canary anywhere',
    (_name, _text, want, i) => {
      expect(run.code).toBe(1)
      const item = (JSON.parse(run.stdout) as Report).items.find(x => x.id === `coverage-${i}`)!
      expect(item.status).toBe('error')
      expect(item.summary).toContain(want)
      for (const out of [run.stdout, run.stderr, run.markdown]) {
        expect(out).not.toContain(CANARY)
        expect(out).not.toContain('R3p0rtC4n4ry')
      }
    }
  )
})
