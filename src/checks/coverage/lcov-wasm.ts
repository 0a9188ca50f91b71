// The lcov parser's hottest loop in WebAssembly: runs of `DA:<line>,<hits>` records, nine in ten lines of
// a real report, read and added up into the file's line array in the module's own memory, with the file's
// line totals kept as it goes (lcov.ts hands it the report a window at a time). A few hundred bytes
// assembled here, so nothing is downloaded or shipped as a binary (as src/checks/secrets/keyword-wasm.ts).
// Why it pays: the digits loop runs without bounds checks, and with no JIT warm-up (the parser's large
// JavaScript byte loop ran its first megabytes unoptimised while TurboFan compiled it); and the per-file
// count of lines is no second pass over the array.
import { section, sleb, uleb, webAssembly } from '../../wasm.js'

/** bytes of a report read into (or copied into) one of the module's two input windows at a time */
export const WINDOW = 1 << 20

/**
 * byte offsets in the module's memory: four i32 the kernel reports in (CTRL), two input windows (each with
 * slack for 4-byte reads past its end), then the lines
 */
const CTRL = 0
const IN = [64, 64 + WINDOW + 64]
const LINES = Math.ceil((IN[1] + WINDOW + 64) / 65536) * 65536

export interface DaKernel {
  /**
   * the input windows: Buffers over the module's memory. A caller may read a report's next bytes into one
   * while the other is parsed; `buf.buffer === memory` tells a window (or part of one) from other buffers.
   */
  windows: [Buffer, Buffer]
  /** the memory's buffer */
  memory: ArrayBufferLike
  /** the highest line number it takes (`run` stops at a line over it; `add` must not be given one) */
  maxLine: number
  /** the file's lines: hits + 1 by line number (0: no DA for that line), up to `ctrl[LINE_END]` */
  lines: Uint32Array
  /**
   * what the kernel reports: TAKEN (lines the last `run` took), LINE_END (the file's highest line + 1),
   * TOTAL (its lines with a DA) and COVERED (those with hits)
   */
  ctrl: Int32Array
  /**
   * Takes plain DA lines from memory offset `from` (a line start) while they are whole before `to`;
   * returns the offset of the first line it did not take (a line that is not `DA:<digits>,<digits>` then
   * LF or CR LF, or a line number over `maxLine`). Hits over `maxHits` are `maxHits`.
   */
  run(from: number, to: number): number
  /** adds `hits` (0..maxHits) to `line` (0..maxLine), as `run` does */
  add(line: number, hits: number): void
  /** the next file starts: the lines and the numbers (in ctrl too) are cleared */
  reset(): void
}

export const TAKEN = 0
export const LINE_END = 1
export const TOTAL = 2
export const COVERED = 3

// opcodes
const BLOCK = [0x02, 0x40]
const LOOP = [0x03, 0x40]
const END = 0x0b
const BR = 0x0c
const BR_IF = 0x0d
const IF = [0x04, 0x40]
const IF_I32 = [0x04, 0x7f]
const ELSE = 0x05
const GLOBAL_GET = 0x23
const MEMORY_FILL = [0xfc, 0x0b, 0x00]
const SELECT = 0x1b
const GET = 0x20
const SET = 0x21
const TEE = 0x22
const GLOBAL_SET = 0x24
const I32_LOAD = 0x28
const I32_LOAD8_U = 0x2d
const I32_STORE = 0x36
const I32 = (n: number): number[] => [0x41, ...sleb(n)]
const I64 = (n: number): number[] => [0x42, ...sleb(n)]
const I32_EQZ = 0x45
const I32_EQ = 0x46
const I32_NE = 0x47
const I32_GT_U = 0x4b
const I32_GE_U = 0x4f
const I64_GT_U = 0x56
const I32_ADD = 0x6a
const I32_SUB = 0x6b
const I32_MUL = 0x6c
const I32_AND = 0x71
const I32_SHL = 0x74
const I64_ADD = 0x7c
const I64_MUL = 0x7e
const I32_WRAP_I64 = 0xa7
const I64_EXTEND_I32_U = 0xad

/** compiled modules by their limits: compiled once per thread, instantiated once per parser at a time */
const compiled = new Map<string, object>()

/**
 * A kernel with its own memory, or undefined where WebAssembly is missing or refused (the parser's
 * JavaScript loop runs then). `maxLine` and `maxHits` are the parser's limits.
 */
