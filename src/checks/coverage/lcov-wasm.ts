// The lcov parser's hottest loop in WebAssembly: runs of `DA:<line>,<hits>` records, nine in ten lines of
// a real report. The kernel only reads: it writes (line, hits) pairs into its memory, and the parser adds
// them to the file's lines as its JavaScript loop would (lcov.ts). A few hundred bytes assembled here, so
// nothing is downloaded or shipped as a binary (as src/checks/secrets/keyword-wasm.ts). Two reasons it pays:
// the digits loop runs without bounds checks or JIT warm-up, and the parser's large byte loop (which
// TurboFan takes 30-70 ms to compile, and throws away at each branch it has not seen) no longer carries the
// bulk of the lines while that compile runs.

/** bytes of a report copied into the module's memory at a time */
export const WINDOW = 1 << 20
/** (line, hits) pairs the kernel writes before it hands back */
export const PAIRS = 4096

/** byte offsets in the module's memory: the pairs, then the input window (with slack for 4-byte reads) */
const OUT = 0
const IN = PAIRS * 8

export interface DaKernel {
  /** the input window: a Buffer over the module's memory (`buf.buffer` tells a window from other buffers) */
  input: Buffer
  /** the memory's buffer (the same as `input.buffer`) */
  memory: ArrayBufferLike
  /** the pairs written by the last `run`: line at 2k, hits at 2k + 1 */
  pairs: Int32Array
  /**
   * Reads plain DA lines from memory offset `from` (a line start) while they are whole before `to` and
   * at most PAIRS of them; returns the offset of the first line it did not take (a line that is not
   * `DA:<digits>,<digits>` then LF or CR LF, or a line number over `maxLine`). Hits over 2^31 - 1 are
   * that number.
   */
  run(from: number, to: number): number
  /** the pairs the last `run` wrote */
  count(): number
}

/** the part of the WebAssembly API used here (the project's TypeScript library has no WebAssembly types) */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object
  Instance: new (m: object, imports: object) => { exports: Record<string, unknown> }
}

const uleb = (n: number): number[] => {
  const out: number[] = []
  do {
    let b = n & 0x7f
    n >>>= 7
    if (n !== 0) b |= 0x80
    out.push(b)
  } while (n !== 0)
  return out
}

/** signed LEB128 (the immediates of i32.const and i64.const) */
const sleb = (n: number): number[] => {
  const out: number[] = []
  for (;;) {
    const b = n & 0x7f
    n = Math.floor(n / 128)
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b]
    out.push(b | 0x80)
  }
}

const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body]

// opcodes
const BLOCK = [0x02, 0x40]
const LOOP = [0x03, 0x40]
const END = 0x0b
const BR = 0x0c
const BR_IF = 0x0d
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

/**
 * The kernel, or undefined where WebAssembly is missing or refused (the parser's JavaScript loop runs
 * then). `maxLine` and `maxHits` are the parser's limits.
 */
export function daKernel(maxLine: number, maxHits: number): DaKernel | undefined {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly
  if (!api) return undefined
  // run(p = 0, to = 1) with locals n = 2, i = 3, c = 4, line = 5, h0 = 6, next = 7, d = 8 (i32), hits = 9 (i64)
  const [p, to, n, i, c, line, h0, next, d, hits] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
  /** c = memory[++i] */
  const advance = [GET, i, ...I32(1), I32_ADD, TEE, i, I32_LOAD8_U, 0, 0, SET, c]
  /** `d = c - '0'`, out of the enclosing block unless a digit */
  const digitOrOut = [GET, c, ...I32(48), I32_SUB, TEE, d, ...I32(10), I32_GE_U, BR_IF, 1]
  const body = [
    ...[2, 7, 0x7f, 1, 0x7e], // locals: 7 i32, 1 i64
    ...BLOCK, // 1: out
    ...LOOP, // 0: the next line
    ...[GET, p, GET, to, I32_GE_U, BR_IF, 1],
    ...[GET, n, ...I32(PAIRS), I32_GE_U, BR_IF, 1],
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
    ...[GET, c, ...I32(10), I32_EQ, 0x04, 0x7f, GET, i, ...I32(1), I32_ADD, 0x05],
    ...[GET, c, ...I32(13), I32_NE, BR_IF, 2],
    ...[GET, i, I32_LOAD8_U, 0, 1, ...I32(10), I32_NE, BR_IF, 2],
    ...[GET, i, ...I32(2), I32_ADD, END, SET, next],
    ...[GET, line, ...I32(maxLine), I32_GT_U, BR_IF, 1],
    // pairs[n] = (line, hits)
    ...[GET, n, ...I32(3), I32_SHL, ...I32(OUT), I32_ADD, TEE, d, GET, line, I32_STORE, 2, 0],
    ...[GET, d, GET, hits, I32_WRAP_I64, I32_STORE, 2, 4],
    ...[GET, n, ...I32(1), I32_ADD, SET, n],
    ...[GET, next, SET, p],
    ...[BR, 0, END, END],
    ...[GET, n, GLOBAL_SET, 0, GET, p, END]
  ]
  const pages = Math.ceil((IN + WINDOW + 16) / 65536)
  const module = new Uint8Array([
    ...[0, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, [1, 0x60, 2, 0x7f, 0x7f, 1, 0x7f]), // (i32, i32) -> i32
    ...section(3, [1, 0]),
    ...section(5, [1, 1, ...uleb(pages), ...uleb(pages)]), // memory: fixed size
    ...section(6, [1, 0x7f, 1, ...I32(0), END]), // mutable i32 global: pairs written
    ...section(7, [3, 1, 0x72, 0, 0, 1, 0x6d, 2, 0, 1, 0x6e, 3, 0]), // r, m, n
    ...section(10, [1, ...uleb(body.length), ...body])
  ])
  let exports: Record<string, unknown>
  try {
    exports = new api.Instance(new api.Module(module), {}).exports
  } catch {
    return undefined // not allowed here (a policy against WebAssembly): the JavaScript loop runs
  }
  const memory = (exports.m as { buffer: ArrayBuffer }).buffer
  const global = exports.n as { value: number }
  return {
    input: Buffer.from(memory, IN, WINDOW),
    memory,
    pairs: new Int32Array(memory, OUT, PAIRS * 2),
    run: exports.r as DaKernel['run'],
    count: () => global.value
  }
}
