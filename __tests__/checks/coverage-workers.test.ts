// A large Cobertura report is parsed in parts in worker threads, which only the bundle has (under ts-jest
// there is no worker script, so the in-thread parse is the sequential one): run the built CLI on a report
// large enough for workers and compare with the in-thread check. Needs `npm run build` first.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { check, type CoverageOptions } from '../../src/checks/coverage/index.js'
import { PARALLEL_MIN_BYTES } from '../../src/checks/coverage/parallel.js'
import type { Item } from '../../src/checklist/types.js'
import { Workspace } from '../../src/workspace.js'
import { ports } from '../helpers/context.js'
import { CLI, countingWorkers, runCli } from '../helpers/run-dist.js'

const WORKER = path.join(path.dirname(CLI), 'coverage-worker.js')
const STARTED = 'test: coverage worker thread started'
const OPTIONS = { reports: 'cobertura.xml', 'per-file': { lines: 98 } }

/**
 * A Cobertura report over PARALLEL_MIN_BYTES: classes with methods and branches, every file twice (in the
 * first and in the second half, so that parts must be merged per file and line). Made once: `bad` is the
 * same report with one line element at about 3/4 of the file malformed, and `badLine` the line it is on.
 */
function cobertura(): { good: string; bad: string; badLine: number } {
  let seed = 11
  const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  const out: string[] = [
    '<?xml version="1.0" ?>',
    '<coverage lines-valid="0" lines-covered="0" line-rate="0" branches-valid="0" branches-covered="0" branch-rate="0" version="1">',
    '  <sources>',
    '    <source>/home/runner/work/app/app</source>',
    '  </sources>',
    '  <packages>'
  ]
  const classes = 1800
  let badIndex = -1
  let malformed = ''
  for (let c = 0; c < classes; c++) {
    if (c % 50 === 0) out.push(`    <package name="p${c / 50}">`, '      <classes>')
    const file = `src/p${Math.floor((c % 900) / 50)}/f${c % 900}.ts`
    out.push(`        <class name="f${c}" filename="${file}" line-rate="0">`, '          <methods>')
    for (let m = 0; m < 5; m++) {
      const hit = rand() < 0.7 ? 1 : 0
      out.push(
        `            <method name="m${m}" signature="()V" hits="${hit}"><lines><line number="${m * 30 + 1}" hits="${hit}"/></lines></method>`
      )
    }
    out.push('          </methods>', '          <lines>')
    for (let l = 1; l <= 150; l++) {
      const hit = rand() < 0.85 ? Math.floor(rand() * 9) + 1 : 0
      if (l % 7 === 3) {
        const cov = Math.floor(rand() * 3)
        out.push(
          `            <line number="${l}" hits="${hit}" branch="true" condition-coverage="${cov * 50}% (${cov}/2)"/>`
        )
      } else {
        if (c === Math.floor(classes * 0.75) && l === 60) {
          badIndex = out.length
          malformed = `            <line number="${l}" hits=${hit}/>`
        }
        out.push(`            <line number="${l}" hits="${hit}" branch="false"/>`)
      }
    }
    out.push('          </lines>', '        </class>')
    if (c % 50 === 49) out.push('      </classes>', '    </package>')
  }
  out.push('  </packages>', '</coverage>', '')
  const good = out.join('\n')
  expect(Buffer.byteLength(good)).toBeGreaterThan(PARALLEL_MIN_BYTES)
  out[badIndex] = malformed
  return { good, bad: out.join('\n'), badLine: badIndex + 1 }
}

function checklist(dir: string): void {
  mkdirSync(path.join(dir, '.github'), { recursive: true })
  writeFileSync(
    path.join(dir, '.github/go-live.yml'),
    `version: 1\nname: Coverage workers\nsections:\n  - title: Quality\n    items:\n      - id: unit-coverage\n        title: Unit coverage\n        check: coverage\n        with: ${JSON.stringify(OPTIONS)}\n`
  )
}

async function inThread(dir: string): Promise<Record<string, unknown> | undefined> {
  const opts = {
    format: 'auto',
    min: {},
    exclude: [],
    'min-changed-lines': 5,
    ...OPTIONS
  } as unknown as CoverageOptions
  const item = {
    id: 'unit-coverage',
    title: 'Unit coverage',
    section: 'Quality',
    check: 'coverage',
    with: opts
  } as unknown as Item
  const outcome = await check(opts, item, {
    workspace: new Workspace(dir),
    ...ports(dir),
    checklist: { path: '.github/go-live.yml', name: 'test', roles: {}, sections: [], items: [] },
    event: { name: 'local' },
    now: () => new Date('2024-05-01T00:00:00Z'),
    signal: new AbortController().signal
  })
  return outcome.details
}

interface Report {
  items: { id: string; status: string; summary: string; details?: Record<string, unknown> }[]
}

describe('coverage: a large Cobertura report parsed in worker threads by the bundle', () => {
  let root: string
  let report: ReturnType<typeof cobertura>
  const cli = (dir: string): ReturnType<typeof runCli> =>
    runCli(['check', '--json', '-'], dir, { NODE_OPTIONS: countingWorkers(STARTED) })
  beforeAll(() => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npm run build\` first`)
    root = mkdtempSync(path.join(tmpdir(), 'coverage-workers-'))
    report = cobertura()
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  test('counts what the sequential parse counts', async () => {
    const dir = path.join(root, 'good')
    checklist(dir)
    writeFileSync(path.join(dir, 'cobertura.xml'), report.good)
    const r = cli(dir)
    expect(r.stderr).toContain(STARTED)
    const item = (JSON.parse(r.stdout) as Report).items.find(i => i.id === 'unit-coverage')
    const expected = await inThread(dir)
    expect(expected?.files).toBe(900)
    expect((expected?.branches as { total: number }).total).toBe(900 * 2 * 22)
    expect((expected?.failingFiles as unknown[]).length).toBeGreaterThan(0)
    expect(item?.status).toBe('fail')
    expect(item?.details).toEqual(expected)
  }, 60_000)

  test('a malformed report is an error at its line', async () => {
    const dir = path.join(root, 'bad')
    checklist(dir)
    writeFileSync(path.join(dir, 'cobertura.xml'), report.bad)
    const line = report.badLine
    const r = cli(dir)
    expect(r.stderr).toContain(STARTED)
    const item = (JSON.parse(r.stdout) as Report).items.find(i => i.id === 'unit-coverage')
    expect(item?.status).toBe('error')
    expect(item?.summary).toContain(`cobertura.xml:${line}: `)
    const error = await inThread(dir).then(
      () => undefined,
      (e: Error) => e
    )
    expect(error).toBeInstanceOf(Error)
    expect(error?.message).toContain(`cobertura.xml:${line}: `)
    expect(item?.summary).toContain(error?.message)
  }, 60_000)
})
