import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from '@jest/globals'
import { check, type CoverageOptions } from '../../src/checks/coverage/index.js'
import { parseUnifiedDiff } from '../../src/checks/coverage/diff.js'
import { totals } from '../../src/checks/coverage/evaluate.js'
import { parseGoCoverprofile } from '../../src/checks/coverage/go.js'
import { parseIstanbulJson } from '../../src/checks/coverage/istanbul.js'
import { parseLcov } from '../../src/checks/coverage/lcov.js'
import type { FileCoverage, ParsedReport } from '../../src/checks/coverage/model.js'
import { PathResolver } from '../../src/checks/coverage/paths.js'
import { ReportSyntaxError } from '../../src/checks/coverage/errors.js'
import { XmlCoverageParser, parseXml } from '../../src/checks/coverage/xml.js'
import type { CheckContext, Outcome } from '../../src/checks/types.js'
import type { GateEvent } from '../../src/event.js'
import type { Item } from '../../src/checklist/types.js'
import { CheckError } from '../../src/errors.js'
import { Workspace } from '../../src/workspace.js'
import { ports } from '../helpers/context.js'

const FIX = path.resolve('__fixtures__/coverage')
const JEST = path.join(FIX, 'jest')
const PROJECT = path.resolve('scripts/fixtures/coverage/project')
const read = (p: string): string => readFileSync(p, 'utf8')

/** istanbul's own totals of a run, from its coverage-summary.json */
function istanbulTotals(run: string): Record<string, { covered: number; total: number }> {
  const t = JSON.parse(read(path.join(JEST, run, 'coverage-summary.json'))).total
  const pick = (m: { covered: number; total: number }) => ({ covered: m.covered, total: m.total })
  return {
    lines: pick(t.lines),
    branches: pick(t.branches),
    functions: pick(t.functions),
    statements: pick(t.statements)
  }
}

interface FinalFile {
  s: Record<string, number>
  statementMap: Record<string, { start: { line: number } }>
  branchMap: Record<string, { loc: { start: { line: number } } }>
  b: Record<string, number[]>
}

/** Branches istanbul's XML writers leave out: those on a line where no statement starts (e.g. default args). */
function branchesWithoutStatementLine(run: string): { covered: number; total: number } {
  const data = JSON.parse(read(path.join(JEST, run, 'coverage-final.json')))
  let covered = 0
  let total = 0
  for (const f of Object.values<FinalFile>(data)) {
    const lines = new Set(Object.keys(f.s).map(id => f.statementMap[id].start.line))
    for (const [id, b] of Object.entries(f.branchMap))
      if (!lines.has(b.loc.start.line)) {
        total += f.b[id].length
        covered += f.b[id].filter((h: number) => h > 0).length
      }
  }
  return { covered, total }
}

const counts = (r: ParsedReport | Map<string, FileCoverage>) => {
  const t = totals(r instanceof Map ? r : r.files)
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, { covered: v!.covered, total: v!.total }]))
}

const temps: string[] = []
afterAll(() => temps.forEach(d => rmSync(d, { recursive: true, force: true })))

/** A workspace with the fixture project's sources and the given fixture files copied in. */
function workspace(files: Record<string, string> = {}, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'coverage-'))
  temps.push(dir)
  cpSync(path.join(PROJECT, 'src'), path.join(dir, 'src'), { recursive: true })
  for (const [to, from] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, to)), { recursive: true })
    cpSync(from, path.join(dir, to))
  }
  for (const [to, text] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(dir, to)), { recursive: true })
    writeFileSync(path.join(dir, to), text)
  }
  return dir
}

function context(dir: string, event: GateEvent = { name: 'local' }): CheckContext {
  return {
    workspace: new Workspace(dir),
    ...ports(dir),
    checklist: { path: '.github/go-live.yml', name: 'test', roles: {}, sections: [], items: [] },
    event,
    now: () => new Date('2025-06-01T00:00:00Z'),
    signal: new AbortController().signal
  }
}

