// The lcov parser reads a file's records (DA, BRDA, FN, FNDA and the totals lines it skips) with a small
// WebAssembly kernel (src/checks/coverage/lcov-wasm.ts) that keeps the file's lines, branches and functions
// in its own memory; without WebAssembly the JavaScript loop does the same. Both must give the same report,
// line for line, branch for branch and function for function, on real tools' reports and on hostile input
// (huge numbers, CR LF, records cut at a chunk's or a window's end, digits past 2^31, a DA with a checksum,
// duplicates, names with commas or bytes over 127, hash collisions, more branches or functions than the
// kernel keeps), and the same error at the same line when the report is broken.
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import {
  BRANCHES,
  BR_COUNT,
  BR_COVERED,
  CARRY,
  FLAGS,
  FN_COUNT,
  FN_COVERED,
  FUNCTIONS,
  HAS_BRANCHES,
  HAS_FUNCTIONS,
  PROBES,
  TAKEN,
  WINDOW,
  lcovKernel
} from '../../src/checks/coverage/lcov-wasm.js'
import { LcovParser } from '../../src/checks/coverage/lcov.js'
import { ReportSyntaxError } from '../../src/checks/coverage/errors.js'
import {
  HitList,
  LineHits,
  MAX_HITS,
  type FileCoverage,
  type MetricData
} from '../../src/checks/coverage/model.js'

const FIXTURES = path.resolve('__fixtures__/coverage')
const REAL_TOOLS = [
  'jest/full/lcov.info',
  'jest/shard-1/lcov.info',
  'real/c/example.info',
  'real/c/zpipe-merged.info',
  'real/python/coverage.lcov',
  'real/python/heapq.lcov',
  'real/js/nyc/lcov.info',
  'real/js/c8/lcov.info'
]

type Engine = 'wasm' | 'js'

