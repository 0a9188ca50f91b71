// One lcov report without changed-lines is streamed into its totals (totals.ts): nothing is kept per file
// but a hash of its path and the files the summary names, and a large report may be read in segments by
// this thread and a worker (the bundle's dist/coverage-worker.js, used here with small segments; needs
// `npm run build` first). Every number must
// be the one of the in-memory parse, a file that comes twice must still be merged line by line, and a
// broken report must be an error at its own line, never a pass.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { check, type CoverageOptions } from '../../src/checks/coverage/index.js'
import { summarize } from '../../src/checks/coverage/evaluate.js'
import { parseLcov } from '../../src/checks/coverage/lcov.js'
import type { ReportSyntaxError } from '../../src/checks/coverage/errors.js'
import { streamLcovTotals } from '../../src/checks/coverage/totals.js'
import type { Item } from '../../src/checklist/types.js'
import { CheckError } from '../../src/errors.js'
import { Workspace } from '../../src/workspace.js'
import { CLI, runCli } from '../helpers/run-dist.js'

const WORKER = pathToFileURL(path.join(path.dirname(CLI), 'coverage-worker.js'))

/** An lcov report of `files` records (lines, branches, functions), paths relative to the repository. */
function lcov(files: number, seed = 7): string {
  let s = seed
  const rand = (): number => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648
  const out: string[] = []
  for (let f = 0; f < files; f++) {
    out.push('TN:', `SF:src/m${f % 13}/f${f}.ts`)
    for (let i = 0; i < 4; i++) out.push(`FN:${i * 10 + 1},fn${i}`, `FNDA:${rand() < 0.7 ? 2 : 0},fn${i}`)
    for (let l = 1; l <= 40 + (f % 17); l++)
      out.push(`DA:${l},${rand() < 0.8 ? Math.floor(rand() * 5) + 1 : 0}`)
    for (let b = 0; b < 6; b++)
      out.push(`BRDA:${b * 5 + 2},0,${b % 2},${rand() < 0.5 ? '-' : Math.floor(rand() * 3)}`)
    out.push('end_of_record')
  }
  return out.join('\n') + '\n'
}

let root: string
beforeAll(() => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER.pathname} is missing: run \`npm run build\` first`)
  root = mkdtempSync(path.join(tmpdir(), 'coverage-stream-'))
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

let n = 0
function repo(text: string, name = 'lcov.info'): string {
  const dir = path.join(root, `r${n++}`)
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, name), text)
  return dir
}

/** What the in-memory parse gives: the report's files, whole, summed the way `evaluate` sums them. */
function inMemory(text: string, perFileLines?: number) {
  const { data: _data, ...rest } = summarize(parseLcov(text).files, perFileLines)
  return rest
}

const stream = (dir: string, o: { exclude?: string[]; perFileLines?: number; segment?: number } = {}) =>
  streamLcovTotals(
    new Workspace(dir),
    'lcov.info',
    { exclude: o.exclude ?? [], perFileLines: o.perFileLines },
    undefined,
    { segment: o.segment ?? 0, script: WORKER }
  )

async function run(dir: string, options: Partial<CoverageOptions>) {
  const opts = { reports: 'lcov.info', format: 'auto', min: {}, exclude: [], ...options } as CoverageOptions
  return check(
    opts,
    { id: 'cov', title: 'Coverage', check: 'coverage', with: opts } as unknown as Item,
    {
      workspace: new Workspace(dir),
      checklist: { path: '.github/go-live.yml', name: 'test', roles: {}, sections: [], items: [] },
      event: { name: 'local' },
      now: () => new Date('2024-05-01T00:00:00Z'),
      signal: new AbortController().signal
    } as never
  )
}