async function run(dir: string, options: Partial<CoverageOptions>, event?: GateEvent): Promise<Outcome> {
  const opts = { format: 'auto', min: {}, exclude: [], 'min-changed-lines': 5, ...options } as CoverageOptions
  const item = {
    id: 'unit-coverage',
    title: 'coverage',
    section: 's',
    check: 'coverage',
    with: opts
  } as unknown as Item
  return check(opts, item, context(dir, event))
}

describe('formats: exact counts against the producing tool', () => {
  test.each(['full', 'shard-1', 'shard-2'])(
    'istanbul %s: lcov, json and json-summary equal its totals',
    run => {
      const want = istanbulTotals(run)
      const lcov = counts(parseLcov(read(path.join(JEST, run, 'lcov.info'))))
      expect(lcov).toEqual({ lines: want.lines, branches: want.branches, functions: want.functions })
      expect(counts(parseIstanbulJson(read(path.join(JEST, run, 'coverage-final.json'))))).toEqual(want)
      expect(counts(parseIstanbulJson(read(path.join(JEST, run, 'coverage-summary.json'))))).toEqual(want)
    }
  )

  test.each(['full', 'shard-1', 'shard-2'])('istanbul %s: cobertura and clover equal its totals', run => {
    const want = istanbulTotals(run)
    const dropped = branchesWithoutStatementLine(run)
    const cob = parseXml(read(path.join(JEST, run, 'cobertura-coverage.xml')))
    expect(cob.format).toBe('cobertura')
    // istanbul writes the absolute root it ran in: wherever the fixtures were generated, not this checkout
    expect(cob.sources).toEqual([expect.stringMatching(/\/scripts\/fixtures\/coverage\/project$/)])
    // per line, the branches on lines where no statement starts are missing; the root has them all
    expect(counts(cob)).toEqual({
      lines: want.lines,
      branches: {
        covered: want.branches.covered - dropped.covered,
        total: want.branches.total - dropped.total
      },
      functions: want.functions
    })
    expect(cob.declared).toEqual({ branches: want.branches })
    const clover = parseXml(read(path.join(JEST, run, 'clover.xml')))
    expect(clover.format).toBe('clover')
    // istanbul's clover calls its line counts "statements"; its file metrics hold every branch
    expect(counts(clover)).toEqual({
      lines: want.lines,
      branches: want.branches,
      functions: want.functions,
      statements: want.lines
    })
  })

  test("istanbul's Cobertura root totals stand only for the whole report: with a file excluded, per line", async () => {
    const dir = workspace({ 'cobertura.xml': path.join(JEST, 'full/cobertura-coverage.xml') })
    const all = await run(dir, { reports: 'cobertura.xml' })
    expect(all.details?.branches).toMatchObject(istanbulTotals('full').branches)
    const some = await run(dir, { reports: 'cobertura.xml', exclude: ['src/strings.js'] })
    const perLine = counts(parseXml(read(path.join(JEST, 'full/cobertura-coverage.xml'))))
    const rest = (some.details?.branches as { total: number }).total
    expect(rest).toBeLessThan(perLine.branches.total)
    expect(some.details?.files).toBe((all.details?.files as number) - 1)
  })

  test('the XML writers do drop a branch here, so the adjustment above is not empty', () => {
    expect(branchesWithoutStatementLine('full').total).toBeGreaterThan(0)
  })

  test('JaCoCo: equals the report counters LINE, BRANCH and METHOD', () => {
    const text = read(path.join(FIX, 'jacoco/jacoco.xml'))
    const counter = (type: string) => {
      const all = [
        ...text.matchAll(new RegExp(`<counter type="${type}" missed="(\\d+)" covered="(\\d+)"/>`, 'g'))
      ]
      const [, missed, covered] = all[all.length - 1]
      return { covered: Number(covered), total: Number(missed) + Number(covered) }
    }
    const r = parseXml(text)
    expect(r.format).toBe('jacoco')
    expect([...r.files.keys()].sort()).toEqual([
      'com/example/shop/Cart.java',
      'com/example/shop/util/Price.java'
    ])
    expect(counts(r)).toEqual({
      lines: counter('LINE'),
      branches: counter('BRANCH'),
      functions: counter('METHOD')
    })
  })

  test('coverage.py Cobertura: equals its header counts; no methods means functions absent', () => {
    const text = read(path.join(FIX, 'coveragepy/coverage.xml'))
    const attr = (n: string) => Number(new RegExp(`${n}="(\\d+)"`).exec(text)![1])
    const r = parseXml(text)
    expect(counts(r)).toEqual({
      lines: { covered: attr('lines-covered'), total: attr('lines-valid') },
      branches: { covered: attr('branches-covered'), total: attr('branches-valid') }
    })
  })

  test('Go coverprofile: statements as go tool cover counts them; lines derived from blocks', () => {
    const r = parseGoCoverprofile(read(path.join(FIX, 'go/shard-1.out')))
    // blocks: 2+1+1+2 statements in cart.go (3 covered), 2 in price.go (covered)
    expect(counts(r).statements).toEqual({ covered: 5, total: 8 })
    expect(counts(r).lines).toEqual({ covered: 7, total: 12 })
    expect(counts(r).branches).toBeUndefined()
  })
})

