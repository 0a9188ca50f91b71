// The PR comment and the job summary as a reader of the PR sees them: the markdown is rendered by Debian's
// `cmark-gfm` (GitHub's own renderer, `.ci/run` installs it) and the HTML is checked: tables whole, folds
// closed and balanced, nothing escaped twice, no raw script, no mention for the default, the per-role
// commands intact as plain text, hostile text kept inside its cell.
import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Item, Role } from '../../src/checklist/types.js'
import type { SignOff } from '../../src/gate/sign-off.js'
import type { GateResult, ItemResult } from '../../src/gate/types.js'
import { verdict } from '../../src/gate/verdict.js'
import { COMMENT_LIMIT, commentBody } from '../../src/github/publish.js'
import { renderMarkdown } from '../../src/report/markdown.js'
import { cleanLine } from '../../src/report/sanitize.js'
import { runCli } from '../helpers/run-dist.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

// GitHub's extensions (`table`, `autolink`, `tagfilter`, `strikethrough`). `--unsafe` lets raw HTML through
// as GitHub keeps it: GitHub sanitises the HTML afterwards (keeping `<details>`, `<summary>`, `<sub>`, `<br>`,
// `<b>`) rather than escaping it, so the safe default of cmark-gfm (which drops all raw HTML) would hide
// exactly what these tests look for.
const FLAGS = ['-e', 'table', '-e', 'autolink', '-e', 'tagfilter', '-e', 'strikethrough', '--unsafe']

function toHtml(markdown: string): string {
  const r = spawnSync('cmark-gfm', FLAGS, { input: markdown, encoding: 'utf8' })
  if (r.error || r.status !== 0)
    throw new Error(`cmark-gfm failed (apt-get install cmark-gfm): ${r.error?.message ?? r.stderr}`)
  return r.stdout
}

// ---- a small tree of cmark's HTML: cmark escapes every `<` of text, so every `<` left is a tag ----

interface El {
  tag: string
  attrs: string
  children: Node[]
  parent?: El
}
type Node = El | string

const VOID = new Set(['br', 'hr', 'img', 'input'])
/** What the report itself emits, and what cmark makes of markdown. Anything else came from user text. */
const ALLOWED = new Set(
  'h2 h3 p strong b em code pre table thead tbody tr th td details summary sub br ul li a blockquote'.split(
    ' '
  )
)

function parse(html: string): El {
  const root: El = { tag: '#root', attrs: '', children: [] }
  let cur = root
  let last = 0
  for (const m of html.matchAll(/<!--[\s\S]*?-->|<(\/?)([A-Za-z][A-Za-z0-9]*)((?:\s[^>]*)?)>/g)) {
    if (m.index > last) cur.children.push(html.slice(last, m.index))
    last = m.index + m[0].length
    if (m[0].startsWith('<!--')) continue
    const tag = m[2].toLowerCase()
    if (m[1]) {
      if (cur.tag !== tag) throw new Error(`</${tag}> closes <${cur.tag}> at ${m.index}`)
      cur = cur.parent as El
    } else {
      const el: El = { tag, attrs: m[3], children: [], parent: cur }
      cur.children.push(el)
      if (!VOID.has(tag)) cur = el
    }
  }
  if (last < html.length) cur.children.push(html.slice(last))
  if (cur !== root) throw new Error(`<${cur.tag}> is never closed`)
  return root
}

function* all(el: El): Generator<El> {
  for (const c of el.children)
    if (typeof c !== 'string') {
      yield c
      yield* all(c)
    }
}
const find = (el: El, tag: string) => [...all(el)].filter(e => e.tag === tag)
const child = (el: El, tag: string) =>
  el.children.filter((c): c is El => typeof c !== 'string' && c.tag === tag)

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : ({ amp: '&', lt: '<', gt: '>', quot: '"' } as Record<string, string>)[e.toLowerCase()]
  )
}
/** The text a reader sees (the zero-width space that stops a mention is invisible). */
function text(n: Node): string {
  if (typeof n === 'string') return decode(n).replace(/\u200b/g, '')
  if (n.tag === 'br') return '\n'
  return n.children.map(text).join('')
}
/** Text nodes outside code and links: where GitHub turns `@login` into a mention. */
function prose(el: El, out: string[] = []): string[] {
  for (const c of el.children)
    if (typeof c === 'string') out.push(decode(c))
    else if (!['code', 'pre', 'a'].includes(c.tag)) prose(c, out)
  return out
}