describe('coverage: one lcov report streamed into its totals', () => {
  test('one thread and two (segments shared with a worker) count what the in-memory parse counts', async () => {
    const text = lcov(600)
    const dir = repo(text)
    const want = inMemory(text, 85)
    expect(want.files).toBe(600)
    expect(want.below.length).toBeGreaterThan(0)
    const one = await stream(dir, { perFileLines: 85 })
    expect(one?.threads).toBe(1)
    expect(one?.summary).toEqual(want)
    // segments of 16 KiB: about 25 of them, taken in turn by this thread and the worker
    const two = await stream(dir, { perFileLines: 85, segment: 16 * 1024 })
    expect(two?.threads).toBe(2)
    expect(two?.summary).toEqual(want)
  })

  test('exclude leaves the same files out in every segment', async () => {
    const text = lcov(300)
    const dir = repo(text)
    const kept = text
      .split('end_of_record\n')
      .filter(r => r.trim() && !/SF:src\/m3\//.test(r))
      .map(r => r + 'end_of_record\n')
      .join('')
    const two = await stream(dir, { exclude: ['src/m3/**'], segment: 8 * 1024 })
    expect(two?.excludedAny).toBe(true)
    expect(two?.summary).toEqual(inMemory(kept))
  })

  test('a file in two records (in different segments) is read again in full and merged line by line', async () => {
    const twice = 'SF:src/twice.ts\nDA:1,0\nDA:2,0\nDA:3,1\nend_of_record\n'
    const later = 'SF:src/twice.ts\nDA:1,4\nDA:2,0\nDA:4,0\nend_of_record\n'
    const text = twice + lcov(200) + later
    const dir = repo(text)
    expect(await stream(dir, { segment: 8 * 1024 })).toBeUndefined()
    expect(await stream(dir)).toBeUndefined()
    const out = await run(dir, { min: { lines: 1 } })
    expect(out.details?.files).toBe(201)
    // lines 1 (covered in the second record), 2, 3 (covered in the first), 4: 2 of 4, as the merge says
    expect(out.details?.lines).toEqual(expect.objectContaining({ ...inMemory(text).sums.lines }))
    const alone = inMemory(lcov(200)).sums.lines!
    expect(out.details?.lines).toEqual(
      expect.objectContaining({ covered: alone.covered + 2, total: alone.total + 4 })
    )
  })

  test('two paths that resolve to the same repository file are merged, not added up', async () => {
    const dir = repo('SF:src/a.ts\nDA:1,1\nDA:2,0\nend_of_record\nSF:./src/a.ts\nDA:2,3\nend_of_record\n')
    mkdirSync(path.join(dir, 'src'))
    writeFileSync(path.join(dir, 'src/a.ts'), 'a\nb\n')
    expect(await stream(dir)).toBeUndefined()
    const out = await run(dir, {})
    expect(out.details?.files).toBe(1)
    expect(out.details?.lines).toEqual({ covered: 2, total: 2, pct: 100 })
  })

  test('the worst files and those under per-file are those of the in-memory parse', async () => {
    const text = lcov(400, 3)
    const dir = repo(text)
    const out = await run(dir, { min: { lines: 99 }, 'per-file': { lines: 80 } })
    expect(out.status).toBe('fail')
    const want = inMemory(text, 80)
    expect(out.details?.failingFiles).toHaveLength(want.below.length)
    expect(out.summary).toContain(`${want.below.length} of ${want.withLines} files below 80% lines`)
  })

  test('a syntax error deep in a late segment is an error at its line in the report', async () => {
    const good = lcov(300)
    const lines = good.split('\n')
    const at = Math.floor(lines.length * 0.8)
    while (!lines[at].startsWith('DA:')) lines.splice(at, 1)
    lines[at] = 'DA:7,many'
    const text = lines.join('\n')
    const dir = repo(text)
    let line = 0
    try {
      parseLcov(text)
    } catch (e) {
      line = (e as ReportSyntaxError).line
    }
    expect(line).toBe(at + 1)
    for (const segment of [0, 8 * 1024])
      await expect(stream(dir, { segment })).rejects.toThrow(
        new CheckError(`lcov.info:${line}: expected DA:<line>,<hits>`)
      )
  })

  test.each<[string, string, string]>([
    ['a report cut inside its last record', lcov(50) + 'SF:src/cut.ts\nDA:1,1\nDA:2,', 'cut short'],
    ['a report cut right after a record line', lcov(50) + 'SF:src/cut.ts\nDA:1,1\n', 'cut short'],
    [
      'binary after a valid start',
      'TN:\nSF:src/a.ts\nDA:1,1\n\u0000\u0001\u00ff\u00fe\n',
      'not an lcov record'
    ],
    [
      'a line number that would claim GBs',
      'TN:\nSF:src/a.ts\nDA:1,1\nDA:999999999,1\nend_of_record\n',
      'lcov.info:4: a line number over'
    ],
    [
      'a 20 MB line',
      'TN:\nSF:src/a.ts\nDA:1,1\n' + 'x'.repeat(20 << 20) + '\nend_of_record\n',
      'longer than 16 MiB'
    ]
  ])('%s is an error, never a pass', async (_, text, message) => {
    const dir = repo(text)
    await expect(run(dir, { min: { lines: 1 } })).rejects.toThrow(message)
    await expect(run(dir, { min: { lines: 1 }, 'changed-lines': 50 })).rejects.toThrow(message)
  })

  test('the bundle streams a report and says what the in-memory parse says', () => {
    const text = lcov(12_000)
    const dir = repo(text)
    mkdirSync(path.join(dir, '.github'))
    writeFileSync(
      path.join(dir, '.github/go-live.yml'),
      'version: 1\nname: Stream\nsections:\n  - title: Quality\n    items:\n      - { id: cov, title: Coverage, check: coverage, with: { reports: lcov.info, min: { lines: 99 } } }\n'
    )
    const r = runCli(['check', '--json', '-'], dir)
    const item = (
      JSON.parse(r.stdout) as { items: { id: string; status: string; details: Record<string, unknown> }[] }
    ).items[0]
    const want = inMemory(text)
    expect(r.code).toBe(1)
    expect(item.status).toBe('fail')
    expect(item.details.files).toBe(12_000)
    for (const m of ['lines', 'branches', 'functions'] as const)
      expect(item.details[m]).toEqual(expect.objectContaining({ ...want.sums[m] }))
  }, 60_000)
})