describe('istanbul JSON with ids that are names of Object.prototype', () => {
  test('constructor, toString and __proto__ are ids like any other', () => {
    const loc = (line: number) => ({ start: { line, column: 0 }, end: { line, column: 5 } })
    const text = JSON.stringify({
      'a.js': {
        path: 'a.js',
        statementMap: { constructor: loc(1), toString: loc(2) },
        s: { constructor: 1, toString: 0, hasOwnProperty: 1 },
        fnMap: {},
        f: { constructor: 1 },
        branchMap: {},
        b: { toString: [1, 0] }
      }
    })
    expect(counts(parseIstanbulJson(text))).toEqual({
      lines: { covered: 1, total: 2 },
      statements: { covered: 2, total: 3 },
      functions: { covered: 1, total: 1 },
      branches: { covered: 1, total: 2 }
    })
    expect(() => parseIstanbulJson(text.replace('[1,0]', '{"length":2}'))).toThrow('is not a list of counts')
  })
})

describe('XML: streamed in chunks, and well-formed or an error with its line', () => {
  test('Clover metrics claiming a trillion conditionals make no branches up (and take no time)', () => {
    const xml = `<coverage generated="1" clover="3.2.0"><project><file path="a.js"><metrics statements="2" coveredstatements="1" conditionals="999999999999" coveredconditionals="1" methods="0" coveredmethods="0"/><line num="1" count="1" type="stmt"/><line num="2" count="0" type="cond" truecount="1" falsecount="1"/></file></project></coverage>`
    // not istanbul's shape then: read as OpenClover's outcome hit counts, both outcomes ran
    expect(counts(parseXml(xml)).branches).toEqual({ covered: 2, total: 2 })
  })

  const COB = path.join(JEST, 'full/cobertura-coverage.xml')

  /** parses `text` fed in chunks of `size` bytes (splitting tags, attribute values and UTF-8 sequences) */
  function parseChunked(text: string, size: number): ParsedReport {
    const bytes = Buffer.from(text)
    const p = new XmlCoverageParser()
    for (let at = 0; at < bytes.length; at += size) p.write(bytes.subarray(at, at + size))
    return p.end()
  }

  function syntaxError(text: string, size = 1 << 20): ReportSyntaxError {
    try {
      parseChunked(text, size)
    } catch (e) {
      if (e instanceof ReportSyntaxError) return e
      throw e
    }
    throw new Error('parsed without an error')
  }

  test.each([1, 7, 100, 4096])('chunks of %i bytes give the counts of the whole', size => {
    for (const file of [COB, path.join(JEST, 'full/clover.xml'), path.join(FIX, 'jacoco/jacoco.xml')]) {
      const text = read(file)
      expect(counts(parseChunked(text, size))).toEqual(counts(parseXml(text)))
    }
  })

  test('entities, CDATA, a BOM, comments and a DOCTYPE with an internal subset are read', () => {
    const text =
      '\uFEFF<?xml version="1.0"?>\n<!DOCTYPE coverage [\n  <!ELEMENT coverage ANY>\n]>\n<!-- by hand -->\n' +
      '<coverage line-rate="1">\n<sources><source><![CDATA[/w/a&b]]></source><source>/w/c&amp;d</source></sources>\n' +
      '<packages><package name="p"><classes>\n' +
      '<class name="é" filename="src/R&amp;D/&#233;&#x20ac;.py"><lines><line number="1" hits="2"/><line number="3" hits="0"/></lines></class>\n' +
      '</classes></package></packages></coverage>\n'
    for (const size of [1, 3, 1 << 20]) {
      const r = parseChunked(text, size)
      expect(r.sources).toEqual(['/w/a&b', '/w/c&d'])
      expect([...r.files.keys()]).toEqual(['src/R&D/é€.py'])
      expect(counts(r)).toEqual({ lines: { covered: 1, total: 2 } })
    }
  })

  const head = '<?xml version="1.0"?>\n<coverage line-rate="1">\n<packages>\n'
  test.each<[string, string, number]>([
    [
      'a truncated report',
      head +
        '<package name="a">\n<classes>\n<class filename="a.py"><lines>\n<line number="1" hits="1"/>\n<line nu',
      8
    ],
    ['text after the root', head + '</packages>\n</coverage>\nTraceback (most recent call last)\n', 6],
    ['text before the root', 'coverage: 93%\n' + head + '</packages></coverage>\n', 1],
    ['a second root', head + '</packages>\n</coverage>\n<coverage line-rate="1"></coverage>\n', 6],
    ['a mismatched close tag', head + '<package name="a">\n</packages>\n</coverage>\n', 5],
    ['an unquoted attribute', head + '<package name=a></package>\n</packages></coverage>\n', 4],
    ['an attribute twice', head + '<package name="a" name="b"></package>\n</packages></coverage>\n', 4],
    ["'<' in an attribute value", head + '<package name="a<b"></package>\n</packages></coverage>\n', 4],
    ["a bare '&'", head + '<package name="R&D"></package>\n</packages></coverage>\n', 4],
    ['no element at all', '<?xml version="1.0"?>\n<!-- nothing -->\n', 3]
    // saxes names the line where it notices a problem (the end of stray text, of an unterminated
    // entity): at most two lines after where it starts. What matters is that it is an error.
  ])('%s is an error at or just after its line', (_, text, line) => {
    for (const size of [5, 1 << 20]) {
      const reported = syntaxError(text, size).line
      expect(reported).toBeGreaterThanOrEqual(line)
      expect(reported).toBeLessThanOrEqual(line + 2)
    }
  })

  test('the line of an error deep in a large report counts the chunks already read', () => {
    const text = read(COB)
    const cut = text.lastIndexOf('<line ')
    const bad = text.slice(0, cut) + '<line number="x" hits=1/>' + text.slice(cut)
    const line = text.slice(0, cut).split('\n').length
    for (const size of [64, 1000]) expect(syntaxError(bad, size).line).toBe(line)
  })
})

