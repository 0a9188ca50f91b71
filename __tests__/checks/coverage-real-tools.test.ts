// Reports written by the real tools on real code (__fixtures__/coverage/real/, made by
// scripts/fixtures/coverage/real-tools.sh): every metric's covered/total against the tool's own totals,
// as the tool printed them (the *.totals.txt beside each report) or wrote them (JaCoCo's and the XML
// roots' counters); where the gate gives another number, the test names the difference with both.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from '@jest/globals'
import { check, type CoverageOptions } from '../../src/checks/coverage/index.js'
import type { Counts } from '../../src/checks/coverage/model.js'
import type { Outcome } from '../../src/checks/types.js'
import type { Item } from '../../src/checklist/types.js'
import { Workspace } from '../../src/workspace.js'
import { ports } from '../helpers/context.js'

const REAL = path.resolve('__fixtures__/coverage/real')
const read = (p: string): string => readFileSync(path.join(REAL, p), 'utf8')
type Metrics = Record<string, Counts>

const temps: string[] = []
afterAll(() => temps.forEach(d => rmSync(d, { recursive: true, force: true })))

/** A workspace holding the given fixture reports (fixture path -> path in the workspace). */
function workspace(files: Record<string, string>, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'coverage-real-'))
  temps.push(dir)
  for (const [to, from] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, to)), { recursive: true })
    cpSync(path.join(REAL, from), path.join(dir, to))
  }
  for (const [to, text] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(dir, to)), { recursive: true })
    writeFileSync(path.join(dir, to), text)
  }
  return dir
}

async function run(dir: string, options: Partial<CoverageOptions>): Promise<Outcome> {
  const opts = { format: 'auto', min: {}, exclude: [], 'min-changed-lines': 5, ...options } as CoverageOptions
  const item = {
    id: 'cov',
    title: 'coverage',
    section: 's',
    check: 'coverage',
    with: opts
  } as unknown as Item
  return check(opts, item, {
    workspace: new Workspace(dir),
    ...ports(dir),
    checklist: { path: '.github/go-live.yml', name: 'test', roles: {}, sections: [], items: [] },
    event: { name: 'local' },
    now: () => new Date('2026-12-01T00:00:00Z'),
    signal: new AbortController().signal
  })
}

/** What the gate counts for the given reports, merged: `details` of a run without thresholds. */
async function gate(
  reports: Record<string, string>,
  options: Partial<CoverageOptions> = {}
): Promise<{ metrics: Metrics; outcome: Outcome }> {
  const outcome = await run(workspace(reports), { reports: Object.keys(reports), ...options })
  const metrics: Metrics = {}
  for (const m of ['lines', 'branches', 'functions', 'statements']) {
    const r = outcome.details?.[m] as Counts | undefined
    if (r) metrics[m] = { covered: r.covered, total: r.total }
  }
  return { metrics, outcome }
}

// ---- the tools' own totals, read from what they printed ----

