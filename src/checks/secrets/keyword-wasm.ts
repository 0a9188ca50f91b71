// The keyword automaton's inner loop in WebAssembly: the same table walk as the JavaScript loop, on four
// quarters of a window at once. Each step waits for the table look-up of the step before; four independent
// chains keep the CPU busy, and WebAssembly's loads carry no bounds checks of their own (the memory is sized
// for the table and one window). The module is assembled here (a few hundred bytes), so nothing is downloaded
// or shipped as a binary. The caller handles the hits: the loop stops at the first state that ends a keyword.
import { section, uleb as leb, webAssembly } from '../../wasm.js'

/** bytes of input copied into the module's memory at a time */
export const WINDOW = 256 * 1024

/** byte offsets in the module's memory */
const CTRL = 0 // four i32 states of the four-way loop
const DELTA = 16

export interface WasmLoop {
  /** the input window (`WINDOW` + the longest keyword bytes) */
  data: Uint8Array
  /** byte offset of `data` in the module's memory */
  base: number
  /** the four states of `four` (byte offsets into the table, negated when a keyword ends) */
  states: Int32Array
  /**
   * Runs the four quarters `[base + j*q + k, base + (j+1)*q)` from step `k`; returns the step where a state
   * went negative (all four states are stored), or `q`.
   */
  four(base: number, q: number, k: number): number
  /** Runs one state over `[from, to)` (memory offsets); returns where it went negative, or `to`. */
  one(from: number, to: number, state: number): number
  /** the state after `one` */
  state(): number
}

/**
 * A loop over `delta` (state offset + class → next state offset, negative at a keyword's end) and `classOf`
 * (byte → class), or undefined when the classes times 4 do not fit in a byte (more than 63 distinct keyword characters) or
 * WebAssembly is missing: the caller keeps its JavaScript loop then.
 */
export function wasmLoop(
  delta: Int32Array,
  classOf: Uint8Array,
  width: number,
  longest: number
): WasmLoop | undefined {
  const api = webAssembly()
  if (!api || width > 64) return undefined
  const CLS = DELTA + delta.length * 4
  const DATA = (CLS + 256 + 15) & ~15
  const bytes = DATA + WINDOW + longest + 16
  const pages = Math.ceil(bytes / 65536)
  // one state step of stream `s` (a local) reading at local `p` + k (local 2)
  const step = (s: number, p: number): number[] => [
    ...[0x20, s, 0x20, p, 0x20, 2, 0x6a], // s, p + k
    ...[0x2d, 0, 0], // i32.load8_u: the byte
    ...[0x2d, 0, ...leb(CLS)], // i32.load8_u: its class * 4
    ...[0x6a, 0x28, 2, ...leb(DELTA), 0x21, s] // s = delta[s + class]
  ]
  // four(base = 0, q = 1, k = 2) with locals s0..s3 = 3..6, p1..p3 = 7..9
  const four = [
    ...[1, 7, 0x7f],
    ...[0x41, 0, 0x28, 2, CTRL + 0, 0x21, 3],
    ...[0x41, 0, 0x28, 2, CTRL + 4, 0x21, 4],
    ...[0x41, 0, 0x28, 2, CTRL + 8, 0x21, 5],
    ...[0x41, 0, 0x28, 2, CTRL + 12, 0x21, 6],
    ...[0x20, 0, 0x20, 1, 0x6a, 0x22, 7, 0x20, 1, 0x6a, 0x22, 8, 0x20, 1, 0x6a, 0x21, 9],
    ...[0x02, 0x40, 0x03, 0x40],
    ...[0x20, 2, 0x20, 1, 0x4f, 0x0d, 1], // k >= q: out
    ...step(3, 0),
    ...step(4, 7),
    ...step(5, 8),
    ...step(6, 9),
    ...[0x20, 3, 0x20, 4, 0x72, 0x20, 5, 0x72, 0x20, 6, 0x72, 0x41, 0, 0x48, 0x0d, 1], // any negative: out
    ...[0x20, 2, 0x41, 1, 0x6a, 0x21, 2, 0x0c, 0], // k++
    ...[0x0b, 0x0b],
    ...[0x41, 0, 0x20, 3, 0x36, 2, CTRL + 0],
    ...[0x41, 0, 0x20, 4, 0x36, 2, CTRL + 4],
    ...[0x41, 0, 0x20, 5, 0x36, 2, CTRL + 8],
    ...[0x41, 0, 0x20, 6, 0x36, 2, CTRL + 12],
    ...[0x20, 2, 0x0b]
  ]
  // one(i = 0, to = 1, s = 2): the state is left in global 0
  const one = [
    0,
    ...[0x02, 0x40, 0x03, 0x40],
    ...[0x20, 0, 0x20, 1, 0x4f, 0x0d, 1],
    ...[0x20, 2, 0x20, 0, 0x2d, 0, 0, 0x2d, 0, ...leb(CLS), 0x6a, 0x28, 2, ...leb(DELTA), 0x22, 2],
    ...[0x41, 0, 0x48, 0x04, 0x40, 0x20, 2, 0x24, 0, 0x20, 0, 0x0f, 0x0b],
    ...[0x20, 0, 0x41, 1, 0x6a, 0x21, 0, 0x0c, 0],
    ...[0x0b, 0x0b],
    ...[0x20, 2, 0x24, 0, 0x20, 1, 0x0b]
  ]
  const module = new Uint8Array([
    ...[0, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, [1, 0x60, 3, 0x7f, 0x7f, 0x7f, 1, 0x7f]), // (i32, i32, i32) -> i32
    ...section(2, [1, 1, 0x65, 1, 0x6d, 2, 0, ...leb(pages)]), // memory e.m
    ...section(3, [2, 0, 0]),
    ...section(6, [1, 0x7f, 1, 0x41, 0, 0x0b]), // mutable i32 global
    ...section(7, [3, 1, 0x66, 0, 0, 1, 0x6f, 0, 1, 1, 0x67, 3, 0]), // f, o, g
    ...section(10, [2, ...leb(four.length), ...four, ...leb(one.length), ...one])
  ])
  let exports: Record<string, unknown>
  let memory: { buffer: ArrayBuffer }
  try {
    memory = new api.Memory({ initial: pages, maximum: pages })
    exports = new api.Instance(new api.Module(module), { e: { m: memory } }).exports
  } catch {
    return undefined // not allowed here (a policy against WebAssembly): the JavaScript loop runs
  }
  new Int32Array(memory.buffer, DELTA, delta.length).set(delta.map(v => v * 4))
  const heap = new Uint8Array(memory.buffer)
  for (let b = 0; b < 256; b++) heap[CLS + b] = classOf[b] * 4
  const global = exports.g as { value: number }
  return {
    data: heap.subarray(DATA, DATA + WINDOW + longest),
    base: DATA,
    states: new Int32Array(memory.buffer, CTRL, 4),
    four: exports.f as WasmLoop['four'],
    one: exports.o as WasmLoop['one'],
    state: () => global.value
  }
}