describe('merge', () => {
  test('istanbul shards merged per line equal the full run, in every format with per-line data', async () => {
    const want = istanbulTotals('full')
    for (const [file, metrics] of [
      ['lcov.info', ['lines', 'branches', 'functions']],
      ['coverage-final.json', ['lines', 'branches', 'functions', 'statements']],
      ['cobertura-coverage.xml', ['lines', 'functions']],
      ['clover.xml', ['lines']]
    ] as const) {
      const dir = workspace({
        [`cov/a/${file}`]: path.join(JEST, 'shard-1', file),
        [`cov/b/${file}`]: path.join(JEST, 'shard-2', file)
      })
      const out = await run(dir, { reports: `cov/*/${file}` })
      expect(out.status).toBe('pass')
      expect(out.details!.files).toBe(3)
      for (const m of metrics)
        expect([file, m, out.details![m]]).toEqual([file, m, expect.objectContaining(want[m])])
    }
  })

  test('one lcov report naming a file twice (shards concatenated) is merged per line, as the full run', async () => {
    const want = istanbulTotals('full')
    const both = read(path.join(JEST, 'shard-1', 'lcov.info')) + read(path.join(JEST, 'shard-2', 'lcov.info'))
    const dir = workspace({}, { 'lcov.info': both })
    const out = await run(dir, { reports: 'lcov.info', 'per-file': { lines: 0 } })
    expect(out.status).toBe('pass')
    expect(out.details!.files).toBe(3)
    for (const m of ['lines', 'branches', 'functions'] as const)
      expect([m, out.details![m]]).toEqual([m, expect.objectContaining(want[m])])
  })

  test('one lcov report naming a file by two paths (absolute and relative) is merged per line', async () => {
    const want = istanbulTotals('full')
    const dir = workspace()
    const absolute = read(path.join(JEST, 'shard-1', 'lcov.info')).replace(/^SF:/gm, `SF:${dir}/`)
    writeFileSync(path.join(dir, 'lcov.info'), absolute + read(path.join(JEST, 'shard-2', 'lcov.info')))
    const out = await run(dir, { reports: 'lcov.info', min: { lines: 1 } })
    expect(out.status).toBe('pass')
    expect(out.details!.files).toBe(3)
    // the better shard per file would give 12/21 branches: only a merge per branch gives the full run's
    for (const m of ['lines', 'branches', 'functions'] as const)
      expect([m, out.details![m]]).toEqual([m, expect.objectContaining(want[m])])
  })

  test('Go shards: a block is covered when any shard ran it; module paths become repository paths', async () => {
    const dir = workspace(
      {
        'go.mod': path.join(FIX, 'go/go.mod'),
        'a.out': path.join(FIX, 'go/shard-1.out'),
        'b.out': path.join(FIX, 'go/shard-2.out')
      },
      { 'cart/cart.go': 'package cart\n', 'price.go': 'package shop\n' }
    )
    const out = await run(dir, { reports: ['a.out', 'b.out'], 'per-file': { lines: 0 } })
    expect(out.details!.statements).toEqual({ covered: 7, total: 8, pct: 87.5 })
    expect(out.details!.files).toBe(2)
    expect(out.summary).toContain('2 files')
  })
})