export function daKernel(maxLine: number, maxHits: number): DaKernel | undefined {
  const api = webAssembly()
  if (!api) return undefined
  let exports: Record<string, unknown>
  try {
    const key = `${maxLine},${maxHits}`
    let module = compiled.get(key)
    if (module === undefined) compiled.set(key, (module = new api.Module(assemble(maxLine, maxHits))))
    exports = new api.Instance(module, {}).exports
  } catch {
    return undefined // not allowed here (a policy against WebAssembly), or no memory for it: the JavaScript loop runs
  }
  const memory = (exports.m as { buffer: ArrayBuffer }).buffer
  return {
    windows: [Buffer.from(memory, IN[0], WINDOW), Buffer.from(memory, IN[1], WINDOW)],
    memory,
    maxLine,
    lines: new Uint32Array(memory, LINES, maxLine + 1),
    ctrl: new Int32Array(memory, CTRL, 4),
    run: exports.r as DaKernel['run'],
    add: exports.a as DaKernel['add'],
    reset: exports.z as DaKernel['reset']
  }
}

/**
 * The module: run (r), add (a), reset (z) and its memory (m). The file's numbers live in globals (lineEnd 0,
 * total 1, covered 2) while it is read, and are stored into CTRL when a call returns.
 */
function assemble(maxLine: number, maxHits: number): Uint8Array {
  /** the numbers into CTRL: lineEnd, total, covered (and TAKEN from local `taken`, when given) */
  const report = (taken?: number): number[] => [
    ...(taken === undefined ? [] : [...I32(0), GET, taken, I32_STORE, 2, CTRL + 4 * TAKEN]),
    ...[...I32(0), GLOBAL_GET, 0, I32_STORE, 2, CTRL + 4 * LINE_END],
    ...[...I32(0), GLOBAL_GET, 1, I32_STORE, 2, CTRL + 4 * TOTAL],
    ...[...I32(0), GLOBAL_GET, 2, I32_STORE, 2, CTRL + 4 * COVERED]
  ]
  /** lines[line] += hits (locals `line`, `hits` (i32), scratch `slot`, `prev`, `sum`), the numbers kept */
  const addLine = (line: number, hits: number, slot: number, prev: number, sum: number): number[] => [
    ...[GET, line, ...I32(2), I32_SHL, ...I32(LINES), I32_ADD, TEE, slot, I32_LOAD, 2, 0, TEE, prev, I32_EQZ],
    ...IF,
    // a new line: total + 1, covered + (hits > 0)
    ...[GLOBAL_GET, 1, ...I32(1), I32_ADD, GLOBAL_SET, 1],
    ...[GLOBAL_GET, 2, GET, hits, ...I32(0), I32_NE, I32_ADD, GLOBAL_SET, 2],
    ...[GET, slot, GET, hits, ...I32(1), I32_ADD, I32_STORE, 2, 0],
    ELSE,
    // seen before: covered + (it had none and now has some); hits add up to maxHits (no overflow in u32)
    ...[GLOBAL_GET, 2, GET, prev, ...I32(1), I32_EQ, GET, hits, ...I32(0), I32_NE, I32_AND, I32_ADD, GLOBAL_SET, 2],
    ...[GET, prev, ...I32(1), I32_SUB, GET, hits, I32_ADD, SET, sum],
    ...[GET, slot, ...I32(maxHits), GET, sum, GET, sum, ...I32(maxHits), I32_GT_U, SELECT, ...I32(1), I32_ADD],
    ...[I32_STORE, 2, 0],
    END,
    // lineEnd = max(lineEnd, line + 1)
    ...[GET, line, ...I32(1), I32_ADD, TEE, sum, GLOBAL_GET, 0, GET, sum, GLOBAL_GET, 0, I32_GT_U, SELECT, GLOBAL_SET, 0]
  ]
  // run(p = 0, to = 1) with locals taken = 2, i = 3, c = 4, line = 5, h0 = 6, next = 7, d = 8, h = 9,
  // slot = 10, prev = 11, sum = 12 (i32), hits = 13 (i64)
  const [p, to, taken, i, c, line, h0, next, d, h, slot, prev, sum, hits] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
  /** c = memory[++i] */
  const advance = [GET, i, ...I32(1), I32_ADD, TEE, i, I32_LOAD8_U, 0, 0, SET, c]
  /** `d = c - '0'`, out of the enclosing block unless a digit */
  const digitOrOut = [GET, c, ...I32(48), I32_SUB, TEE, d, ...I32(10), I32_GE_U, BR_IF, 1]
  const run = [
    ...[2, 11, 0x7f, 1, 0x7e], // locals: 11 i32, 1 i64
    ...BLOCK, // 1: out
    ...LOOP, // 0: the next line
    ...[GET, p, GET, to, I32_GE_U, BR_IF, 1],
    // "DA:" (the fourth byte read is in the window or its slack)
    ...[GET, p, I32_LOAD, 0, 0, ...I32(0xffffff), I32_AND, ...I32(0x3a4144), I32_NE, BR_IF, 1],
    ...[GET, p, ...I32(3), I32_ADD, TEE, i, I32_LOAD8_U, 0, 0, SET, c],
    ...[...I32(0), SET, line],
    ...BLOCK,
    ...LOOP,
    ...digitOrOut,
    // line = min(line * 10 + d, maxLine + 1): no overflow, and still over the limit
    ...[...I32(maxLine + 1), GET, line, ...I32(10), I32_MUL, GET, d, I32_ADD, TEE, line, GET, line],
    ...[...I32(maxLine), I32_GT_U, SELECT, SET, line],
    ...advance,
    ...[BR, 0, END, END],
    // no digits, or no comma after them
    ...[GET, i, GET, p, ...I32(3), I32_ADD, I32_EQ, BR_IF, 1],
    ...[GET, c, ...I32(44), I32_NE, BR_IF, 1],
    ...[GET, i, ...I32(1), I32_ADD, TEE, i, TEE, h0, I32_LOAD8_U, 0, 0, SET, c],
    ...[...I64(0), SET, hits],
    ...BLOCK,
    ...LOOP,
    ...digitOrOut,
    // hits = min(hits * 10 + d, maxHits)
    ...[...I64(maxHits), GET, hits, ...I64(10), I64_MUL, GET, d, I64_EXTEND_I32_U, I64_ADD, TEE, hits, GET, hits],
    ...[...I64(maxHits), I64_GT_U, SELECT, SET, hits],
    ...advance,
    ...[BR, 0, END, END],
    ...[GET, i, GET, h0, I32_EQ, BR_IF, 1],
    // LF, or CR LF
    ...[GET, c, ...I32(10), I32_EQ, ...IF_I32, GET, i, ...I32(1), I32_ADD, ELSE],
    ...[GET, c, ...I32(13), I32_NE, BR_IF, 2],
    ...[GET, i, I32_LOAD8_U, 0, 1, ...I32(10), I32_NE, BR_IF, 2],
    ...[GET, i, ...I32(2), I32_ADD, END, SET, next],
    ...[GET, line, ...I32(maxLine), I32_GT_U, BR_IF, 1],
    ...[GET, hits, I32_WRAP_I64, SET, h],
    ...addLine(line, h, slot, prev, sum),
    ...[GET, taken, ...I32(1), I32_ADD, SET, taken],
    ...[GET, next, SET, p],
    ...[BR, 0, END, END],
    ...report(taken),
    ...[GET, p, END]
  ]
  // add(line = 0, hits = 1) with locals slot = 2, prev = 3, sum = 4
  const add = [...[1, 3, 0x7f], ...addLine(0, 1, 2, 3, 4), ...report(), END]
  // reset(): lines [0, lineEnd) to 0, the numbers to 0, in CTRL too (a next file without a DA line has none)
  const reset = [
    0,
    ...[...I32(LINES), ...I32(0), GLOBAL_GET, 0, ...I32(2), I32_SHL, ...MEMORY_FILL],
    ...[...I32(0), GLOBAL_SET, 0, ...I32(0), GLOBAL_SET, 1, ...I32(0), GLOBAL_SET, 2],
    ...report(),
    END
  ]
  const pages = Math.ceil((LINES + (maxLine + 1) * 4) / 65536)
  const global = [0x7f, 1, ...I32(0), END] // a mutable i32, 0
  return new Uint8Array([
    ...[0, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    // types: (i32, i32) -> i32; (i32, i32) -> (); () -> ()
    ...section(1, [3, 0x60, 2, 0x7f, 0x7f, 1, 0x7f, 0x60, 2, 0x7f, 0x7f, 0, 0x60, 0, 0]),
    ...section(3, [3, 0, 1, 2]),
    ...section(5, [1, 1, ...uleb(pages), ...uleb(pages)]), // memory: fixed size
    ...section(6, [3, ...global, ...global, ...global]),
    ...section(7, [4, ...[1, 0x72, 0, 0], ...[1, 0x61, 0, 1], ...[1, 0x7a, 0, 2], ...[1, 0x6d, 2, 0]]), // r, a, z, m
    ...section(10, [3, ...uleb(run.length), ...run, ...uleb(add.length), ...add, ...uleb(reset.length), ...reset])
  ])
}