/** A metric as plain data: lines as [line, hits], keyed hits sorted, counts as they are. */
function plain(m: MetricData | undefined): unknown {
  if (m === undefined) return undefined
  if (m instanceof LineHits) {
    const out: [number, number][] = []
    const a = m.toArray()
    for (let line = 0; line < a.length; line++) if (a[line] >= 0) out.push([line, a[line]])
    return out
  }
  const map = m instanceof HitList ? m.toMap() : m instanceof Map ? m : undefined
  if (map)
    return [...map].map(([k, v]) => [String(k), v]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  return m
}

const plainFile = (f: FileCoverage) => ({
  lines: plain(f.lines),
  branches: plain(f.branches),
  functions: plain(f.functions)
})

/** The report parsed with `engine`, fed in the given chunks; or the error (message and line). */
function parse(chunks: (string | Uint8Array)[], engine: Engine, totalsOnly = false): unknown {
  const files: [string, unknown][] = []
  try {
    const p = new LcovParser(
      totalsOnly,
      totalsOnly ? (name, f) => files.push([name, plainFile(f)]) : undefined,
      engine
    )
    for (const c of chunks) p.write(c)
    const report = p.end()
    for (const [name, f] of report.files) files.push([name, plainFile(f)])
    return files
  } catch (e) {
    if (e instanceof ReportSyntaxError) return { error: e.message, line: e.line }
    throw e
  }
}

/** `text` cut into pieces of `size` bytes (lines cut anywhere, as a read's chunks cut them). */
function pieces(text: string | Buffer, size: number): Buffer[] {
  const buf = Buffer.from(text)
  const out: Buffer[] = []
  for (let at = 0; at < buf.length; at += size) out.push(buf.subarray(at, at + size))
  return out
}

/** Both engines, whole and cut once, full and totals-only: one answer, which is returned. */
function both(text: string | Buffer): unknown {
  const answer = parse([text], 'wasm')
  expect(parse([text], 'js')).toEqual(answer)
  expect(parse(pieces(text, 13), 'wasm')).toEqual(answer)
  expect(parse([text], 'wasm', true)).toEqual(parse([text], 'js', true))
  return answer
}

/** Both engines, whole and cut at every few bytes, full and totals-only: one answer, which is returned. */
function same(text: string | Buffer): unknown {
  const answer = parse([text], 'wasm')
  expect(parse([text], 'js')).toEqual(answer)
  for (const size of [1, 7, 64])
    for (const engine of ['wasm', 'js'] as const) expect(parse(pieces(text, size), engine)).toEqual(answer)
  const totals = parse([text], 'wasm', true)
  expect(parse([text], 'js', true)).toEqual(totals)
  expect(parse(pieces(text, 13), 'wasm', true)).toEqual(totals)
  return answer
}

const record = (lines: string[], eol = '\n') =>
  ['TN:', 'SF:src/a.ts', ...lines, 'end_of_record', ''].join(eol)

describe('the WebAssembly kernel', () => {
  test('is there (Node has WebAssembly): the parser reads into its windows', () => {
    expect(lcovKernel(1 << 23, MAX_HITS)).toBeDefined()
    expect(new LcovParser(true, () => undefined).windows?.map(w => w.length)).toEqual([WINDOW, WINDOW])
    expect(new LcovParser(true, () => undefined, 'js').windows).toBeUndefined()
  })

  test.each(REAL_TOOLS)('%s: the same report as the JavaScript loop, whole and in pieces', name => {
    const text = readFileSync(path.join(FIXTURES, name), 'utf8')
    const files = same(text) as [string, { lines: [number, number][] }][]
    // not an empty answer: the tool's files, each with lines
    expect(files.length).toBeGreaterThan(0)
    expect(files.every(([, f]) => f.lines.length > 0)).toBe(true)
  })

  test('a real report with CR LF line ends reads as with LF', () => {
    const text = readFileSync(path.join(FIXTURES, 'real/js/nyc/lcov.info'), 'utf8')
    expect(same(text.replace(/\n/g, '\r\n'))).toEqual(same(text))
  })

  test('a line seen twice adds up, and covered counts a line once (0 then 3; 2 then 0)', () => {
    const files = same(record(['DA:1,0', 'DA:2,2', 'DA:1,3', 'DA:2,0', 'DA:3,0'])) as [string, unknown][]
    expect(files).toEqual([
      [
        'src/a.ts',
        {
          lines: [
            [1, 3],
            [2, 2],
            [3, 0]
          ],
          branches: undefined,
          functions: undefined
        }
      ]
    ])
    expect(parse([record(['DA:1,0', 'DA:2,2', 'DA:1,3', 'DA:2,0', 'DA:3,0'])], 'wasm', true)).toEqual([
      ['src/a.ts', { lines: { covered: 2, total: 3 }, branches: undefined, functions: undefined }]
    ])
  })

  test('a file without DA lines after one with them has no lines (the kernel is cleared between files)', () => {
    const text =
      'SF:a.ts\nDA:1,1\nDA:2,0\nend_of_record\nSF:b.ts\nFN:1,f\nFNDA:1,f\nend_of_record\nSF:c.ts\nDA:7,0\nend_of_record\n'
    expect(parse([text], 'wasm', true)).toEqual([
      ['a.ts', { lines: { covered: 1, total: 2 }, branches: undefined, functions: undefined }],
      ['b.ts', { lines: { covered: 0, total: 0 }, branches: undefined, functions: { covered: 1, total: 1 } }],
      ['c.ts', { lines: { covered: 0, total: 1 }, branches: undefined, functions: undefined }]
    ])
    expect(same(text)).toEqual([
      [
        'a.ts',
        {
          lines: [
            [1, 1],
            [2, 0]
          ],
          branches: undefined,
          functions: undefined
        }
      ],
      ['b.ts', { lines: [], branches: undefined, functions: [['f', 1]] }],
      ['c.ts', { lines: [[7, 0]], branches: undefined, functions: undefined }]
    ])
  })

  test('the highest line number read is 2^23; one past it is an error at its line', () => {
    expect(both(record(['DA:8388608,1']))).toEqual([
      ['src/a.ts', { lines: [[8388608, 1]], branches: undefined, functions: undefined }]
    ])
    expect(same(record(['DA:1,1', 'DA:8388609,1']))).toEqual({
      error: expect.stringMatching(/line number over/),
      line: 4
    })
    // digits past what an i32 holds: still an error, not a wrapped small number
    expect(same(record(['DA:99999999999999999999,1']))).toEqual({
      error: expect.stringMatching(/line number over/),
      line: 3
    })
    expect(same(record(['DA:4294967297,1']))).toEqual({
      error: expect.stringMatching(/line number over/),
      line: 3
    })
  })

  test('a line past the first kernel (2^18) moves the file to a larger kernel: the same report, read in its windows too', () => {
    // lines in the first kernel, then one past it in the middle of a DA run, then more DA lines in the
    // same window (now another kernel's memory: the general path), another file, and a window boundary
    const many = Array.from({ length: 40 }, (_, i) => `DA:${i + 1},${i % 3}`)
    const text =
      record([...many, 'DA:300000,2', 'DA:41,1', 'DA:262145,0', 'DA:1000,5', 'DA:7,1']) +
      record(['DA:2,0', 'DA:5,7', 'DA:5,1', 'DA:262144,1']).replace('src/a.ts', 'src/b.ts') +
      record(['DA:1,1', 'DA:2000000,3']).replace('src/a.ts', 'src/c.ts')
    const answer = same(text) as [string, { lines: [number, number][] }][]
    expect(answer.map(([name, f]) => [name, f.lines.length, f.lines.at(-1)])).toEqual([
      ['src/a.ts', 44, [300000, 2]],
      ['src/b.ts', 3, [262144, 1]],
      ['src/c.ts', 2, [2000000, 3]]
    ])
    // as the streamed read does it: the report read into the parser's own windows, one after the other,
    // the windows it handed out still in use after the parser moved to another kernel
    for (const totalsOnly of [false, true]) {
      const files: [string, unknown][] = []
      const p = new LcovParser(totalsOnly, totalsOnly ? (n, f) => files.push([n, plainFile(f)]) : undefined)
      const windows = p.windows!
      const bytes = Buffer.from(text)
      for (let at = 0, i = 0; at < bytes.length; at += 97, i = 1 - i) {
        const n = bytes.copy(windows[i], 0, at, Math.min(at + 97, bytes.length))
        p.write(windows[i].subarray(0, n))
      }
      for (const [name, f] of p.end().files) files.push([name, plainFile(f)])
      expect(files).toEqual(parse([text], 'js', totalsOnly))
    }
  })

  test('hits past 2^31 - 1 are 2^31 - 1, and adding up stops there', () => {
    const files = same(
      record(['DA:1,99999999999999999999', 'DA:2,2147483647', 'DA:2,5', 'DA:3,4294967296'])
    ) as [string, { lines: unknown }][]
    expect(files[0][1].lines).toEqual([
      [1, MAX_HITS],
      [2, MAX_HITS],
      [3, MAX_HITS]
    ])
  })

  test('a DA with a checksum, a float, a negative count or none: the general path, the same in both', () => {
    expect(same(record(['DA:1,2,Pe6DGj0nxvYuttTzNEu6pw', 'DA:2,1.5', 'DA:3,-1', 'DA:4,7']))).toEqual([
      [
        'src/a.ts',
        {
          lines: [
            [1, 2],
            [2, 1],
            [3, 0],
            [4, 7]
          ],
          branches: undefined,
          functions: undefined
        }
      ]
    ])
    for (const bad of ['DA:,1', 'DA:x,1', 'DA:1', 'DA:1;2', 'DA:1,2x'])
      expect(same(record(['DA:5,1', bad]))).toEqual({ error: expect.any(String), line: 4 })
    // no digits after the comma: 0 hits (as before the kernel), in both
    expect(same(record(['DA:5,1', 'DA:1,']))).toEqual([
      [
        'src/a.ts',
        {
          lines: [
            [1, 0],
            [5, 1]
          ],
          branches: undefined,
          functions: undefined
        }
      ]
    ])
  })

  test('a record cut at a chunk end, at a window end, and a report larger than a window', () => {
    // DA lines across the 1 MiB window: the parser copies a caller's buffer into its window a window at a time
    const lines: string[] = []
    for (let l = 1, size = 0; size < WINDOW * 1.5; l++)
      size += lines[lines.push(`DA:${l},${l % 7}`) - 1].length + 1
    const big = record(lines)
    // (as JSON: jest's deep equality is slow on 150,000 pairs)
    const whole = JSON.stringify(parse([big], 'wasm'))
    expect(JSON.stringify(parse([big], 'js'))).toBe(whole)
    const cut = Buffer.from(big)
    for (const at of [WINDOW - 1, WINDOW, WINDOW + 1, WINDOW + 3])
      expect(JSON.stringify(parse([cut.subarray(0, at), cut.subarray(at)], 'wasm'))).toBe(whole)
    expect((JSON.parse(whole) as [string, { lines: unknown[] }][])[0][1].lines).toHaveLength(lines.length)
  })

  test('a report cut short inside a DA run is an error, never a pass', () => {
    const text = record(['DA:1,1', 'DA:2,0', 'DA:3,1'])
    const cut = text.slice(0, text.indexOf('DA:3') + 5)
    expect(same(cut)).toEqual({ error: expect.stringMatching(/cut short/), line: 5 })
  })

  test('NUL bytes, a lone CR and bytes over 127 in a DA line are errors at their line in both', () => {
    for (const bad of ['DA:1\u0000,1', 'DA:\u00ff1,1', 'DA:1,1\rDA:2,1', 'DA:1,1\u0000'])
      expect(same(record(['DA:5,1', bad]))).toMatchObject({ error: expect.any(String), line: 4 })
  })

  test('two parsers read at once (two coverage items): each keeps its own lines', () => {
    const a = record(['DA:1,1', 'DA:2,0'])
    const b = record(['DA:1,0', 'DA:3,4']).replace('src/a.ts', 'src/b.ts')
    const pa = new LcovParser(false, undefined, 'wasm')
    const pb = new LcovParser(false, undefined, 'wasm')
    const ca = pieces(a, 5)
    const cb = pieces(b, 5)
    for (let i = 0; i < Math.max(ca.length, cb.length); i++) {
      if (ca[i]) pa.write(ca[i])
      if (cb[i]) pb.write(cb[i])
    }
    expect(plain(pa.end().files.get('src/a.ts')!.lines)).toEqual([
      [1, 1],
      [2, 0]
    ])
    expect(plain(pb.end().files.get('src/b.ts')!.lines)).toEqual([
      [1, 0],
      [3, 4]
    ])
  })

  test('random reports (seeded): the same answer from both engines', () => {
    let s = 42
    const rand = (n: number): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * n
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand(xs.length))]
    let parsed = 0
    for (let round = 0; round < 100; round++) {
      // a line number past 2^23 or a malformed BRDA or FNDA ends the report in an error: in one round in five only. Line numbers near
      // the limit cost an array of that many entries per file: the test above reads those, here they stay
      // in the thousands so that the hundred rounds take milliseconds each
      const huge = round % 5 === 0
      const out: string[] = []
      for (let f = 0; f < 1 + rand(4); f++) {
        out.push(pick(['TN:', 'TN:t']), `SF:src/f${Math.floor(rand(3))}.ts`)
        for (let k = 0; k < rand(30); k++)
          out.push(
            pick([
              `DA:${Math.floor(rand(50))},${Math.floor(rand(4))}`,
              `DA:${Math.floor(rand(50))},${Math.floor(rand(4))}`,
              `DA:${Math.floor(rand(huge ? 9e9 : 9e3))},1`,
              `DA:1,${Math.floor(rand(9e12))}`,
              `BRDA:${Math.floor(rand(9))},0,${Math.floor(rand(2))},${pick(['-', '0', '3'])}`,
              `BRDA:${Math.floor(rand(9))},${Math.floor(rand(2))},${Math.floor(rand(2))},${pick(['-', '0', '1', '99999999999'])}`,
              `BRDA:${pick(['2097152', '3', '1'])},${pick(['e0', '65536', '0', ''])},0,${pick(huge ? ['-', '1', '-1', 'x'] : ['-', '1'])}`,
              `FN:${Math.floor(rand(9))},f${Math.floor(rand(3))}`,
              `FN:${Math.floor(rand(9))},${Math.floor(rand(9))},${pick(['f0', 'f1,x', 'ƒ', '', 'f55zx', 'fgpcd'])}`,
              `FNDA:${Math.floor(rand(3))},f${Math.floor(rand(3))}`,
              `FNDA:${pick(huge ? ['0', '', 'x'] : ['0', '4', '99999999999'])},${pick(['f0', 'f1,x', 'ƒ', 'f55zx', 'fgpcd', 'f2'])}`,
              pick(['LF:3', 'FNF:1', 'BRF:0', 'BRH:0', 'FNH:0', 'TN:x', 'FNA:0,1,f1', 'VER:2']),
              'DA:2,1,abc',
              'DA:3,'
            ])
          )
        if (rand(1) < 0.95) out.push('end_of_record')
      }
      const text = out.join(rand(1) < 0.5 ? '\n' : '\r\n') + '\n'
      const size = 1 + Math.floor(rand(40))
      const answer = parse([text], 'js')
      expect(parse([text], 'wasm')).toEqual(answer)
      expect(parse(pieces(text, size), 'wasm')).toEqual(answer)
      expect(parse(pieces(text, size), 'wasm', true)).toEqual(parse([text], 'js', true))
      if (Array.isArray(answer)) parsed++
    }
    // most rounds are reports that parse, so that their numbers are what is compared
    expect(parsed).toBeGreaterThan(50)
  })
})