describe('paths', () => {
  const files = new Set([
    'src/a.ts',
    'packages/web/src/b.ts',
    'src/main/java/com/x/C.java',
    'pyapp/src/pkg/m.py'
  ])
  const r = new PathResolver(['/work/repo'], files, new Map([['github.com/o/r', '']]))

  test.each([
    ['/work/repo/src/a.ts', {}, 'src/a.ts'],
    ['./src/a.ts', {}, 'src/a.ts'],
    ['src\\a.ts', {}, 'src/a.ts'],
    ['C:\\a\\r\\r\\src\\a.ts', {}, 'src/a.ts'],
    ['/home/runner/work/r/r/src/a.ts', {}, 'src/a.ts'],
    ['/builds/team/r/src/a.ts', {}, 'src/a.ts'],
    ['src/b.ts', { reportDir: 'packages/web/coverage' }, 'packages/web/src/b.ts'],
    ['com/x/C.java', {}, 'src/main/java/com/x/C.java'],
    ['pkg/m.py', { sources: ['/home/runner/work/r/r/pyapp/src'] }, 'pyapp/src/pkg/m.py'],
    ['github.com/o/r/src/a.ts', { go: true }, 'src/a.ts'],
    ['/elsewhere/unknown.ts', {}, '/elsewhere/unknown.ts']
  ])('%s -> %s', (raw, opts, want) => {
    expect(r.resolve(raw, opts)).toBe(want)
  })

  test('coverage.py and JaCoCo reports land on the repository files', async () => {
    const dir = workspace(
      {
        'coverage.xml': path.join(FIX, 'coveragepy/coverage.xml'),
        'build/jacoco.xml': path.join(FIX, 'jacoco/jacoco.xml')
      },
      {
        'src/pyapp/__init__.py': '',
        'src/pyapp/calc.py': '',
        'shop/src/main/java/com/example/shop/Cart.java': '',
        'shop/src/main/java/com/example/shop/util/Price.java': ''
      }
    )
    const out = await run(dir, { reports: ['coverage.xml', 'build/jacoco.xml'], 'per-file': { lines: 100 } })
    expect((out.details!.failingFiles as { file: string }[]).map(f => f.file).sort()).toEqual([
      'shop/src/main/java/com/example/shop/Cart.java',
      'src/pyapp/calc.py'
    ])
  })
})

