import { describe, expect, it } from '@jest/globals'
import { rmSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { linkProblems } from '../../src/checklist/links.js'
import { parseChecklist } from '../../src/checklist/load.js'
import { regexProblem } from '../../src/checklist/regex-safety.js'
import { ChecklistErrors } from '../../src/errors.js'
import { Workspace } from '../../src/workspace.js'
import { tempTree } from '../helpers/context.js'

const FILE = '.github/go-live.yml'

/** The problem lines a user would see, or [] when the checklist is valid. */
function problems(text: string): string[] {
  try {
    parseChecklist(text, FILE)
    return []
  } catch (e) {
    if (e instanceof ChecklistErrors) return e.problems.map(p => p.toString())
    throw e
  }
}

const head = `version: 1
name: Demo
roles:
  release-manager: { title: Release Manager, users: [alice] }
sections:
  - title: S
    items:
`

describe('valid checklists', () => {
  it('applies the defaults of the file and of each kind, and interpolates ${release} and ${name}', () => {
    const checklist = parseChecklist(
      `${head}      - id: notes
        title: Notes for \${name} \${release}
        check: file
        with: { path: "docs/\${release}.md" }
      - id: sign
        title: Signed
        owner: release-manager
        severity: warning
      - id: scan
        title: Scan
        check: secrets
`,
      FILE,
      { release: 'v1.2.3' }
    )
    const [notes, sign, scan] = checklist.items
    expect(checklist.release).toBe('v1.2.3')
    expect(notes).toMatchObject({
      title: 'Notes for Demo v1.2.3',
      check: 'file',
      severity: 'blocking',
      timeout: 120,
      section: 'S',
      with: { path: 'docs/v1.2.3.md' },
      position: { line: 8, col: 9 }
    })
    expect(sign).toMatchObject({
      check: 'manual',
      severity: 'warning',
      owner: 'release-manager',
      with: { 'expires-on-push': false }
    })
    expect(scan.with).toMatchObject({
      paths: ['.'],
      history: 'none',
      'max-file-size': '1MB',
      rules: { disable: [], custom: [] }
    })
  })

  it('takes the release from the file over the one gated, and leaves other ${...} alone', () => {
    const checklist = parseChecklist(
      `version: 1
name: N
release: r-\${name}
sections:
  - title: S
    items:
      - { id: a, title: "cost \${HOME}", check: values, with: { file: a.json, assert: [{ path: x, exists: true }] } }
`,
      FILE,
      { release: 'main' }
    )
    expect(checklist.release).toBe('r-N')
    expect(checklist.items[0].title).toBe('cost ${HOME}')
  })

  it('accepts anchors and merge keys within the alias limit', () => {
    const checklist = parseChecklist(
      `version: 1
name: N
sections:
  - title: S
    items:
      - { id: a, title: A, check: values, with: &perf { file: perf.json, assert: [{ path: p95, lt: 500 }] } }
      - { id: b, title: B, check: values, with: { <<: *perf, file: perf2.json } }
`,
      FILE
    )
    expect(checklist.items.map(i => i.with.file)).toEqual(['perf.json', 'perf2.json'])
    expect(checklist.items[1].with.assert).toEqual([{ path: 'p95', lt: 500 }])
  })
})

describe('malformed checklists: one located line per problem, all at once', () => {
  const cases: [string, string, string[]][] = [
    ['empty file', '', [`${FILE}:1:1: the checklist is empty: it needs version, name and sections`]],
    ['a scalar', 'hello\n', [`${FILE}:1:1: the checklist must be a mapping with version, name and sections`]],
    [
      'missing required fields',
      'version: 1\n',
      [`${FILE}:1:1: missing required field 'name'`, `${FILE}:1:1: missing required field 'sections'`]
    ],
    [
      'wrong version',
      'version: 2\nname: x\nsections: []\n',
      [`${FILE}:1:10: 'version' must be 1 (got 2)`, `${FILE}:3:11: 'sections' must have at least 1 entry`]
    ],
    [
      'duplicate ids',
      `${head}      - { id: a, title: A }\n      - { id: a, title: B }\n`,
      [`${FILE}:9:15: duplicate id 'a': ids must be unique in the file`]
    ],
    [
      'undefined owner role',
      `${head}      - { id: a, title: A, owner: ops }\n`,
      [`${FILE}:8:35: role 'ops' is not defined (defined: release-manager)`]
    ],
    [
      'undefined approvals role',
      `${head}      - { id: a, title: A, check: approvals, with: { roles: [cto] } }\n`,
      [`${FILE}:8:62: role 'cto' is not defined (defined: release-manager)`]
    ],
    [
      'path out of the repository',
      `${head}      - { id: a, title: A, check: file, with: { path: ../secrets.txt } }\n`,
      [`${FILE}:8:55: '../secrets.txt' must stay inside the repository (no '..')`]
    ],
    [
      'absolute path',
      `${head}      - { id: a, title: A, check: values, with: { file: /etc/passwd, assert: [{ path: a, exists: true }] } }\n`,
      [`${FILE}:8:57: '/etc/passwd' must be relative to the repository root, not absolute`]
    ],
    [
      'bad duration',
      `${head}      - { id: a, title: A, check: file, with: { path: a.md, max-age: 6 months } }\n`,
      [`${FILE}:8:70: 'max-age' must be a duration such as 30s, 15m, 2h or 7d (got "6 months")`]
    ],
    [
      'unknown kind',
      `${head}      - { id: a, title: A, check: jira }\n`,
      [
        `${FILE}:8:35: 'check' must be one of: manual, approvals, secrets, coverage, vulnerabilities, licenses, sarif, ci-status, workflow, file, values, http, prometheus (got "jira")`
      ]
    ],
    [
      'misspelt option',
      `${head}      - { id: a, title: A, check: coverage, with: { report: [lcov.info] } }\n`,
      [
        `${FILE}:8:51: check 'coverage' needs option 'reports'`,
        `${FILE}:8:53: unknown option 'report' for check 'coverage' (did you mean 'reports'?); expected one of: reports, format, min, per-file, changed-lines, min-changed-lines, exclude`
      ]
    ],
    [
      'options missing for a kind that needs them',
      `${head}      - { id: a, title: A, check: workflow }\n`,
      [`${FILE}:8:9: check 'workflow' needs options under 'with:' (workflow)`]
    ],
    [
      'an empty list of what to scan (it would pass on nothing)',
      `${head}      - { id: a, title: A, check: secrets, with: { paths: [] } }\n`,
      [`${FILE}:8:59: 'paths' must have at least 1 entry`]
    ],
    [
      'id not kebab-case',
      `${head}      - { id: Rotate_Keys, title: A }\n`,
      [
        `${FILE}:8:15: 'id' must be kebab-case (lower-case letters, digits and single hyphens) (got "Rotate_Keys")`
      ]
    ],
    [
      'unknown top-level field',
      `version: 1\nname: x\nsectoins: []\nsections: [{ title: S, items: [{ id: a, title: A }] }]\n`,
      [
        `${FILE}:3:1: unknown field 'sectoins' (did you mean 'sections'?); expected one of: version, name, release, roles, defaults, stages, sections, waivers`
      ]
    ],
    [
      'two operators in one assertion',
      `${head}      - { id: a, title: A, check: values, with: { file: a.json, assert: [{ path: x, lt: 5, gt: 1 }] } }\n`,
      [`${FILE}:8:74: assertion has 2 operators (lt, gt); write one assertion per operator`]
    ],
    [
      'malformed dot path',
      `${head}      - { id: a, title: A, check: values, with: { file: a.json, assert: [{ path: "a..b", exists: true }] } }\n`,
      [`${FILE}:8:82: 'path' is malformed: empty key at character 3`]
    ],
    [
      'catastrophic custom secret pattern',
      `${head}      - { id: a, title: A, check: secrets, with: { rules: { custom: [{ id: c, pattern: "(a+)+b" }] } } }\n`,
      [`${FILE}:8:88: custom rule pattern: ${regexProblem('(a+)+b')}`]
    ],
    [
      'regex that does not compile',
      `${head}      - { id: a, title: A, check: file, with: { path: a.md, contains: "([a-z" } }\n`,
      [`${FILE}:8:71: 'contains': ${regexProblem('([a-z')}`]
    ],
    [
      'credentials in a URL',
      `${head}      - { id: a, title: A, check: http, with: { url: "https://u:p@x.example/health" } }\n`,
      [`${FILE}:8:54: 'url' must not carry credentials: a checklist is not a secret store`]
    ],
    [
      'impossible count of approvals',
      `${head}      - { id: a, title: A, check: approvals, with: { roles: [release-manager], count: 2 } }\n`,
      [`${FILE}:8:87: 'count' is 2 but role 'release-manager' has only 1 user`]
    ],
    [
      'role with nobody in it',
      `version: 1\nname: x\nroles:\n  ops: { title: Ops }\nsections: [{ title: S, items: [{ id: a, title: A }] }]\n`,
      [`${FILE}:4:3: role 'ops' has no users and no teams: nobody could sign off as it`]
    ],
    [
      'not a calendar date',
      `${head}      - { id: a, title: A, check: vulnerabilities, with: { ignore: [{ id: X, reason: r, until: 2025-02-30 }] } }\n`,
      [`${FILE}:8:96: 'until' is not a calendar date (got "2025-02-30")`]
    ],
    [
      'duplicate keys',
      'version: 1\nname: a\nname: b\nsections: [{ title: S, items: [{ id: a, title: A }] }]\n',
      [`${FILE}:3:1: YAML: Map keys must be unique`]
    ],
    [
      'several documents',
      'version: 1\n---\nname: b\n',
      [`${FILE}:2:1: YAML: Source contains multiple documents; please use YAML.parseAllDocuments()`]
    ],
    [
      'tab indentation',
      'version: 1\nname: x\nsections:\n\t- title: S\n',
      [`${FILE}:4:1: YAML: a tab in the indentation: YAML indents with spaces only`]
    ]
  ]
  it('refuses unsafe and broken patterns for the reason regexProblem gives', () => {
    expect(regexProblem('(a+)+b')).toMatch(/catastrophic/)
    expect(regexProblem('([a-z')).toMatch(/^does not compile: /)
    expect(regexProblem('^[A-Z]{3}-\\d+$')).toBeUndefined()
  })

  it.each(cases)('%s', (_name, text, expected) => {
    expect(problems(text)).toEqual(expected)
  })

  it('refuses an alias bomb without expanding it', () => {
    const bomb = [
      'version: 1',
      'name: x',
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'sections: [{ title: S, items: [{ id: a, title: A }] }]'
    ].join('\n')
    const started = Date.now()
    const lines = problems(bomb)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(lines).toEqual([`${FILE}:4:8: too many aliases: the checklist expands beyond 100 aliased nodes`])
  })

  it('refuses an alias with no anchor', () => {
    expect(
      problems('version: 1\nname: *nobody\nsections: [{ title: S, items: [{ id: a, title: A }] }]\n')
    ).toEqual([`${FILE}:2:7: alias *nobody has no anchor &nobody before it`])
  })

  it('refuses a recursive alias', () => {
    expect(problems('version: 1\nname: x\nsections: &s [{ title: S, items: *s }]\n')).toEqual([
      `${FILE}:3:34: alias *s refers to a node that contains it (a recursive alias)`
    ])
  })

  it('shows the first YAML syntax errors, not the cascade after them', () => {
    const text = `${head}      - { id: a, title: [A }\n` + '      - { id: b, title: B }\n'.repeat(50)
    const lines = problems(text)
    expect(lines.length).toBeLessThanOrEqual(6)
    expect(lines[0]).toMatch(new RegExp(`^${FILE.replace(/\./g, '\\.')}:8:\\d+: YAML: `))
  })

  it('reports every problem of a file at once, in file order', () => {
    const lines = problems(`version: 1
name: x
sections:
  - title: S
    items:
      - { id: A, title: a }
      - { id: b, title: b, check: file, with: { path: /x } }
      - { id: c, title: c, owner: ghost }
`)
    expect(lines.map(l => l.split(':').slice(1, 3).join(':'))).toEqual(['6:15', '7:55', '8:35'])
  })

  it('reads no disk: a path through a symlink out of the repository parses, and the link step refuses it at PATH:LINE:COL', async () => {
    const outside = tempTree({ 'secret.json': '{}' })
    const root = tempTree()
    try {
      symlinkSync(outside, path.join(root, 'linked'))
      const text = `${head}      - { id: a, title: A, check: values, with: { file: linked/secret.json, assert: [{ path: a, exists: true }] } }\n`
      const checklist = parseChecklist(text, FILE)
      expect((await linkProblems(checklist, new Workspace(root))).map(String)).toEqual([
        `${FILE}:8:57: 'linked/secret.json' leads through a symlink out of the repository`
      ])
      expect(await linkProblems(checklist, new Workspace(outside))).toEqual([])
    } finally {
      rmSync(outside, { recursive: true, force: true })
      rmSync(root, { recursive: true, force: true })
    }
  })
})
