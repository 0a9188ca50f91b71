// The keyword scan: one pass of an Aho-Corasick automaton over the file's bytes, case folded. Most files
// hold no keyword and cost nothing more; where one occurs, the rules that own it look around the hit.

export interface KeywordHit {
  /** byte offset of the keyword's first character */
  pos: number
  /** index into the automaton's keyword list */
  keyword: number
}

import { WINDOW, wasmLoop, type WasmLoop } from './keyword-wasm.js'

/** hits are coded as `pos * HIT_SCALE + keyword index` */
export const HIT_SCALE = 4096

/** Below this many bytes, one pass: splitting costs more than it saves. */
const SPLIT_BELOW = 4096

/** The hits of one scan, as codes in a growing array (one per scanner, reused from scan to scan). */
class Hits {
  private out = new Float64Array(64)
  private n = 0
  constructor(private readonly scanner: KeywordScanner) {}

  reset(): this {
    this.n = 0
    return this
  }

  /** Adds the keywords ending at byte `i` in state offset `s` that start before `limit`; returns `s`. */
  add(s: number, i: number, limit: number): number {
    const lengths = this.scanner.lengths
    for (const k of this.scanner.endingAt(s)) {
      const start = i + 1 - lengths[k]
      if (start >= limit) continue
      if (this.n === this.out.length) {
        const bigger = new Float64Array(this.n * 2)
        bigger.set(this.out)
        this.out = bigger
      }
      this.out[this.n++] = start * HIT_SCALE + k
    }
    return s
  }

  sorted(): Float64Array {
    return this.out.subarray(0, this.n).sort()
  }
}

export class KeywordScanner {
  readonly keywords: string[]
  /**
   * (state * width + class of the byte) → next state * width, negated when the next state ends a keyword.
   * Bytes in no keyword share one class, so the table is small enough to stay in the CPU cache.
   */
  private readonly delta: Int32Array
  /** byte → its class: 0 for bytes in no keyword, else one per case-folded keyword byte */
  private readonly classOf: Uint8Array
  private readonly width: number
  /** for each state that ends keywords: the keyword indexes, longest first */
  private readonly outputs: Map<number, number[]>
  /** the length of the longest keyword */
  readonly longest: number
  /** each keyword's length */
  readonly lengths: number[]
  /** the loop in WebAssembly, when it can be built (else the JavaScript loop runs) */
  private readonly wasm?: WasmLoop
  private readonly hits = new Hits(this)