describe('thresholds and summary', () => {
  const lcovDir = () => workspace({ 'coverage/lcov.info': path.join(JEST, 'full/lcov.info') })

  test('lines below min: fail, numbers against the threshold and the worst files', async () => {
    const out = await run(lcovDir(), { reports: 'coverage/lcov.info', min: { lines: 95 } })
    expect(out.status).toBe('fail')
    expect(out.summary).toBe(
      'lines 60.71% < 95% (17/28); worst: src/untested.js 0.0%, src/math.js 68.7%, src/strings.js 75.0%'
    )
    expect(out.details).toMatchObject({
      lines: { covered: 17, total: 28, pct: 60.71 },
      files: 3,
      failingFiles: []
    })
    expect(out.details!.statements).toBeUndefined()
  })

  test('thresholds met: pass', async () => {
    const out = await run(lcovDir(), { reports: 'coverage/lcov.info', min: { lines: 60, branches: 70 } })
    expect(out.status).toBe('pass')
    expect(out.summary).toBe('lines 60.71% (17/28) >= 60%, branches 71.42% (15/21) >= 70%; 3 files')
  })

  test('a threshold on a metric the reports lack is an error, not 0% or 100%', async () => {
    const out = await run(lcovDir(), { reports: 'coverage/lcov.info', min: { statements: 50 } })
    expect(out.status).toBe('error')
    expect(out.summary).toBe(
      'min.statements set, but coverage/lcov.info has no statement data: produce it or remove the threshold'
    )
  })

  test('per-file lines and exclude', async () => {
    const out = await run(lcovDir(), { reports: 'coverage/lcov.info', 'per-file': { lines: 70 } })
    expect(out.status).toBe('fail')
    expect(out.details!.failingFiles).toEqual([
      { file: 'src/untested.js', pct: 0 },
      { file: 'src/math.js', pct: 68.75 }
    ])
    expect(out.summary).toBe('2 of 3 files below 70% lines; worst: src/untested.js 0.0%, src/math.js 68.7%')
    const excluded = await run(lcovDir(), {
      reports: 'coverage/lcov.info',
      'per-file': { lines: 60 },
      exclude: ['src/untested.js']
    })
    expect(excluded.status).toBe('pass')
    expect(excluded.details!.files).toBe(2)
  })

  test('no report matched: error that says what to do', async () => {
    await expect(run(lcovDir(), { reports: 'coverage/nope.info' })).rejects.toThrow(
      new CheckError('no coverage report matches coverage/nope.info: run the tests with coverage first')
    )
  })

  test.each([
    [
      'bad.info',
      'TN:\nSF:src/a.js\nDA:1,1\nDA:two,1\nend_of_record\n',
      'bad.info:4: expected DA:<line>,<hits>'
    ],
    ['bad.xml', '<?xml version="1.0"?>\n<coverage line-rate="1">\n<packages>\n</coverage>\n', 'bad.xml:4: '],
    ['bad.json', '{\n "a": {"statementMap": {}, "s": {}},\n "b": \n}', 'bad.json:4: not valid JSON'],
    ['bad.out', 'mode: set\nx.go:1.1,2.2 1\n', 'bad.out:2: expected'],
    ['what.txt', 'hello\n', 'cannot tell the coverage format of what.txt']
  ])('unparsable %s: error naming file and line', async (name, text, message) => {
    const dir = workspace({}, { [name]: text })
    await expect(run(dir, { reports: name })).rejects.toThrow(message)
  })

  test('format given but the content is another format', async () => {
    const dir = workspace({ 'lcov.info': path.join(JEST, 'full/lcov.info') })
    await expect(run(dir, { reports: 'lcov.info', format: 'cobertura' })).rejects.toThrow(
      'lcov.info looks like lcov, not Cobertura XML: set format: lcov (or auto), or fix reports'
    )
  })
})