/** `lcov --summary`: "lines......: 82.9% (228 of 275 lines)" */
function lcovSummary(file: string): Metrics {
  const out: Metrics = {}
  for (const [, m, covered, total] of read(file).matchAll(
    /(lines|functions|branches)\.+: [\d.]+% \((\d+) of (\d+)/g
  ))
    out[m] = { covered: Number(covered), total: Number(total) }
  return out
}

/** istanbul's text-summary (nyc, c8): "Branches     : 95.86% ( 139/145 )" */
function textSummary(file: string): Metrics {
  const out: Metrics = {}
  for (const [, m, covered, total] of read(file).matchAll(/^(\w+)\s+: [\d.]+% \( (\d+)\/(\d+) \)/gm))
    out[m.toLowerCase()] = { covered: Number(covered), total: Number(total) }
  return out
}

/** JaCoCo's report-level counters (the last of each type in the XML) */
function jacocoCounters(file: string): Metrics {
  const text = read(file)
  const counter = (type: string): Counts => {
    const all = [
      ...text.matchAll(new RegExp(`<counter type="${type}" missed="(\\d+)" covered="(\\d+)"/>`, 'g'))
    ]
    const [, missed, covered] = all[all.length - 1]
    return { covered: Number(covered), total: Number(missed) + Number(covered) }
  }
  return { lines: counter('LINE'), branches: counter('BRANCH'), functions: counter('METHOD') }
}

/** `coverage report`'s TOTAL line: Stmts Miss Branch BrPart */
function coveragePyReport(file = 'python/report.totals.txt'): {
  statements: number
  missing: number
  branches: number
  partial: number
} {
  const [, stmts, miss, branch, part] = /^TOTAL\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/m.exec(read(file))!
  return { statements: Number(stmts), missing: Number(miss), branches: Number(branch), partial: Number(part) }
}

/** `go test -cover`'s and `go tool cover -func`'s percentages, one decimal, as they print them */
function goPercents(file: string): { test: number[]; func: number } {
  const text = read(file)
  return {
    test: [...text.matchAll(/coverage: ([\d.]+)% of statements/g)].map(m => Number(m[1])),
    func: Number(/^total:\s+\(statements\)\s+([\d.]+)%/m.exec(text)![1])
  }
}
const pct1 = (c: Counts): number => Math.round((c.covered / c.total) * 1000) / 10

describe('gcc + lcov 1.16 (zlib example.c, zpipe.c)', () => {
  test('example.info: lines, functions and branches are lcov --summary', async () => {
    const { metrics } = await gate({ 'example.info': 'c/example.info' })
    expect(metrics).toEqual(lcovSummary('c/example.totals.txt'))
    expect(metrics.lines).toEqual({ covered: 228, total: 275 })
  })

  test.each(['zpipe-compress', 'zpipe-decompress', 'zpipe-merged'])(
    '%s.info is lcov --summary',
    async name => {
      const { metrics } = await gate({ 'r.info': `c/${name}.info` })
      expect(metrics).toEqual(lcovSummary(`c/${name}.totals.txt`))
    }
  )

  test('two shards merged equal `lcov -a` of them, with no warning (gcc numbers branches the same each run)', async () => {
    const { metrics, outcome } = await gate({
      'a/lcov.info': 'c/zpipe-compress.info',
      'b/lcov.info': 'c/zpipe-decompress.info'
    })
    expect(metrics).toEqual(lcovSummary('c/zpipe-merged.totals.txt'))
    expect(metrics.branches).toEqual({ covered: 29, total: 61 })
    expect(outcome.summary).not.toContain('approximate')
  })
})

describe('coverage.py 6.5 (statistics.py, fractions.py doctests)', () => {
  const tool = coveragePyReport()
  const lines = { covered: tool.statements - tool.missing, total: tool.statements }
  const json = JSON.parse(read('python/coverage.json')).totals
  const branches = { covered: json.covered_branches, total: tool.branches }

  test('its JSON (detected by its meta block): lines are its statements, branches its branch count', async () => {
    expect(json.num_statements).toBe(tool.statements)
    const { metrics, outcome } = await gate({ 'coverage.json': 'python/coverage.json' })
    expect(metrics).toEqual({ lines, branches })
    expect(metrics).toEqual({ lines: { covered: 473, total: 790 }, branches: { covered: 173, total: 354 } })
    expect(outcome.summary).toBe(
      'lines 59.87% (473/790), branches 48.87% (173/354); no thresholds set; 2 files'
    )
  })

  test('its Cobertura XML: the same numbers', async () => {
    const { metrics } = await gate({ 'coverage.xml': 'python/coverage.xml' })
    expect(metrics).toEqual({ lines, branches })
  })

  test('its lcov: a named difference (its writer lists every executed line and branch arc)', async () => {
    // coverage.py 6.5's lcov writer puts a DA on every line that ran, statement or not (and excluded
    // lines that ran), and a BRDA on every executed arc from a branch line, even those its own count
    // leaves out: its LF/BRF say 790/354, its DA/BRDA records 793/372
    const { metrics } = await gate({ 'coverage.lcov': 'python/coverage.lcov' })
    expect(metrics).toEqual({ lines: { covered: 476, total: 793 }, branches: { covered: 191, total: 372 } })
    expect(lines).toEqual({ covered: 473, total: 790 })
  })

  test('its JSON as shards: per file, arcs merged; a file in one report only keeps its own count', async () => {
    const data = JSON.parse(read('python/coverage.json'))
    const only = (name: string) => JSON.stringify({ ...data, files: { [name]: data.files[name] } })
    const dir = workspace(
      {},
      { 'a/coverage.json': only('statistics.py'), 'b/coverage.json': only('fractions.py') }
    )
    const outcome = await run(dir, { reports: ['a/coverage.json', 'b/coverage.json'] })
    expect(outcome.details?.lines).toMatchObject(lines)
    expect(outcome.details?.branches).toMatchObject(branches)
  })

  test('given as istanbul: says what it is and what to set', async () => {
    const dir = workspace({ 'coverage.json': 'python/coverage.json' })
    await expect(run(dir, { reports: 'coverage.json', format: 'istanbul' })).rejects.toThrow(
      "coverage.json looks like coverage.py's JSON, not istanbul JSON: set format: coveragepy (or auto), or fix reports"
    )
    // the meta block not first (a reformatted report): the istanbul reader says it
    const data = JSON.parse(read('python/coverage.json'))
    const moved = workspace(
      {},
      { 'coverage.json': JSON.stringify({ files: data.files, meta: data.meta, totals: data.totals }) }
    )
    await expect(run(moved, { reports: 'coverage.json' })).rejects.toThrow(
      "coverage.json:1: this is coverage.py's JSON report (`coverage json`), not istanbul's: set format: coveragepy (or auto)"
    )
  })
})

describe('coverage.py 6.5 (heapq.py run as a script: its excluded self-test lines run)', () => {
  const tool = coveragePyReport('python/heapq.totals.txt')
  const json = JSON.parse(read('python/heapq.json'))

  test("its JSON: coverage.py's numbers; excluded lines do not count", async () => {
    expect(json.files['heapq.py'].excluded_lines).toEqual([602, 603])
    const { metrics } = await gate({ 'coverage.json': 'python/heapq.json' })
    expect(metrics.lines).toEqual({ covered: tool.statements - tool.missing, total: tool.statements })
    expect(metrics.branches).toEqual({ covered: json.totals.covered_branches, total: tool.branches })
    expect(metrics).toEqual({ lines: { covered: 76, total: 256 }, branches: { covered: 13, total: 94 } })
  })

  test('per-file lines use its count too', async () => {
    const outcome = await run(workspace({ 'coverage.json': 'python/heapq.json' }), {
      reports: 'coverage.json',
      'per-file': { lines: 29.6 }
    })
    // 76/256 = 29.68%: from the DA-like executed lines it would be 79/259 = 30.5%
    expect(outcome.status).toBe('pass')
    const failing = await run(workspace({ 'coverage.json': 'python/heapq.json' }), {
      reports: 'coverage.json',
      'per-file': { lines: 29.7 }
    })
    expect(failing.summary).toContain('1 of 1 files below 29.7% lines')
  })

  test('its lcov: counts the excluded lines that ran (a named difference)', async () => {
    // LF/LH say 256/79 already (its LH counts every executed line): the DA records are 259, 79 of them hit
    expect(read('python/heapq.lcov')).toMatch(/^LF:256\nLH:79$/m)
    expect(read('python/heapq.lcov')).toMatch(/^DA:602,1,/m)
    const { metrics } = await gate({ 'coverage.lcov': 'python/heapq.lcov' })
    expect(metrics.lines).toEqual({ covered: 79, total: 259 })
  })
})

describe('go 1.19 (copies of container/list, encoding/hex, flag)', () => {
  test.each(['list', 'hex', 'flag'])('%s.out: statements are what `go test -cover` printed', async name => {
    const { metrics } = await gate({ 'cover.out': `go/${name}.out` })
    const { test: printed } = goPercents(`go/${name}.totals.txt`)
    expect(pct1(metrics.statements)).toBe(printed[0])
    expect(metrics.branches).toBeUndefined()
    expect(metrics.functions).toBeUndefined()
  })

  test('all.out: every block counts (go test -cover), so `go tool cover -func` (no blocks outside functions) differs', async () => {
    const { metrics, outcome } = await gate({ 'cover.out': 'go/all.out' })
    // go test's per-package counts add up: 73/73 (list), 132/138 (hex), 4/347 (flag)
    expect(metrics.statements).toEqual({ covered: 209, total: 558 })
    // -func says 37.6%: it skips flag's `var Usage = func() {...}` (2 statements, not run): 209/556
    expect(goPercents('go/all.totals.txt').func).toBe(37.6)
    expect(pct1({ covered: 209, total: 556 })).toBe(37.6)
    expect(pct1(metrics.statements)).toBe(37.5)
    expect(outcome.summary).toContain('statements (go test -cover) 37.45% (209/558)')
    expect(outcome.summary).toContain('lines spanned by Go blocks ')
  })

  test('per-package shards merge to the whole run', async () => {
    const { metrics } = await gate({ 'l.out': 'go/list.out', 'h.out': 'go/hex.out', 'f.out': 'go/flag.out' })
    const { metrics: all } = await gate({ 'cover.out': 'go/all.out' })
    expect(metrics).toEqual(all)
  })

  test('min.lines on a Go profile says what it measures', async () => {
    const outcome = await run(workspace({ 'cover.out': 'go/all.out' }), {
      reports: 'cover.out',
      min: { lines: 90 }
    })
    expect(outcome.status).toBe('fail')
    expect(outcome.summary).toMatch(/^lines spanned by Go blocks [\d.]+% < 90% \(/)
  })
})

describe('JaCoCo 0.8.6 agent (asm-util 9.4: Textifier, ASMifier)', () => {
  test.each(['Textifier', 'ASMifier', 'merged'])('%s.xml: LINE, BRANCH and METHOD counters', async name => {
    const { metrics, outcome } = await gate({ 'jacoco.xml': `java/${name}.xml` })
    expect(metrics).toEqual(jacocoCounters(`java/${name}.xml`))
    expect(outcome.summary).not.toContain('approximate')
  })

  test('two XML shards: lines and methods exact, branches a lower bound, and the summary says so', async () => {
    const { metrics, outcome } = await gate({
      'a/jacoco.xml': 'java/Textifier.xml',
      'b/jacoco.xml': 'java/ASMifier.xml'
    })
    const truth = jacocoCounters('java/merged.xml')
    expect(metrics.lines).toEqual(truth.lines)
    expect(metrics.functions).toEqual(truth.functions)
    expect(metrics.branches.total).toBe(truth.branches.total)
    expect(metrics.branches.covered).toBeLessThanOrEqual(truth.branches.covered)
    expect(outcome.summary).toMatch(/branches approximate: \d+ files? merged from several JaCoCo XML reports/)
  })

  test('why: two shards covering different branches of a line read as one of two', async () => {
    const shard = `<?xml version="1.0"?><report name="r"><package name="p"><sourcefile name="A.java"><line nr="5" mi="0" ci="3" mb="1" cb="1"/></sourcefile></package></report>`
    const dir = workspace({}, { 'a/jacoco.xml': shard, 'b/jacoco.xml': shard })
    const outcome = await run(dir, { reports: ['a/jacoco.xml', 'b/jacoco.xml'] })
    // JaCoCo, merging the execution data, may say 2/2: the XML cannot tell
    expect(outcome.details?.branches).toMatchObject({ covered: 1, total: 2 })
    expect(outcome.summary).toContain('branches approximate: 1 file merged from several JaCoCo XML reports')
  })

  test('its CSV report: named, with what to give instead', async () => {
    const dir = workspace({ 'jacoco.csv': 'java/merged.csv' })
    await expect(run(dir, { reports: 'jacoco.csv' })).rejects.toThrow(
      "jacoco.csv is JaCoCo's CSV report, which has no per-line data: give its XML report"
    )
  })
})

describe('nyc 18 (minimist 1.2.8 with its tape tests)', () => {
  const tool = textSummary('js/nyc/totals.txt')

  test.each(['lcov.info', 'coverage-final.json', 'coverage-summary.json'])(
    '%s: its text-summary',
    async name => {
      const { metrics } = await gate({ [name]: `js/nyc/${name}` })
      const want = name === 'lcov.info' ? { ...tool, statements: undefined } : tool
      expect(metrics).toEqual(JSON.parse(JSON.stringify(want)))
    }
  )

  test('clover.xml: branches from its file metrics (the per-line entries leave some out); statements are its lines', async () => {
    const { metrics } = await gate({ 'clover.xml': 'js/nyc/clover.xml' })
    // istanbul's clover writes a line entry per line and calls their count "statements": 130/132,
    // where its text-summary's statements are 139/144 (a named difference the format cannot carry)
    expect(metrics).toEqual({
      lines: tool.lines,
      branches: tool.branches,
      functions: tool.functions,
      statements: tool.lines
    })
    expect(tool.branches).toEqual({ covered: 139, total: 145 })
  })

  test("cobertura-coverage.xml: one report, so the root's branch totals", async () => {
    const { metrics } = await gate({ 'cobertura.xml': 'js/nyc/cobertura-coverage.xml' })
    expect(metrics).toEqual({ lines: tool.lines, branches: tool.branches, functions: tool.functions })
  })
})

describe('nyc 18 shards (odd and even test files of minimist)', () => {
  const full = textSummary('js/nyc/totals.txt')

  test.each(['nyc-shard-1', 'nyc-shard-2'])('%s: each report is its text-summary', async name => {
    const tool = textSummary(`js/${name}/totals.txt`)
    for (const [file, want] of [
      ['lcov.info', { lines: tool.lines, branches: tool.branches, functions: tool.functions }],
      ['coverage-final.json', tool],
      [
        'clover.xml',
        { lines: tool.lines, branches: tool.branches, functions: tool.functions, statements: tool.lines }
      ],
      ['cobertura-coverage.xml', { lines: tool.lines, branches: tool.branches, functions: tool.functions }]
    ] as const) {
      const { metrics } = await gate({ [file]: `js/${name}/${file}` })
      expect([file, metrics]).toEqual([file, want])
    }
  })

  test('lcov and JSON shards merge to the whole run, with no warning (istanbul numbers branches the same each run)', async () => {
    const lcov = await gate({
      'a/lcov.info': 'js/nyc-shard-1/lcov.info',
      'b/lcov.info': 'js/nyc-shard-2/lcov.info'
    })
    expect(lcov.metrics).toEqual({ lines: full.lines, branches: full.branches, functions: full.functions })
    expect(lcov.outcome.summary).not.toContain('approximate')
    const json = await gate({
      'a/coverage-final.json': 'js/nyc-shard-1/coverage-final.json',
      'b/coverage-final.json': 'js/nyc-shard-2/coverage-final.json'
    })
    expect(json.metrics).toEqual(full)
  })

  test("Clover shards: every branch counted (the metrics' unplaced ones too), covered a lower bound", async () => {
    const { metrics, outcome } = await gate({
      'a/clover.xml': 'js/nyc-shard-1/clover.xml',
      'b/clover.xml': 'js/nyc-shard-2/clover.xml'
    })
    expect(metrics.lines).toEqual(full.lines)
    expect(metrics.branches.total).toBe(full.branches.total)
    expect(metrics.branches.covered).toBeLessThanOrEqual(full.branches.covered)
    expect(metrics.branches.covered).toBeGreaterThanOrEqual(
      textSummary('js/nyc-shard-1/totals.txt').branches.covered
    )
    expect(outcome.summary).not.toContain('approximate')
  })

  test("Cobertura shards: per line only (the root's totals are the report's), a lower bound", async () => {
    const { metrics } = await gate({
      'a/cobertura.xml': 'js/nyc-shard-1/cobertura-coverage.xml',
      'b/cobertura.xml': 'js/nyc-shard-2/cobertura-coverage.xml'
    })
    expect(metrics.lines).toEqual(full.lines)
    expect(metrics.branches.total).toBeLessThan(full.branches.total)
    expect(metrics.branches.covered).toBeLessThanOrEqual(full.branches.covered)
  })
})

describe('c8 12 (minimist 1.2.8 with its tape tests)', () => {
  test.each(['c8', 'c8-shard-1', 'c8-shard-2'])('%s: its text-summary', async name => {
    const { metrics } = await gate({ 'lcov.info': `js/${name}/lcov.info` })
    const tool = textSummary(`js/${name}/totals.txt`)
    expect(metrics).toEqual({ lines: tool.lines, branches: tool.branches, functions: tool.functions })
  })

  test('shards: c8 numbers branches differently each run, so the merge warns', async () => {
    const { metrics, outcome } = await gate({
      'a/lcov.info': 'js/c8-shard-1/lcov.info',
      'b/lcov.info': 'js/c8-shard-2/lcov.info'
    })
    const full = textSummary('js/c8/totals.txt')
    expect(metrics.lines).toEqual(full.lines)
    expect(metrics.functions).toEqual(full.functions)
    // 124 + 106 branch records in the shards, 136 in the whole run: no branch-by-branch merge is possible
    expect(metrics.branches).not.toEqual(full.branches)
    expect(outcome.summary).toContain(
      'branches approximate: the lcov reports number the branches of 1 file differently (c8 does, run by run)'
    )
  })
})

describe('exclude matches after path normalisation', () => {
  test('a path from another machine that the checkout does not have is matched by its tail', async () => {
    const lcov = (file: string, hit: number) => `SF:${file}\nDA:1,${hit}\nDA:2,${hit}\nend_of_record\n`
    const dir = workspace(
      {},
      {
        'src/a.js': 'a\nb\n',
        'lcov.info': lcov('/builds/other/src/a.js', 1) + lcov('/builds/other/generated/c.js', 0)
      }
    )
    const kept = await run(dir, { reports: 'lcov.info' })
    expect(kept.details?.lines).toMatchObject({ covered: 2, total: 4 })
    const out = await run(dir, { reports: 'lcov.info', exclude: ['generated/**'] })
    expect(out.details?.lines).toMatchObject({ covered: 2, total: 2 })
    expect(out.details?.files).toBe(1)
  })
})