/** The checks every rendered report passes; returns the tree for what the test asserts further. */
/**
 * `literal`: the text itself holds entities (`&amp;`), which a faithful page shows as written (`&amp;amp;`
 * in the HTML); the hostile test checks the text a reader sees instead.
 */
function checkPage(markdown: string, options: { mention?: boolean; literal?: boolean } = {}): El {
  const html = toHtml(markdown)
  const root = parse(html) // balanced: every fold, table and cell closed by its own tag
  for (const el of all(root)) expect(ALLOWED.has(el.tag) ? '' : `<${el.tag}>`).toBe('')
  for (const d of find(root, 'details')) {
    expect(d.attrs).not.toMatch(/\bopen\b/) // folds closed
    expect(child(d, 'summary')).toHaveLength(1)
  }
  for (const table of find(root, 'table')) {
    const header = find(table, 'tr')[0]
    const width = child(header, 'th').length
    for (const row of find(table, 'tr')) expect(child(row, row === header ? 'th' : 'td')).toHaveLength(width)
  }
  if (!options.literal) expect(html).not.toMatch(/&amp;(amp|lt|gt|quot|#\d+|#x[0-9a-f]+);/i) // nothing escaped twice
  expect(html).not.toMatch(/<script/i)
  if (!options.mention) for (const t of prose(root)) expect(t).not.toMatch(/(^|[^A-Za-z0-9_`/])@[A-Za-z0-9]/)
  return root
}

/** `<pre><code>` blocks' text: plain text only (no link, no markup), as a reader copies it. */
function blocks(root: El): string[] {
  return find(root, 'pre').map(pre => {
    expect(pre.children.map(c => (typeof c === 'string' ? '' : c.tag))).toEqual(['code'])
    const code = pre.children[0] as El
    expect(code.children.every(c => typeof c === 'string')).toBe(true)
    return text(code)
  })
}

/** The rows of the table that follows a heading or sits in a fold whose summary starts with `title`. */
function tableAfter(root: El, title: string): string[][] {
  const nodes = [...all(root)]
  const start = nodes.findIndex(
    e => (e.tag === 'h3' || e.tag === 'summary') && text(e).replace(/^\W+/u, '').startsWith(title)
  )
  expect(start).toBeGreaterThanOrEqual(0)
  const table = nodes.slice(start).find(e => e.tag === 'table') as El
  return find(table, 'tr').map(tr => [...child(tr, 'th'), ...child(tr, 'td')].map(c => text(c)))
}

const temp: string[] = []
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true })
})

describe('the bundled example as rendered by cmark-gfm', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'glg-rendered-'))
  temp.push(dir)
  const file = path.join(dir, 'report.md')
  const run = runCli(
    ['check', '--cwd', path.join(ROOT, 'examples/mech-exo'), '--mode', 'report', '--markdown', file],
    ROOT
  )

  it('renders whole tables, closed folds and the per-role commands as plain text', () => {
    expect(run.code).toBe(0)
    const markdown = readFileSync(file, 'utf8')
    const root = checkPage(markdown)
    expect(text(find(root, 'h2')[0])).toMatch(
      /^❌ Go-live gate failed: \d+ blocking items not passed · stage pre-release$/
    )

    // every section's table has one row per item its summary counts
    const sections = find(root, 'details').filter(d => / · \d+ \w+/.test(text(child(d, 'summary')[0])))
    expect(sections.length).toBeGreaterThan(5)
    let items = 0
    for (const d of sections) {
      const counted = [
        ...text(child(d, 'summary')[0]).matchAll(/(\d+) (pass|fail|pending|error|skipped|waived)/g)
      ]
        .map(m => Number(m[1]))
        .reduce((a, b) => a + b, 0)
      const table = child(d, 'table')[0]
      expect(find(table, 'tr')).toHaveLength(counted + 1)
      items += counted
    }
    // a section whose items all belong to other stages is one line, with its count
    for (const p of find(root, 'p'))
      for (const m of text(p).matchAll(/· (\d+) items? skipped: stages? /g)) items += Number(m[1])
    const counts = text(find(root, 'p')[0])
    const total = [...counts.matchAll(/(\d+) (pass|fail|pending|error|skipped|waived)/g)]
      .map(m => Number(m[1]))
      .reduce((a, b) => a + b, 0)
    expect(items).toBe(total)

    // To fix: one row per item, the action in the last cell
    const fix = tableAfter(root, 'To fix')
    const n = Number(/To fix \((\d+)\)/.exec(text(root))?.[1])
    expect(fix).toHaveLength(Math.min(n, 20) + 1)
    expect(fix[0]).toEqual(['', 'Item', 'What to do'])
    expect(fix.find(r => r[1].includes('dashboard-response-time-2-seconds'))?.[2]).toBe(
      'dashboard.response_ms.p95 is 2350, expected < 2000 (perf/results.json)'
    )

    // each role's command names exactly the items folded under it, in order
    const commands = blocks(root)
    expect(commands.length).toBeGreaterThanOrEqual(4)
    // the fold after each command lists its items
    const nodes = [...all(root)]
    const lists = find(root, 'pre').map(
      pre => nodes.slice(nodes.indexOf(pre)).find(e => e.tag === 'details') as El
    )
    lists.forEach((d, i) => {
      expect(text(child(d, 'summary')[0])).toMatch(/^The (item|\d+ items)$/)
      const ids = find(d, 'li').map(li => text(find(li, 'code').at(-1) as El))
      expect(commands[i]).toBe(`/go-live attest ${ids.join(' ')}\n`)
    })
    expect(commands[0]).toMatch(/^\/go-live attest generate-new-ib-gateway-api-credentials rotate-telegram/)
    expect(text(root)).toContain('Security Officer (security-officer) · dave · 12 items: one of you comments')
  })
})

// ---- a pull request: people waiting, a waiver, ignored sign-offs ----

const ROLES: Record<string, Role> = {
  'security-officer': {
    id: 'security-officer',
    title: 'Security Officer',
    users: ['dave'],
    teams: ['acme/sec']
  },
  'release-manager': { id: 'release-manager', title: 'Release Manager', users: ['alice', 'bob'], teams: [] }
}

function item(r: Partial<ItemResult> & { owner?: string; docs?: string }): ItemResult {
  const { owner, docs, ...rest } = r
  return {
    id: 'x',
    section: 'Security',
    title: 'X',
    check: 'file',
    severity: 'blocking',
    status: 'pass',
    summary: 'ok',
    details: {},
    annotations: [],
    durationMs: 1,
    item: { owner, docs } as unknown as Item,
    ...rest
  }
}

function signOff(s: Partial<SignOff>): SignOff {
  return {
    kind: 'attestation',
    item: 'x',
    login: 'mallory',
    userId: 7,
    role: null,
    at: '2026-12-01T10:00:00Z',
    counted: false,
    source: { type: 'comment', id: 1, sha256: 'a'.repeat(64) },
    ...s
  }
}

function prResult(): GateResult {
  return verdict({ name: 'Mech-Exo', path: '.github/go-live.yml', release: 'v0.5.0' }, [
    item({
      id: 'no-secrets',
      title: 'No credentials in the repository',
      summary: 'no credentials in 120 files'
    }),
    item({
      id: 'coverage',
      section: 'Testing',
      check: 'coverage',
      status: 'fail',
      summary: 'lines 93.20% < 95%'
    }),
    item({
      id: 'rotate-keys',
      title: 'Rotate API keys',
      check: 'manual',
      status: 'pending',
      owner: 'security-officer',
      summary: 'waits for an attestation by security-officer',
      details: {
        signOffs: [
          signOff({ item: 'rotate-keys', role: 'security-officer', reason: 'the PR author cannot attest' })
        ]
      }
    }),
    item({
      id: 'audit-users',
      title: 'Audit user permissions',
      check: 'manual',
      status: 'pending',
      owner: 'security-officer',
      summary: 'waits for an attestation by security-officer'
    }),
    item({
      id: 'notify-stakeholders',
      section: 'Release',
      title: 'Stakeholders notified',
      check: 'manual',
      status: 'pending',
      owner: 'release-manager',
      summary: 'waits for an attestation by release-manager'
    }),
    item({
      id: 'final-review',
      section: 'Release',
      title: 'Final code review',
      check: 'approvals',
      status: 'pending',
      summary: '1 of 2 approvals from release-manager'
    }),
    item({
      id: 'ci-green',
      section: 'Release',
      check: 'ci-status',
      status: 'pending',
      summary: 'build is running'
    }),
    item({
      id: 'pen-test',
      title: 'Penetration test',
      check: 'manual',
      status: 'waived',
      owner: 'security-officer',
      summary: 'waived by dave until 2026-12-31: vendor report due (was pending: waits for an attestation)',
      details: {
        waiver: {
          by: 'dave',
          role: 'security-officer',
          until: '2026-12-31',
          reason: 'vendor report due in January'
        },
        signOffs: [
          signOff({
            kind: 'waiver',
            item: 'pen-test',
            login: 'dave',
            role: 'security-officer',
            counted: true,
            until: '2026-12-31'
          }),
          signOff({
            kind: 'waiver',
            item: 'pen-test',
            login: 'mallory',
            reason: 'the PR author cannot waive',
            until: '2027-01-05'
          })
        ]
      }
    })
  ])
}

describe('a pull request waiting for people', () => {
  it('gives each role its one comment, lists the waiver and the ignored sign-offs, mentions nobody', () => {
    const md = renderMarkdown(prResult(), {
      roles: ROLES,
      marker: true,
      runUrl: 'https://github.com/o/r/actions/runs/1'
    })
    const root = checkPage(md)
    const all = text(root)
    expect(blocks(root)).toEqual([
      '/go-live attest rotate-keys audit-users\n',
      '/go-live attest notify-stakeholders\n'
    ])
    expect(all).toContain(
      'Security Officer (security-officer) · dave, acme/sec · 2 items: one of you comments'
    )
    expect(all).toContain('Release Manager (release-manager) · alice, bob · 1 item: one of you comments')
    expect(all).toContain('Approvals · Final code review: 1 of 2 approvals from release-manager')
    expect(all).toContain('⏳ Waiting for checks (1)')
    // why a sign-off did not count, before the folds
    const notCounted = find(root, 'ul').find(ul => text(ul).includes('attestation of')) as El
    expect(find(notCounted, 'li').map(text)).toEqual([
      'mallory, attestation of rotate-keys: the PR author cannot attest',
      'mallory, waiver of pen-test: the PR author cannot waive'
    ])
    expect(find(root, 'details').some(d => find(d, 'ul').includes(notCounted))).toBe(false)
    expect(tableAfter(root, 'Waived')).toEqual([
      ['Item', 'By', 'Until', 'Why'],
      ['Penetration test\npen-test', 'dave', '2026-12-31', 'vendor report due in January']
    ])
    const signOffs = find(root, 'table')
      .map(t => find(t, 'tr').map(tr => [...child(tr, 'th'), ...child(tr, 'td')].map(text)))
      .filter(t => t[0][0] === 'Sign-off')
    expect(signOffs).toEqual([
      [
        ['Sign-off', 'Who', 'Role', 'When', ''],
        [
          'attestation',
          'mallory',
          'security-officer',
          '2026-12-01T10:00:00Z',
          'ignored: the PR author cannot attest'
        ]
      ],
      [
        ['Sign-off', 'Who', 'Role', 'When', ''],
        ['waiver until 2026-12-31', 'dave', 'security-officer', '2026-12-01T10:00:00Z', 'counted'],
        [
          'waiver until 2027-01-05',
          'mallory',
          '',
          '2026-12-01T10:00:00Z',
          'ignored: the PR author cannot waive'
        ]
      ]
    ])
  })

  it('mentions the people it waits for when asked, and only them', () => {
    const root = checkPage(renderMarkdown(prResult(), { roles: ROLES, mention: 'pending' }), {
      mention: true
    })
    const mentions = prose(root).flatMap(t => [...t.matchAll(/(?:^|[^\w`/])@([\w/-]+)/g)].map(m => m[1]))
    expect(mentions).toEqual(['dave', 'acme/sec', 'alice', 'bob'])
  })
})