  constructor(keywords: string[]) {
    this.keywords = [...new Set(keywords.map(k => k.toLowerCase()))].filter(k => k.length > 0)
    this.lengths = this.keywords.map(k => k.length)
    this.longest = Math.max(1, ...this.lengths)
    const fold = (b: number): number => (b >= 65 && b <= 90 ? b + 32 : b)
    const goto: Map<number, number>[] = [new Map()]
    const out: number[][] = [[]]
    this.keywords.forEach((k, index) => {
      let s = 0
      for (const b of Buffer.from(k, 'latin1')) {
        let t = goto[s].get(b)
        if (t === undefined) {
          t = goto.length
          goto.push(new Map())
          out.push([])
          goto[s].set(b, t)
        }
        s = t
      }
      out[s].push(index)
    })
    const n = goto.length
    // a byte whose folded form is in no keyword leads every state back to the root: one class for all of them
    this.classOf = new Uint8Array(256)
    let width = 1
    const classOfFolded = new Map<number, number>()
    for (const k of this.keywords)
      for (const b of Buffer.from(k, 'latin1')) if (!classOfFolded.has(b)) classOfFolded.set(b, width++)
    if (width > 256) throw new Error('too many distinct keyword characters')
    if (this.keywords.length >= HIT_SCALE) throw new Error('too many keywords')
    for (let b = 0; b < 256; b++) this.classOf[b] = classOfFolded.get(fold(b)) ?? 0
    this.width = width
    // (state * width + class) → plain state number while building; each state's row is its failure state's
    // row (finished: it is shallower) with its own edges over it, so the build stays a few milliseconds in
    // every worker
    const next = new Int32Array(n * width)
    const fail = new Int32Array(n)
    const queue: number[] = []
    for (const [b, t] of goto[0])
      if (b === fold(b)) {
        next[classOfFolded.get(b) as number] = t
        queue.push(t)
      }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]
      const f = fail[s]
      for (const k of out[f]) if (!out[s].includes(k)) out[s].push(k)
      next.copyWithin(s * width, f * width, f * width + width)
      for (const [b, t] of goto[s]) {
        if (b !== fold(b)) continue // never: the keywords are lower case
        const c = classOfFolded.get(b) as number
        fail[t] = next[f * width + c]
        queue.push(t)
        next[s * width + c] = t
      }
    }
    this.outputs = new Map()
    const ends = new Uint8Array(n)
    for (let s = 0; s < n; s++)
      if (out[s].length > 0) {
        this.outputs.set(s, out[s])
        ends[s] = 1
      }
    this.delta = next
    for (let i = 0; i < next.length; i++) {
      const t = next[i]
      next[i] = ends[t] ? -(t * width) : t * width
    }
    // class 0 stays 0: the root, which ends no keyword
    this.wasm = wasmLoop(this.delta, this.classOf, width, this.longest)
  }

  /** Every keyword occurrence in `bytes[0..length)`, in order of their end. */
  scan(bytes: Uint8Array, length = bytes.length): KeywordHit[] {
    const codes = this.scanCodes(bytes, length)
    return Array.from(codes, c => ({ pos: Math.floor(c / HIT_SCALE), keyword: c % HIT_SCALE }))
  }

  /**
   * The same hits as numbers `pos * HIT_SCALE + keyword`, sorted by position: no object per hit (files with
   * many keyword hits made the garbage collector a fifth of the scan). The array is the scanner's own and is
   * overwritten by its next scan: read it before.
   *
   * Each step of the automaton waits for the table look-up of the step before, so the input is read as several
   * parts at once, each by its own state, in one loop (four parts of each window in WebAssembly, else two
   * halves in JavaScript): independent chains keep the CPU busy. A part reads on until the longest keyword
   * starting in it has ended and reports only the hits starting in it; the next part starts afresh at the root,
   * so each hit is found exactly once.
   */
  scanCodes(bytes: Uint8Array, length = bytes.length): Float64Array {
    const hits = this.hits.reset()
    if (this.wasm) {
      for (let a = 0; a < length; a += WINDOW)
        this.window(this.wasm, bytes, a, Math.min(length, a + WINDOW), length, hits)
      return hits.sorted()
    }
    if (length < SPLIT_BELOW) {
      this.run(bytes, 0, 0, length, length, hits)
      return hits.sorted()
    }
    const delta = this.delta
    const classOf = this.classOf
    const mid = length >> 1
    let a = 0
    let b = 0
    for (let i = 0, j = mid; i < mid; i++, j++) {
      a = delta[a + classOf[bytes[i]]]
      b = delta[b + classOf[bytes[j]]]
      if ((a | b) < 0) {
        if (a < 0) a = hits.add(-a, i, mid)
        if (b < 0) b = hits.add(-b, j, length)
      }
    }
    this.run(bytes, a, mid, Math.min(length, mid + this.longest - 1), mid, hits)
    this.run(bytes, b, mid + mid, length, length, hits)
    return hits.sorted()
  }

  /**
   * The hits starting in `bytes[a..b)`, by the WebAssembly loop: the window (and the longest keyword's length
   * after it) is copied into the module's memory, cut in four quarters read at once.
   */
  private window(w: WasmLoop, bytes: Uint8Array, a: number, b: number, length: number, hits: Hits): void {
    const e = Math.min(length, b + this.longest - 1)
    w.data.set(bytes.subarray(a, e))
    const base = w.base
    const end = base + (e - a)
    // memory offset + shift = position in `bytes`
    const shift = a - base
    const n = b - a
    if (n < SPLIT_BELOW) return this.wasmRun(w, base, end, 0, b, shift, hits)
    const q = n >> 2
    const states = w.states
    states.fill(0)
    for (let k = w.four(base, q, 0); k < q; k = w.four(base, q, k + 1))
      for (let j = 0; j < 4; j++) {
        const s = states[j]
        if (s >= 0) continue
        hits.add(-s >> 2, base + j * q + k + shift, j < 3 ? a + (j + 1) * q : b)
        states[j] = -s
      }
    for (let j = 0; j < 3; j++) {
      const from = base + (j + 1) * q
      this.wasmRun(w, from, Math.min(end, from + this.longest - 1), states[j], a + (j + 1) * q, shift, hits)
    }
    this.wasmRun(w, base + 4 * q, end, states[3], b, shift, hits)
  }

  /** One state from `state` over memory `[from, to)`, adding the hits that start before `limit`. */
  private wasmRun(
    w: WasmLoop,
    from: number,
    to: number,
    state: number,
    limit: number,
    shift: number,
    hits: Hits
  ): void {
    let s = state
    for (let i = w.one(from, to, s); i < to; i = w.one(i + 1, to, s)) {
      s = -w.state()
      hits.add(s >> 2, i + shift, limit)
    }
  }

  /** Runs the automaton from `state` over `bytes[from..to)`, adding the hits that start before `limit`. */
  private run(bytes: Uint8Array, state: number, from: number, to: number, limit: number, hits: Hits): void {
    const delta = this.delta
    const classOf = this.classOf
    let s = state
    for (let i = from; i < to; i++) {
      s = delta[s + classOf[bytes[i]]]
      if (s < 0) s = hits.add(-s, i, limit)
    }
  }

  /** The keywords that end at state offset `s` (a state number times the width), longest first. */
  endingAt(s: number): number[] {
    return this.outputs.get(s / this.width) ?? []
  }

  /** True when the bytes hold any keyword (cheap early exit). */
  any(bytes: Uint8Array, length = bytes.length): boolean {
    const delta = this.delta
    const classOf = this.classOf
    let s = 0
    for (let i = 0; i < length; i++) {
      s = delta[s + classOf[bytes[i]]]
      if (s < 0) return true
    }
    return false
  }
}