describe('changed lines', () => {
  const sh = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@e',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@e'
      }
    }).trim()

  /** a repo whose base commit lacks math.js's clamp/divide bodies and unusedPower; head adds them */
  function repo(): { dir: string; base: string; head: string } {
    const dir = workspace({ 'coverage/lcov.info': path.join(JEST, 'full/lcov.info') })
    const math = read(path.join(dir, 'src/math.js'))
    const lines = math.split('\n')
    // base: lines 8-13 (divide) and 27-33 (unusedPower) absent
    writeFileSync(path.join(dir, 'src/math.js'), [...lines.slice(0, 7), ...lines.slice(13, 26)].join('\n'))
    sh(dir, 'init', '-q', '-b', 'main')
    sh(dir, 'add', '-A')
    sh(dir, 'commit', '-q', '-m', 'base')
    const base = sh(dir, 'rev-parse', 'HEAD')
    writeFileSync(path.join(dir, 'src/math.js'), math)
    sh(dir, 'commit', '-q', '-am', 'head')
    return { dir, base, head: sh(dir, 'rev-parse', 'HEAD') }
  }
  const pr = (base: string, head: string): GateEvent => ({
    name: 'pull_request',
    sha: head,
    pr: { number: 1, headSha: head, headRef: 'f', baseSha: base, baseRef: 'main', author: 'a', fork: false }
  })

  test('share of changed coverable lines, uncovered ones as annotations', async () => {
    const { dir, base, head } = repo()
    const out = await run(dir, { reports: 'coverage/lcov.info', 'changed-lines': 80 }, pr(base, head))
    // changed: 8-13 (DA 9,10,12: 10 uncovered) and 27-33 (DA 28,29,30,32: all uncovered)
    expect(out.details!.changedLines).toEqual({ covered: 2, total: 7, pct: 28.57 })
    expect(out.status).toBe('fail')
    expect(out.summary).toBe('changed lines 28.57% < 80% (2/7)')
    expect(out.annotations).toEqual([
      expect.objectContaining({ file: 'src/math.js', line: 10, level: 'error' }),
      expect.objectContaining({ file: 'src/math.js', line: 28, endLine: 30 }),
      expect.objectContaining({ file: 'src/math.js', line: 32 })
    ])
  })

  test('below min-changed-lines: not judged, and the summary says so', async () => {
    const { dir, base, head } = repo()
    const out = await run(
      dir,
      { reports: 'coverage/lcov.info', 'changed-lines': 80, 'min-changed-lines': 10 },
      pr(base, head)
    )
    expect(out.status).toBe('pass')
    expect(out.summary).toContain('changed-lines not judged: 7 changed coverable lines (< 10)')
  })

  test('a base that is not in the clone is an error saying how to fetch it', async () => {
    const { dir, head } = repo()
    await expect(
      run(
        dir,
        { reports: 'coverage/lcov.info', 'changed-lines': 80 },
        pr('0123456789abcdef0123456789abcdef01234567', head)
      )
    ).rejects.toThrow(
      'changed-lines needs the PR base 0123456789ab, which is not in this clone: check out with fetch-depth: 0'
    )
  })

  test('not a pull request: not judged', async () => {
    const dir = workspace({ 'coverage/lcov.info': path.join(JEST, 'full/lcov.info') })
    const out = await run(dir, { reports: 'coverage/lcov.info', 'changed-lines': 80, min: { lines: 50 } })
    expect(out.status).toBe('pass')
    expect(out.summary).toBe(
      'lines 60.71% (17/28) >= 50%; 3 files; changed-lines not judged: not a pull request (local event)'
    )
  })

  test('diff parser: new-side lines of each hunk, deletions and removed files ignored', () => {
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -3,0 +4,2 @@ x',
      '@@ -10 +12 @@',
      '@@ -20,3 +22,0 @@',
      'diff --git a/gone.ts b/gone.ts',
      '--- a/gone.ts',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      'diff --git "a/sp ace\\303\\251.ts" "b/sp ace\\303\\251.ts"',
      '+++ "b/sp ace\\303\\251.ts"',
      '@@ -0,0 +1 @@'
    ].join('\n')
    expect(parseUnifiedDiff(diff)).toEqual(
      new Map([
        ['src/a.ts', new Set([4, 5, 12])],
        ['sp aceé.ts', new Set([1])]
      ])
    )
  })
})