// ---- hostile text from the PR: the checklist, tool output, logins ----

const HOSTILE =
  'a | b <script>alert(1)</script> </details></summary> `x` ``` @alice &amp; &lt; [click](javascript:alert(1)) ' +
  '<img src=x onerror=alert(1)> **bold** _it_ ~~del~~ \\| #1\r\nnext\u202eevil\u2066'
/** What a reader must see: the same text on one line, without the control and bidi characters. */
const SEEN = cleanLine(HOSTILE).trim()

describe('hostile text stays inside its cell', () => {
  function hostileResult(): { result: GateResult; roles: Record<string, Role> } {
    const roles: Record<string, Role> = {
      [HOSTILE]: { id: HOSTILE, title: HOSTILE, users: ['@alice', HOSTILE], teams: [] }
    }
    const result = verdict({ name: HOSTILE, path: HOSTILE, release: HOSTILE }, [
      item({
        id: HOSTILE,
        section: HOSTILE,
        title: HOSTILE,
        status: 'fail',
        summary: HOSTILE,
        docs: 'javascript:alert(1)'
      }),
      item({
        id: `${HOSTILE}-2`,
        section: HOSTILE,
        title: `- ${HOSTILE}`,
        check: 'manual',
        status: 'pending',
        owner: HOSTILE,
        summary: HOSTILE
      }),
      item({
        id: `${HOSTILE}-3`,
        section: HOSTILE,
        title: `1. ${HOSTILE}`,
        check: 'ci-status',
        status: 'pending',
        summary: HOSTILE
      }),
      item({
        id: `${HOSTILE}-4`,
        section: HOSTILE,
        title: HOSTILE,
        status: 'waived',
        summary: HOSTILE,
        details: {
          waiver: { by: HOSTILE, until: HOSTILE, reason: HOSTILE },
          signOffs: [signOff({ login: HOSTILE, role: HOSTILE, reason: HOSTILE, at: HOSTILE })],
          [HOSTILE]: [{ [HOSTILE]: HOSTILE, n: 1 }],
          list: [HOSTILE, HOSTILE]
        }
      })
    ])
    return { result, roles }
  }

  it('keeps every hostile string whole in its cell, fold, list item and command', () => {
    const { result, roles } = hostileResult()
    const md = renderMarkdown(result, { roles, marker: true })
    const root = checkPage(md, { literal: true })
    expect(find(root, 'a')).toHaveLength(0) // no link from the text, not even the javascript: docs
    const fix = tableAfter(root, 'To fix')
    expect(fix).toEqual([
      ['', 'Item', 'What to do'],
      ['❌', `${SEEN}\n${SEEN}`, SEEN]
    ])
    const waived = tableAfter(root, 'Waived')
    expect(waived[1]).toEqual([`${SEEN}\n${SEEN}-4`, SEEN, SEEN, SEEN])
    const section = tableAfter(root, SEEN)
    expect(section.slice(1).map(r => r.length)).toEqual([4, 4, 4, 4])
    expect(section.slice(1).map(r => r[3])).toEqual([SEEN, SEEN, SEEN, SEEN])
    expect(section[2][1]).toBe(`- ${SEEN}\n${SEEN}-2`)
    expect(section[3][1]).toBe(`1. ${SEEN}\n${SEEN}-3`)

    // the section fold holds every item fold; the text in summaries is shown as it is
    const top = child(root, 'details')
    const sectionFold = top.find(d => text(child(d, 'summary')[0]).includes(SEEN)) as El
    expect(text(child(sectionFold, 'summary')[0])).toBe(`❌ ${SEEN} · 1 fail, 2 pending, 1 waived`)
    expect(child(sectionFold, 'details').map(d => text(child(d, 'summary')[0]))).toEqual([
      `🔕 ${SEEN}: details`
    ])

    // list items stay single items, with the text as written
    const people = top.find(d => /^The item$/.test(text(child(d, 'summary')[0]))) as El
    expect(find(people, 'li').map(text)).toEqual([`- ${SEEN} ${SEEN}-2`])
    expect(find(people, 'ul')).toHaveLength(1)
    expect(find(root, 'li').map(text)).toContain(`1. ${SEEN} ${SEEN}-3: ${SEEN}`)

    // the command is the ids as they are, in a block that nothing in them closes
    expect(blocks(root)).toEqual([`/go-live attest ${SEEN}-2\n`])
    expect(find(root, 'li').map(text)).toContain(`${SEEN}, attestation of ${SEEN}-4: ${SEEN}`)
    expect(text(root)).toContain(`${SEEN} (${SEEN}) · @alice, ${SEEN} · 1 item: one of you comments`)

    // the sign-off record and the details table
    const tables = find(root, 'table').map(t =>
      find(t, 'tr').map(tr => [...child(tr, 'th'), ...child(tr, 'td')].map(text))
    )
    expect(tables).toContainEqual([
      ['Sign-off', 'Who', 'Role', 'When', ''],
      ['attestation', SEEN, SEEN, SEEN, `ignored: ${SEEN}`]
    ])
    expect(tables).toContainEqual([
      [SEEN, 'n'],
      [SEEN, '1']
    ])
    // the heading and the footer
    expect(
      text(find(root, 'p')[0]).startsWith(`${SEEN} ${SEEN} · ❌ 1 fail · ⏳ 2 pending · 🔕 1 waived`)
    ).toBe(true)
    expect(text(find(root, 'sub').at(-1) as El)).toBe(`Checklist ${SEEN} · Go-Live Gate`)
  })
})