/** The counts of the report's only file, as the totals-only parser gives them (both engines agree). */
function totalsOf(text: string): unknown {
  const answer = parse([text], 'wasm', true)
  expect(parse([text], 'js', true)).toEqual(answer)
  return Array.isArray(answer) ? (answer as [string, unknown][]).map(([, f]) => f) : answer
}

describe('branches and functions in the kernel', () => {
  test('the kernel takes BRDA, FN, FNDA and the totals lines itself, with the counts as it goes', () => {
    const k = lcovKernel(1 << 18, MAX_HITS)!
    const text = Buffer.from(
      'FN:1,f\nFNDA:2,f\nFN:3,g\nFNDA:0,g\nFN:4,5,h,i\nFNDA:1,h,i\nFNF:3\nFNH:2\nDA:1,1\n' +
        'BRDA:1,0,0,1\nBRDA:1,0,1,-\nBRDA:2,0,0,7\nBRF:3\nBRH:2\nLF:1\nLH:1\nTN:x\nend_of_record\n'
    )
    const n = text.copy(k.windows[0])
    const from = k.windows[0].byteOffset
    // it stops at end_of_record (lcov.ts reads that), having taken the 17 lines before it
    expect(k.run(from, from + n) - from).toBe(text.indexOf('end_of_record'))
    expect(k.ctrl[TAKEN]).toBe(17)
    expect([k.ctrl[BR_COUNT], k.ctrl[BR_COVERED], k.ctrl[FN_COUNT], k.ctrl[FN_COVERED]]).toEqual([3, 2, 3, 2])
    expect(k.ctrl[FLAGS] & (HAS_BRANCHES | HAS_FUNCTIONS)).toBe(HAS_BRANCHES | HAS_FUNCTIONS)
    k.reset()
    expect([...k.ctrl.subarray(0, 10)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
  })

  test('BRDA: "-" is 0 hits, a branch listed twice counts once, both orders tools use, CR LF', () => {
    const text = record(['BRDA:1,0,0,1', 'BRDA:1,0,1,-', 'BRDA:2,0,0,0', 'BRDA:1,0,0,4', 'BRDA:3,1,0,2'])
    expect(same(text)).toEqual([
      [
        'src/a.ts',
        {
          lines: [],
          branches: [
            ['12884967424', 2],
            ['4294967296', 5],
            ['4294967297', 0],
            ['8589934592', 0]
          ],
          functions: undefined
        }
      ]
    ])
    expect(totalsOf(text)).toEqual([{ lines: { covered: 0, total: 0 }, branches: { covered: 2, total: 4 } }])
    // by block then branch then line (as some tools list them): distinct without a lookup, the same counts
    const byBlock = record(['BRDA:5,0,0,1', 'BRDA:9,0,0,0', 'BRDA:2,0,1,3', 'BRDA:7,1,0,-'], '\r\n')
    expect(totalsOf(byBlock)).toEqual([
      { lines: { covered: 0, total: 0 }, branches: { covered: 2, total: 4 } }
    ])
    same(byBlock)
  })

  test('BRDA with numbers past what a key holds, digits past 2^31, an exception block, or none: as the JavaScript loop', () => {
    const text = record([
      'BRDA:2097152,0,0,1',
      'BRDA:1,65536,0,1',
      'BRDA:1,0,65536,0',
      'BRDA:1,e0,0,1',
      'BRDA:1,0,0,99999999999999999999',
      'BRDA:1,0,0,2147483647',
      'BRDA:1,0,1,4294967297',
      'BRDA:99999999999999999999,0,0,1'
    ])
    const files = same(text) as [string, { branches: [string, number][] }][]
    expect(files[0][1].branches).toEqual([
      ['1,0,65536', 0],
      ['1,65536,0', 1],
      ['1,e0,0', 1],
      ['2097152,0,0', 1],
      ['4294967296', MAX_HITS],
      ['4294967297', MAX_HITS],
      ['99999999999999999999,0,0', 1]
    ])
    for (const bad of ['BRDA:1', 'BRDA:1,0,0,', 'BRDA:1,0,0,-1', 'BRDA:1,0,0,1x', 'BRDA:1,0,0,1\u0000'])
      expect(same(record(['BRDA:1,0,0,1', bad]))).toEqual({ error: expect.any(String), line: 4 })
  })

  test('FN and FNDA: names with commas, lcov 2 end lines, FNDA before FN, a name listed twice, CR LF', () => {
    const text = record(
      [
        'FNDA:3,b',
        'FN:1,a,b',
        'FN:2,9,c,d',
        'FN:4,b',
        'FNDA:1,a,b',
        'FNDA:2,c,d',
        'FNDA:4,b',
        'FN:7,',
        'FNDA:0,',
        'FN:8,12'
      ],
      '\r\n'
    )
    expect(same(text)).toEqual([
      [
        'src/a.ts',
        {
          lines: [],
          branches: undefined,
          functions: [
            ['', 0],
            ['12', 0],
            ['a,b', 1],
            ['b', 7],
            ['c,d', 2]
          ]
        }
      ]
    ])
    expect(totalsOf(text)).toEqual([{ lines: { covered: 0, total: 0 }, functions: { covered: 3, total: 5 } }])
  })

  test('two names with the same hash (FNV-1a) are two functions; names in UTF-8 or with a NUL are their bytes', () => {
    const text = record([
      'FN:1,f55zx',
      'FN:2,fgpcd',
      'FNDA:1,fgpcd',
      'FN:3,ƒ',
      'FNDA:2,ƒ',
      'FN:4,x\u0000y',
      'FNDA:0,x\u0000y'
    ])
    expect(same(text)).toEqual([
      [
        'src/a.ts',
        {
          lines: [],
          branches: undefined,
          functions: [
            ['f55zx', 0],
            ['fgpcd', 1],
            ['x\u0000y', 0],
            ['ƒ', 2]
          ]
        }
      ]
    ])
    for (const bad of ['FN:x,f', 'FN:1', 'FNDA:1', 'FNDA:-1,f', 'FNDA:,f'])
      expect(same(record(['FN:1,f', bad]))).toEqual({ error: expect.any(String), line: 4 })
  })

  test('names made to share a hash table slot: past PROBES compared the functions move to a Map, the same counts', () => {
    // 40 names whose FNV-1a hashes agree in the table's 14 bits (found once by a search over s0, s1, ...)
    const names =
      's0 skgv smaf s1l87 s2xcs s3f2e s3pir s3u9s s3zkb s4v59 s4yfw s54ad s5gnz s5qim s5wo9 s62jr s66c5 s6adk s7p0u s7svt ' +
      's81hm s83n9 s874o s88vn s8dnb s8jlr s8rfd s8tx0 s9cw1 s9d36 s9eae s9js4 s9y8b sagsy sah83 samj0 sb693 sb9m0 sdk5x sdwtc'
    const lines = names.split(' ').flatMap((n, i) => [`FN:${i + 1},${n}`, `FNDA:${i % 2},${n}`])
    const k = lcovKernel(1 << 18, MAX_HITS)!
    const text = Buffer.from(lines.join('\n') + '\n')
    const from = k.windows[0].byteOffset
    text.copy(k.windows[0])
    // each name compares with all before it, its FNDA with itself too: the FNDA of the 33rd name (33 entries
    // compared) is left to lcov.ts
    expect(k.run(from, from + text.length) - from).toBe(text.indexOf('FNDA:0,s9y8b'))
    expect(PROBES).toBe(32)
    expect(totalsOf(record(lines))).toEqual([
      { lines: { covered: 0, total: 0 }, functions: { covered: 20, total: 40 } }
    ])
    same(record(lines))
  })

  test('more branches, functions or name bytes than the kernel keeps: the file moves to Maps, the same counts', () => {
    const brs = Array.from({ length: BRANCHES + 2 }, (_, i) => `BRDA:${i + 1},0,0,${i % 3 === 0 ? '-' : 1}`)
    const fns = Array.from({ length: FUNCTIONS + 2 }, (_, i) => `FN:${i},fn${i}`)
    const fnda = Array.from({ length: 10 }, (_, i) => `FNDA:${i},fn${FUNCTIONS - 5 + i}`)
    // names longer than a carry window, in all more bytes than the kernel keeps, cut by a window's end below
    const long = Array.from({ length: 5 }, (_, i) => `FN:${i},${String(i).repeat(CARRY + 7)}`)
    const text =
      record([...brs, 'DA:1,1', ...fns, ...fnda]) + record([...long, 'FNDA:1,' + '3'.repeat(CARRY + 7)])
    const totals = totalsOf(text)
    expect(totals).toEqual([
      {
        lines: { covered: 1, total: 1 },
        branches: { covered: BRANCHES + 2 - Math.ceil((BRANCHES + 2) / 3), total: BRANCHES + 2 },
        functions: { covered: 9, total: FUNCTIONS + 5 }
      },
      { lines: { covered: 0, total: 0 }, functions: { covered: 1, total: 5 } }
    ])
    // (as JSON: jest's deep equality is slow on many pairs)
    const whole = JSON.stringify(parse([text], 'js'))
    expect(JSON.stringify(parse([text], 'wasm'))).toBe(whole)
    // cut in a BRDA line (carried in the kernel's carry window) and in a name longer than that window
    const bytes = Buffer.from(text)
    for (const cut of [bytes.indexOf('BRDA:100,') + 7, bytes.indexOf('FN:2,22') + 5])
      expect(JSON.stringify(parse([bytes.subarray(0, cut), bytes.subarray(cut)], 'wasm'))).toBe(whole)
  })

  test('a hostile report never passes: records outside SF and a cut inside a record are errors at their line', () => {
    for (const rec of ['BRDA:1,0,0,1', 'FN:1,f', 'FNDA:1,f', 'BRF:1', 'FNF:1'])
      expect(same(`TN:\n${rec}\nSF:a\nend_of_record\n`)).toEqual({ error: expect.any(String), line: 2 })
    for (const cut of ['FN:1,f', 'BRDA:1,0,0,1', 'FNDA:1,'])
      expect(same(`SF:a\nDA:1,1\n${cut}`)).toEqual({ error: expect.stringMatching(/cut short/), line: 3 })
    expect(same(`SF:a\nDA:1,1\nBRDA:1,0,0,`)).toEqual({
      error: expect.stringMatching(/expected BRDA/),
      line: 3
    })
    // a lone CR ends no line: one record, read as the JavaScript loop reads it
    const fns = same(record(['FN:1,f\rFNDA:1,f'])) as [string, { functions: unknown }][]
    expect(fns[0][1].functions).toEqual([['f\rFNDA:1,f', 0]])
    const brs = same(record(['BRDA:1,0,0,1\rBRDA:1,0,1,1'])) as [string, { branches: unknown }][]
    expect(brs[0][1].branches).toEqual([['1,0,0,1\rBRDA:1,0,1', 1]])
  })
})