// ---- the comment over GitHub's limit ----

describe('the comment over the limit', () => {
  function big(n: number): GateResult {
    return verdict(
      { name: 'Big', path: '.github/go-live.yml' },
      Array.from({ length: n }, (_, i) =>
        item({
          id: `sign-off-item-number-${i}-with-a-long-id`,
          section: `Section ${i % 7}`,
          title: `Manual item ${i} with a title long enough to fill a line`,
          check: 'manual',
          status: i % 5 === 0 ? 'fail' : 'pending',
          owner: i % 2 ? 'security-officer' : 'release-manager',
          summary: 'waits for an attestation',
          details: { findings: [{ file: `src/f${i}.ts`, line: i, rule: 'a-rule-with-a-name' }] }
        })
      )
    )
  }
  const forms = (r: GateResult) => ({
    full: renderMarkdown(r, { roles: ROLES, marker: true }),
    short: renderMarkdown(r, { roles: ROLES, marker: true, details: false, all: false })
  })

  it('falls back to the short form, still whole, with the note', () => {
    const { full, short } = forms(big(400))
    expect(full.length).toBeGreaterThan(COMMENT_LIMIT)
    const body = commentBody(full, short, 'https://github.com/o/r/actions/runs/1')
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    const root = checkPage(body)
    expect(text(root)).toContain(
      'The report is too long for a comment: the full report is in the job summary'
    )
    expect(blocks(root)).toHaveLength(2)
    expect(blocks(root)[0]).toMatch(/^\/go-live attest( sign-off-item-number-\d+-with-a-long-id)+\n$/)
  })

  it('cuts a short form that is itself too long between blocks: no fold or command left open', () => {
    const { full, short } = forms(big(2500))
    expect(short.length).toBeGreaterThan(COMMENT_LIMIT)
    const body = commentBody(full, short)
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    const root = checkPage(body)
    // the note is the last paragraph, outside every fold and block
    const last = root.children.filter((c): c is El => typeof c !== 'string').at(-1) as El
    expect(last.tag).toBe('p')
    expect(text(last)).toMatch(/^The report is too long for a comment/)
    for (const b of blocks(root))
      expect(b).toMatch(/^\/go-live attest( sign-off-item-number-\d+-with-a-long-id)+\n$/)
  })
})
