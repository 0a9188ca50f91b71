// lcov tracefile parser, by hand over bytes: reports reach hundreds of MB and the records are simple
// (https://github.com/linux-test-project/lcov/blob/master/man/geninfo.1, "TRACEFILE FORMAT").
//
// Speed comes from making almost nothing per record: DA, BRDA, FN and FNDA are read straight from the
// bytes, lines into an array indexed by line number, branches and functions into flat per-file lists that
// are copied into large shared blocks at the file's end_of_record. The only string per file is its SF
// path; branch keys are numbers and function names stay bytes until a merge with another report of the
// same file needs them as Map keys (model.ts HitList). A file's records (all but SF, end_of_record and rare
// forms) go to a WebAssembly kernel (lcov-wasm.ts) that keeps the file's lines, branches and functions in its
// own memory and counts them as it goes; at end_of_record they are copied out (or only their counts, in
// totals-only mode). The report is parsed in the kernel's input windows (copied there, or read there by the
// caller: `windows`), a line cut by a window's end in its carry window. A record the kernel leaves is read
// here; where that is a branch or a function, the file's branches or functions move to a Map. Without
// WebAssembly (engine 'js'), the same loop in JavaScript: the same numbers and errors (tests compare them).
import { ReportSyntaxError } from './errors.js'
import {
  BRANCHES_OFF,
  BR_COUNT,
  BR_COVERED,
  CARRY,
  COVERED,
  FLAGS,
  FN_COUNT,
  FN_COVERED,
  FN_NAMES_END,
  FUNCTIONS_OFF,
  HAS_BRANCHES,
  HAS_FUNCTIONS,
  LINE_END,
  TAKEN,
  TOTAL,
  WINDOW,
  lcovKernel,
  type LcovKernel
} from './lcov-wasm.js'
import {
  HitList,
  LineHits,
  MAX_HITS,
  addKey,
  countsOf,
  mergeFile,
  type FileCoverage,
  type KeyHits,
  type ParsedReport
} from './model.js'

const NL = 10
/** The highest line number read: lines are kept by number, so a hostile DA:999999999 would claim GBs */
const MAX_LINE_NUMBER = 1 << 23
/**
 * The line numbers a parser's first kernel takes. Its memory is fixed, and V8 counts it as external memory:
 * sized for MAX_LINE_NUMBER (34 MB) it cost every run a full garbage collection and scavenges for "external
 * memory pressure" (6-14 ms of a 58 MB report's 0.3 s). A file with a line over this moves the parser to a
 * kernel sized for MAX_LINE_NUMBER (widenKernel).
 */
const FIRST_KERNEL_LINES = 1 << 18
/** The longest line read (tools write paths and function names, far shorter) */
const MAX_LINE = 16 * 1024 * 1024
const CR = 13
const COLON = 58
const COMMA = 44
const ZERO = 48
const MINUS = 45

/**
 * Kernels not in use (each parser takes one for its life; a parser that ends cleanly gives it back):
 * parsers of one thread may interleave (two coverage items), and a kernel holds the file being read.
 */
const idleKernels: LcovKernel[] = []

/** The largest block size (items); blocks start small, so that a small report stays small. */
const BLOCK = 1 << 18
const FIRST_BLOCK = 4096

/** The size of the block after one of `last` items that must hold `need` items. */
const nextBlock = (last: number, need: number): number => Math.max(need, Math.min(BLOCK, last * 2))

/**
 * Large arrays the finished files' data is copied into, each file owning a range: one allocation per
 * block rather than several small arrays (and their views) per file. `int32` and the others copy `n`
 * items of `src` and return where they went in the current block (`i32`, `f64` or `u8`).
 */
class Blocks {
  i32: Int32Array = new Int32Array(FIRST_BLOCK / 2)
  private i32Used = 0
  f64: Float64Array = new Float64Array(FIRST_BLOCK / 2)
  private f64Used = 0
  u8: Buffer = Buffer.alloc(FIRST_BLOCK / 2)
  private u8Used = 0

  int32(src: Int32Array, n: number): number {
    if (this.i32Used + n > this.i32.length) {
      this.i32 = new Int32Array(nextBlock(this.i32.length, n))
      this.i32Used = 0
    }
    const at = this.i32Used
    const to = this.i32
    for (let i = 0; i < n; i++) to[at + i] = src[i]
    this.i32Used += n
    return at
  }

  float64(src: Float64Array, n: number): number {
    if (this.f64Used + n > this.f64.length) {
      this.f64 = new Float64Array(nextBlock(this.f64.length, n))
      this.f64Used = 0
    }
    const at = this.f64Used
    const to = this.f64
    for (let i = 0; i < n; i++) to[at + i] = src[i]
    this.f64Used += n
    return at
  }

  bytes(src: Uint8Array, n: number): number {
    if (this.u8Used + n > this.u8.length) {
      this.u8 = Buffer.alloc(nextBlock(this.u8.length, n))
      this.u8Used = 0
    }
    const at = this.u8Used
    const to = this.u8
    for (let i = 0; i < n; i++) to[at + i] = src[i]
    this.u8Used += n
    return at
  }
}

/** A copy of `a` with room for at least `need` items. */
function grow<T extends Int32Array | Float64Array | Uint8Array>(a: T, need: number, make: (n: number) => T): T {
  let size = a.length * 2
  while (size < need) size *= 2
  const next = make(size)
  ;(next as Uint8Array).set(a as Uint8Array)
  return next
}

const int32s = (n: number): Int32Array => new Int32Array(n)
const float64s = (n: number): Float64Array => new Float64Array(n)
const bytes = (n: number): Uint8Array => new Uint8Array(n)

/**
 * Thrown by a totals-only parser when a source file comes twice: its totals cannot be added up without
 * its lines, so the caller reads the report again in full.
 */
export class TotalsNotEnough extends Error {}

/** Streaming lcov parser: `write` byte chunks in order, then `end`. */
export class LcovParser {
  /**
   * Runs every common record through a throwaway parser once, in the mode about to be used, so that the
   * JIT sees each branch before it optimises the byte loop; else each branch first met after that
   * (a file's end, its next SF) throws the optimised code away to compile it again, 100 ms of CPU each.
   */
  static warm(totalsOnly: boolean, engine: 'wasm' | 'js' = 'wasm'): void {
    const p = new LcovParser(totalsOnly, totalsOnly ? () => undefined : undefined, engine)
    for (let i = 0; i < 3; i++) p.write(WARM_UP)
    // and lines cut by a chunk's end (carried to the next chunk): every chunk of a real report ends so
    for (let at = 0; at < WARM_UP.length; ) {
      const cut = WARM_UP.indexOf(NL, at + 7) - 3
      const to = cut > at ? cut : WARM_UP.length
      p.write(WARM_UP.subarray(at, to))
      at = to
    }
    p.end()
  }

  /**
   * @param totalsOnly keep per-file totals (Counts) instead of lines, branches and functions: memory no
   *   longer grows with the lines of a report. Exact as long as no file comes twice (else TotalsNotEnough).
   * @param onFile with totalsOnly: each file's totals are handed over at its end_of_record instead of
   *   kept (the report's `files` stays empty, so memory does not grow with the files either); the caller
   *   then tells a file that comes twice (totals.ts)
   */
  constructor(
    private readonly totalsOnly = false,
    private readonly onFile?: (name: string, totals: FileCoverage) => void,
    engine: 'wasm' | 'js' = 'wasm'
  ) {
    this.kernel = engine === 'wasm' ? (idleKernels.pop() ?? lcovKernel(FIRST_KERNEL_LINES, MAX_HITS)) : undefined
  }

  /**
   * The WebAssembly loop for a file's records (lcov-wasm.ts), which then holds the file's lines, branches
   * and functions (but those moved to `branchMap` or `fnMap`); or undefined: the JavaScript loop, and the
   * file in `lineHits`, `branchKeys`, `fnNames` and the others
   */
  private kernel: LcovKernel | undefined
  /** lines the last DA run took */
  private runLines = 0

  /** lines read so far (the line number of the last one) */
  get lines(): number {
    return this.lineNo
  }

  private readonly files = new Map<string, FileCoverage>()
  private readonly blocks = new Blocks()
  private carry: Buffer | undefined
  /** where a carry that spans chunks grows (`carry` is its start then): each byte is copied once, not per chunk */
  private carryRoom: Buffer | undefined
  private lineNo = 0

  // ---- the file being read (between SF and end_of_record) ----
  private file: FileCoverage | undefined
  private fileName = ''
  /** the same path seen before in this report: merged in at end_of_record */
  private previous: FileCoverage | undefined
  /**
   * hits by line number, -1 where none, written straight into the block the finished files keep: this
   * file's line n is at `lineBase + n`; `lineEnd` = highest line + 1
   */
  private lineHits: Int32Array = new Int32Array(FIRST_BLOCK).fill(-1)
  private lineBase = 0
  private lineEnd = 0

  /** branches: numeric keys (see branchKey) with their hits, in record order */
  private branchKeys: Float64Array = new Float64Array(256)
  private branchHits: Int32Array = new Int32Array(256)
  private branchCount = 0
  /** keys strictly increasing in (line, block, branch) or in (block, branch, line): then all distinct */
  private byLine = true
  private byBlock = true
  private lastByLine = -1
  private lastByBlock = -1
  /** the Map the branches move to when a key is text or the order does not prove them distinct */
  private branchMap: KeyHits | undefined
  private hasBranches = false

  /** functions: distinct names (their bytes back to back) with hits and a hash table over them */
  private fnNames: Uint8Array = new Uint8Array(4096)
  private fnNamesEnd = 0
  private fnStart: Int32Array = new Int32Array(64)
  private fnHash: Int32Array = new Int32Array(64)
  private fnHits: Int32Array = new Int32Array(64)
  private fnSlot: Int32Array = new Int32Array(64)
  private fnCount = 0
  private fnTable: Int32Array = new Int32Array(256).fill(-1)
  /** where the next FNDA most likely is: they usually follow the FN records' order */
  private fnCursor = 0
  /** the Map the functions move to when a name is not plain ASCII (its string decides equality) */
  private fnMap: KeyHits | undefined
  private hasFunctions = false

  write(chunk: Uint8Array | string): void {
    const buf =
      typeof chunk === 'string'
        ? Buffer.from(chunk)
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length)
    const k = this.kernel
    // read into a window (`windows`): no copy
    if (k === undefined || buf.buffer === k.memory) return this.writeBuffer(buf)
    // else copied into a window, a window at a time (what is cut at a window's end is carried as below)
    const window = k.windows[0]
    for (let at = 0; at < buf.length; at += WINDOW) {
      const n = Math.min(WINDOW, buf.length - at)
      window.set(buf.subarray(at, at + n))
      this.writeBuffer(window.subarray(0, n))
    }
  }

  /**
   * Two buffers of WINDOW bytes a caller may read the report into (one while `write` has the other)
   * and hand to `write` without a copy; undefined without the kernel.
   */
  get windows(): [Buffer, Buffer] | undefined {
    return this.kernel?.windows
  }

  private writeBuffer(buf: Buffer): void {
    let start = 0
    if (this.carry) {
      // finish the line cut by the last chunk's end, without copying the whole chunk
      const nl = buf.indexOf(NL)
      if (nl < 0) {
        if (this.carry.length + buf.length > MAX_LINE) this.tooLong()
        this.carry = this.appendCarry(buf)
        return
      }
      const first = this.carried(buf.subarray(0, nl + 1))
      this.carry = undefined
      this.parse(first, 0, first.length)
      start = nl + 1
    }
    const last = buf.lastIndexOf(NL)
    if (last < start) {
      if (buf.length - start > MAX_LINE) this.tooLong()
      this.carryRoom = undefined
      if (start < buf.length) this.carry = Buffer.from(buf.subarray(start))
      return
    }
    this.parse(buf, start, last + 1)
    // keep a copy: the caller may reuse its buffer
    this.carryRoom = undefined
    if (last + 1 < buf.length) this.carry = Buffer.from(buf.subarray(last + 1))
  }

  /** The carry with `buf` after it, in `carryRoom` (twice the size when it must grow). */
  private appendCarry(buf: Buffer): Buffer {
    const carry = this.carry!
    const n = carry.length + buf.length
    let room = this.carryRoom
    if (room === undefined || room.length < n) {
      room = Buffer.allocUnsafe(Math.min(2 * n, MAX_LINE + 1))
      carry.copy(room, 0)
      this.carryRoom = room
    }
    buf.copy(room, carry.length)
    return room.subarray(0, n)
  }

  /**
   * The line cut by the last chunk's end (`carry`) with its rest `tail`: in the kernel's carry window when
   * it fits, where the kernel reads it too.
   */
  private carried(tail: Buffer): Buffer {
    const carry = this.carry!
    const k = this.kernel
    const n = carry.length + tail.length
    if (k === undefined || n > CARRY) return Buffer.concat([carry, tail])
    carry.copy(k.carry, 0)
    tail.copy(k.carry, carry.length)
    return k.carry.subarray(0, n)
  }

  end(): ParsedReport {
    if (this.carry) {
      const rest = this.carried(Buffer.of(NL))
      this.carry = undefined
      this.parse(rest, 0, rest.length)
    }
    // a record without its end_of_record at the end: the report was cut short (a full disk, a killed job)
    if (this.file) throw new ReportSyntaxError('the report ends inside a record (no end_of_record): it was cut short', this.lineNo)
    // its lines are cleared (at the last end_of_record): another parser may take it
    if (this.kernel !== undefined && idleKernels.length < 2) idleKernels.push(this.kernel)
    this.kernel = undefined
    return { format: 'lcov', files: this.files }
  }

  /**
   * Parses whole lines in buf[start, end) (the last byte is a newline). The common records are read
   * in place; anything else, or anything unusual about them, goes through `line` (the general path).
   */
  private parse(buf: Buffer, start: number, end: number): void {
    let lineNo = this.lineNo
    while (start < end) {
      if (this.file !== undefined) {
        // the kernel takes the file's records up to one it leaves to the code below (SF, end_of_record, a
        // rare form of a record, or a record of a file whose branches or functions are in a Map)
        // (asked each time: a line over the kernel's limit moves the parser to another kernel, whose memory
        // this buffer is not in; a line cut by a chunk's end longer than its carry window is not in it either)
        const k = this.kernel
        if (k !== undefined && buf.buffer === k.memory) {
          const next = k.run(buf.byteOffset + start, buf.byteOffset + end) - buf.byteOffset
          if (next > start) {
            lineNo += k.ctrl[TAKEN]
            start = next
            if (start >= end) break
          }
        }
      }
      const c0 = buf[start]
      if (this.file !== undefined) {
        if (c0 === 68 /* D */ && buf[start + 1] === 65 /* A */ && buf[start + 2] === COLON) {
          // DA:<line>,<hits>, usually a run of them; a line the run does not take (a checksum, a float,
          // negative hits, a huge line number, or not a DA at all) goes by the general path below, and
          // with a kernel, every line it left
          const next = this.kernel === undefined ? this.daRun(buf, start, end) : start
          if (next > start) {
            lineNo += this.runLines
            start = next
            continue
          }
        } else if (
          c0 === 66 /* B */ &&
          buf[start + 1] === 82 /* R */ &&
          buf[start + 2] === 68 /* D */ &&
          buf[start + 3] === 65 /* A */ &&
          buf[start + 4] === COLON
        ) {
          // (in methods of their own: small functions the JIT optimises early, and a smaller loop to compile)
          const next = this.brda(buf, start)
          if (next > start) {
            lineNo++
            start = next
            continue
          }
        } else if (c0 === 70 /* F */ && buf[start + 1] === 78 /* N */) {
          const next = this.fn(buf, start)
          if (next > start) {
            lineNo++
            start = next
            continue
          }
        }
        // LF, LH, FNF, FNH, BRF, BRH (totals we recompute) and TN: skipped; FNF and BRF say the metric is there
        const c1 = buf[start + 1]
        let skip = 0
        if (c1 === 70 /* F */ || c1 === 72 /* H */) {
          if (c0 === 76 /* L */ && buf[start + 2] === COLON) skip = 3
        } else if (c1 === 78 /* N */) {
          if (c0 === 84 /* T */ && buf[start + 2] === COLON) skip = 3
          else if (c0 === 70 /* F */ && buf[start + 3] === COLON) {
            const c2 = buf[start + 2]
            if (c2 === 70 /* F */) this.hasFunctions = true
            if (c2 === 70 || c2 === 72) skip = 4
          }
        } else if (c1 === 82 /* R */ && c0 === 66 /* B */ && buf[start + 3] === COLON) {
          const c2 = buf[start + 2]
          if (c2 === 70 /* F */) this.hasBranches = true
          if (c2 === 70 || c2 === 72) skip = 4
        }
        if (skip > 0) {
          let i = start + skip
          while (buf[i] !== NL) i++
          lineNo++
          start = i + 1
          continue
        }
      }
      if (c0 === 83 /* S */ && buf[start + 1] === 70 /* F */ && buf[start + 2] === COLON) {
        // SF:<path>: the file's name, the one string a file costs (a short line: a loop beats indexOf's call)
        let nl = start + 3
        while (buf[nl] !== NL) nl++
        lineNo++
        this.startFile(buf.toString('utf8', start + 3, nl > start + 3 && buf[nl - 1] === CR ? nl - 1 : nl))
        start = nl + 1
        continue
      }
      if (c0 === 84 /* T */ && buf[start + 1] === 78 /* N */ && buf[start + 2] === COLON) {
        // TN:<test name>: nothing we use
        lineNo++
        let nl = start + 3
        while (buf[nl] !== NL) nl++
        start = nl + 1
        continue
      }
      if (c0 === 101 /* e */ && this.file !== undefined && isEndOfRecord(buf, start)) {
        lineNo++
        this.finish()
        start += buf[start + 13] === NL ? 14 : 15
        continue
      }
      const nl = buf.indexOf(NL, start)
      this.lineNo = lineNo
      this.line(buf, start, nl)
      lineNo = this.lineNo
      start = nl + 1
    }
    this.lineNo = lineNo
  }

  /**
   * BRDA:<line>,<block>,<branch>,<taken> at buf[start] with small numbers and <taken> a number or "-":
   * returns where the next line starts, or `start` when it is not that (the general path reads it).
   */
  private brda(buf: Buffer, start: number): number {
    let i = start + 5
    let c = buf[i]
    let line = 0
    while (c >= 48 && c <= 57) {
      line = line * 10 + c - 48
      c = buf[++i]
    }
    if (c === COMMA && i > start + 5) {
      let s = ++i
      c = buf[i]
      let block = 0
      while (c >= 48 && c <= 57) {
        block = block * 10 + c - 48
        c = buf[++i]
      }
      if (c === COMMA && i > s) {
        s = ++i
        c = buf[i]
        let branch = 0
        while (c >= 48 && c <= 57) {
          branch = branch * 10 + c - 48
          c = buf[++i]
        }
        if (c === COMMA && i > s && line < 2 ** 21 && block < 65536 && branch < 65536) {
          s = ++i
          c = buf[i]
          let hits = 0
          if (c === MINUS) c = buf[++i]
          else
            while (c >= 48 && c <= 57) {
              hits = hits * 10 + c - 48
              c = buf[++i]
            }
          if (i > s && (c === NL || (c === CR && buf[i + 1] === NL))) {
            this.addBranch((line * 65536 + block) * 65536 + branch, hits, line, block * 65536 + branch)
            return c === NL ? i + 1 : i + 2
          }
        }
      }
    }
    return start
  }

  /**
   * FN:<line>,[<end line>,]<name> or FNDA:<hits>,<name> at buf[start] (an `FN` there): returns where the
   * next line starts, or `start` when it is not that (the general path reads it).
   */
  private fn(buf: Buffer, start: number): number {
    const fnda = buf[start + 2] === 68 /* D */ && buf[start + 3] === 65 /* A */ && buf[start + 4] === COLON
    if (fnda || buf[start + 2] === COLON) {
      const v = fnda ? start + 5 : start + 3
      let i = v
      let c = buf[i]
      let n = 0
      while (c >= 48 && c <= 57) {
        n = n * 10 + c - 48
        c = buf[++i]
      }
      if (c === COMMA && i > v) {
        let name = ++i
        if (!fnda) {
          // lcov 2: FN:<line>,<end line>,<name>
          c = buf[i]
          while (c >= 48 && c <= 57) c = buf[++i]
          if (c === COMMA && i > name) name = i + 1
        }
        // the name runs to the end of the line; its hash finds it again, its bytes tell it apart
        i = name
        c = buf[i]
        let hash = 0x811c9dc5 | 0
        let high = 0
        while (c !== NL) {
          hash = Math.imul(hash ^ c, 0x01000193)
          high |= c
          c = buf[++i]
        }
        let e = i
        if (e > name && buf[e - 1] === CR) {
          e--
          // undo the CR's step: hash the name again without it
          hash = 0x811c9dc5 | 0
          for (let k = name; k < e; k++) hash = Math.imul(hash ^ buf[k], 0x01000193)
        }
        this.hasFunctions = true
        if (high < 128 && this.fnMap === undefined && this.kernel === undefined) this.addFunction(buf, name, e, hash, fnda ? n : 0)
        else this.addFunctionKey(buf.toString('utf8', name, e), fnda ? n : 0)
        return i + 1
      }
    }
    return start
  }

  /**
   * A run of plain DA lines from buf[start] (a DA line) to at most `end`: the line array in locals. Returns
   * where the run stopped (`start` when its first line is not plain); `runLines` the lines it took.
   */
  private daRun(buf: Buffer, start: number, end: number): number {
    let data = this.lineHits
    let base = this.lineBase
    let lineEnd = this.lineEnd
    let taken = 0
    do {
      let i = start + 3
      let c = buf[i]
      let line = 0
      while (c >= 48 && c <= 57) {
        line = line * 10 + c - 48
        c = buf[++i]
      }
      const h0 = i + 1
      if (c === COMMA && i > start + 3) c = buf[++i]
      let hits = 0
      while (c >= 48 && c <= 57) {
        hits = hits * 10 + c - 48
        c = buf[++i]
      }
      if (i <= h0 || !(c === NL || (c === CR && buf[i + 1] === NL)) || line > MAX_LINE_NUMBER) break
      taken++
      if (base + line >= data.length) {
        this.lineEnd = lineEnd
        this.growLines(line)
        data = this.lineHits
        base = this.lineBase
      }
      const at = base + line
      const prev = data[at]
      const h = hits < MAX_HITS ? hits : MAX_HITS
      data[at] = prev < 0 ? h : prev + h < MAX_HITS ? prev + h : MAX_HITS
      if (line >= lineEnd) lineEnd = line + 1
      start = c === NL ? i + 1 : i + 2
    } while (start < end && buf[start] === 68 /* D */ && buf[start + 1] === 65 /* A */ && buf[start + 2] === COLON)
    this.lineEnd = lineEnd
    this.runLines = taken
    return start
  }

  /** One record by the general path: rare forms of the common records, and all the others. */
  private line(buf: Buffer, s: number, e: number): void {
    this.lineNo++
    if (e > s && buf[e - 1] === CR) e--
    if (e === s) return
    if (e - s === 13 && buf.toString('latin1', s, e) === 'end_of_record') {
      if (!this.file) this.fail(buf, s, e, 'end_of_record without SF')
      this.finish()
      return
    }
    let colon = s
    while (colon < e && colon - s < 8 && buf[colon] !== COLON) colon++
    if (buf[colon] !== COLON || colon === s) this.fail(buf, s, e, 'not an lcov record')
    const tag = tagOf(buf, s, colon)
    const v = colon + 1
    switch (tag) {
      case 'DA': {
        // the inline path took the plain ones; here: checksums, floats, negative hits
        const [line, hits] = buf.toString('latin1', v, e).split(',')
        const n = Number(hits)
        if (!/^\d+$/.test(line) || hits === undefined || !Number.isFinite(n)) this.fail(buf, s, e, 'expected DA:<line>,<hits>')
        if (Number(line) > MAX_LINE_NUMBER) this.fail(buf, s, e, `a line number over ${MAX_LINE_NUMBER}`)
        this.record()
        this.addLine(Number(line), n)
        return
      }
      case 'BRDA': {
        // BRDA:<line>,[e]<block>,<branch>,<taken> ("-" when the block never ran); the key is all but <taken>
        this.record()
        const last = buf.lastIndexOf(COMMA, e - 1)
        if (last <= v) this.fail(buf, s, e, 'expected BRDA:<line>,<block>,<branch>,<taken>')
        let hits = 0
        if (!(last + 2 === e && buf[last + 1] === MINUS)) {
          hits = int(buf, last + 1, e)
          if (hits < 0) this.fail(buf, s, e, 'expected BRDA:<line>,<block>,<branch>,<taken>')
        }
        const key = branchKey(buf, v, last)
        if (typeof key === 'number') {
          // the same order keys as the inline path
          const line = Math.floor(key / 2 ** 32)
          this.addBranch(key, hits, line, key - line * 2 ** 32)
        } else {
          this.branchesToMap()
          addKey(this.branchMap!, key, hits)
        }
        return
      }
      case 'FNDA': {
        this.record()
        const comma = buf.indexOf(COMMA, v)
        const hits = comma < 0 || comma >= e ? -1 : int(buf, v, comma)
        if (hits < 0) this.fail(buf, s, e, 'expected FNDA:<hits>,<name>')
        this.addFunctionKey(buf.toString('utf8', comma + 1, e), hits)
        return
      }
      case 'FN': {
        // FN:<line>,<name> or (lcov 2) FN:<line>,<end line>,<name>
        this.record()
        let comma = buf.indexOf(COMMA, v)
        if (comma < 0 || comma >= e || int(buf, v, comma) < 0) this.fail(buf, s, e, 'expected FN:<line>,<name>')
        const second = buf.indexOf(COMMA, comma + 1)
        if (second > 0 && second < e && int(buf, comma + 1, second) >= 0) comma = second
        this.addFunctionKey(buf.toString('utf8', comma + 1, e), 0)
        return
      }
      case 'FNA': {
        // lcov 2.2: FNA:<index>,<hits>,<name>
        this.record()
        const parts = buf.toString('utf8', v, e).split(',')
        const hits = Number(parts[1])
        if (parts.length < 3 || !Number.isFinite(hits)) this.fail(buf, s, e, 'expected FNA:<index>,<hits>,<name>')
        this.addFunctionKey(parts.slice(2).join(','), hits)
        return
      }
      case 'SF':
        this.startFile(buf.toString('utf8', v, e))
        return
      case 'BRF':
        this.record()
        this.hasBranches = true
        return
      case 'FNF':
        this.record()
        this.hasFunctions = true
        return
      case undefined:
        this.fail(buf, s, e, 'not an lcov record')
        return
      default:
        // TN, VER, LF, LH, FNH, BRH, FNL and others: totals we recompute, or nothing we use
        return
    }
  }

  /** SF:<name>: a file starts (and one without its end_of_record ends). */
  private startFile(name: string): void {
    if (this.file) this.finish()
    const file: FileCoverage = {}
    this.file = file
    this.fileName = name
    if (this.onFile) return
    const prev = this.files.get(name)
    if (!prev) this.files.set(name, file)
    else if (this.totalsOnly) throw new TotalsNotEnough(name)
    else this.previous = prev
  }

  private record(): void {
    if (!this.file) throw new ReportSyntaxError('record before any SF:<source file>', this.lineNo)
  }

  /** Moves the file's lines to a new block with room for `line`. */
  private growLines(line: number): void {
    // (room for twice the line, not past the highest line read: a hostile line number claims no more)
    const next = new Int32Array(nextBlock(this.lineHits.length, Math.min((line + 1) * 2, MAX_LINE_NUMBER + 1))).fill(-1)
    next.set(this.lineHits.subarray(this.lineBase, this.lineBase + this.lineEnd))
    this.lineHits = next
    this.lineBase = 0
  }

  /**
   * A line over the kernel's limit (FIRST_KERNEL_LINES): the file's lines so far move to a kernel sized for
   * MAX_LINE_NUMBER, or to the JavaScript arrays where none can be made. The old kernel's windows stay valid
   * (a caller may be reading into them): `write` copies them into the new kernel's window.
   */
  private widenKernel(): void {
    const small = this.kernel!
    const big = lcovKernel(MAX_LINE_NUMBER, MAX_HITS)
    if (big === undefined) {
      // the JavaScript loop from here on: the file's branches and functions in Maps
      const flags = small.ctrl[FLAGS]
      if (small.ctrl[BR_COUNT] > 0) this.branchesToMap()
      if (small.ctrl[FN_COUNT] > 0) this.functionsToMap()
      if ((flags & HAS_BRANCHES) !== 0) this.hasBranches = true
      if ((flags & HAS_FUNCTIONS) !== 0) this.hasFunctions = true
      this.linesFromKernel(small)
      small.reset()
      this.kernel = undefined
      return
    }
    big.takeState(small)
    const lines = small.lines
    for (let i = 0, n = small.ctrl[LINE_END]; i < n; i++) if (lines[i] !== 0) big.add(i, lines[i] - 1)
    small.reset()
    this.kernel = big
  }

  /** Hits on a line from the general path: as LineHits.add, a line seen twice adds up. */
  private addLine(line: number, hits: number): void {
    if (this.kernel !== undefined && line > this.kernel.maxLine) this.widenKernel()
    if (this.kernel !== undefined) return this.kernel.add(line, hits > 0 ? Math.min(Math.floor(hits), MAX_HITS) : 0)
    if (this.lineBase + line >= this.lineHits.length) this.growLines(line)
    const data = this.lineHits
    const at = this.lineBase + line
    const prev = data[at]
    const h = hits > 0 ? hits : 0
    data[at] = prev < 0 ? Math.min(h, MAX_HITS) : Math.min(prev + h, MAX_HITS)
    if (line >= this.lineEnd) this.lineEnd = line + 1
  }

  /**
   * A branch by its numeric key; `line` and `rest` (block and branch) order the keys the two ways
   * tools list them. While one order holds, every key is new and no lookup is needed.
   */
  private addBranch(key: number, hits: number, line: number, rest: number): void {
    this.hasBranches = true
    // a branch the kernel left: one it has no room for, or one that breaks its order
    if (this.branchMap === undefined && this.kernel !== undefined) this.branchesToMap()
    if (this.branchMap !== undefined) {
      addKey(this.branchMap, key, hits)
      return
    }
    const byBlock = rest * 2 ** 21 + line
    if (key <= this.lastByLine) this.byLine = false
    if (byBlock <= this.lastByBlock) this.byBlock = false
    this.lastByLine = key
    this.lastByBlock = byBlock
    if (!this.byLine && !this.byBlock) {
      this.branchesToMap()
      addKey(this.branchMap!, key, hits)
      return
    }
    const n = this.branchCount
    if (n === this.branchKeys.length) {
      this.branchKeys = grow(this.branchKeys, n + 1, float64s)
      this.branchHits = grow(this.branchHits, n + 1, int32s)
    }
    this.branchKeys[n] = key
    this.branchHits[n] = hits > 0 ? (hits < MAX_HITS ? hits : MAX_HITS) : 0
    this.branchCount = n + 1
  }

  /** The file's branches into a Map (`branchMap`), from the kernel (which leaves BRDA records from then on). */
  private branchesToMap(): void {
    if (this.branchMap !== undefined) return
    const map: KeyHits = new Map()
    const k = this.kernel
    if (k !== undefined) {
      for (let i = 0, n = k.ctrl[BR_COUNT]; i < n; i++) addKey(map, k.branchKeys[i], k.branchHits[i])
      k.ctrl[FLAGS] |= BRANCHES_OFF
    }
    for (let i = 0; i < this.branchCount; i++) addKey(map, this.branchKeys[i], this.branchHits[i])
    this.branchMap = map
    this.branchCount = 0
  }

  /** A function by its ASCII name in buf[s, e) with that name's hash; a name seen before adds up. */
  private addFunction(buf: Uint8Array, s: number, e: number, hash: number, hits: number): void {
    const h = hits > 0 ? (hits < MAX_HITS ? hits : MAX_HITS) : 0
    let at = this.fnCursor < this.fnCount ? this.fnCursor : 0
    if (!(at < this.fnCount && this.fnHash[at] === hash && this.sameName(at, buf, s, e))) {
      // not where the order suggests: look it up in the hash table (linear probing)
      const mask = this.fnTable.length - 1
      let slot = hash & mask
      at = -1
      for (let k = this.fnTable[slot]; k >= 0; k = this.fnTable[(slot = (slot + 1) & mask)])
        if (this.fnHash[k] === hash && this.sameName(k, buf, s, e)) {
          at = k
          break
        }
      if (at < 0) {
        at = this.fnCount
        this.newFunction(buf, s, e, hash, slot)
      }
    }
    const prev = this.fnHits[at]
    this.fnHits[at] = prev + h < MAX_HITS ? prev + h : MAX_HITS
    this.fnCursor = at + 1
  }

  private sameName(k: number, buf: Uint8Array, s: number, e: number): boolean {
    const start = this.fnStart[k]
    const end = k + 1 < this.fnCount ? this.fnStart[k + 1] : this.fnNamesEnd
    if (end - start !== e - s) return false
    const names = this.fnNames
    for (let i = 0; i < e - s; i++) if (names[start + i] !== buf[s + i]) return false
    return true
  }

  /** Appends a function (0 hits) whose free table slot is `slot`. */
  private newFunction(buf: Uint8Array, s: number, e: number, hash: number, slot: number): void {
    const n = this.fnCount
    if (n === this.fnStart.length) {
      this.fnStart = grow(this.fnStart, n + 1, int32s)
      this.fnHash = grow(this.fnHash, n + 1, int32s)
      this.fnHits = grow(this.fnHits, n + 1, int32s)
      this.fnSlot = grow(this.fnSlot, n + 1, int32s)
    }
    const len = e - s
    if (this.fnNamesEnd + len > this.fnNames.length) this.fnNames = grow(this.fnNames, this.fnNamesEnd + len, bytes)
    const names = this.fnNames
    for (let i = 0, at = this.fnNamesEnd; i < len; i++) names[at + i] = buf[s + i]
    this.fnStart[n] = this.fnNamesEnd
    this.fnNamesEnd += len
    this.fnHash[n] = hash
    this.fnHits[n] = 0
    this.fnSlot[n] = slot
    this.fnTable[slot] = n
    this.fnCount = n + 1
    // keep the table at most half full
    if (this.fnCount * 2 > this.fnTable.length) {
      const table = new Int32Array(this.fnTable.length * 2).fill(-1)
      const mask = table.length - 1
      for (let k = 0; k < this.fnCount; k++) {
        let at = this.fnHash[k] & mask
        while (table[at] >= 0) at = (at + 1) & mask
        table[at] = k
        this.fnSlot[k] = at
      }
      this.fnTable = table
    }
  }

  /** A function by its name as a string: the Map path (names that are not plain ASCII, FNA, general path). */
  private addFunctionKey(name: string, hits: number): void {
    this.hasFunctions = true
    if (this.fnMap === undefined) this.functionsToMap()
    addKey(this.fnMap!, name, hits)
  }

  /** The file's functions into a Map (`fnMap`), from the kernel (which leaves FN and FNDA records from then on). */
  private functionsToMap(): void {
    const map: KeyHits = new Map()
    const k = this.kernel
    if (k !== undefined) {
      const n = k.ctrl[FN_COUNT]
      const end = k.ctrl[FN_NAMES_END]
      for (let i = 0; i < n; i++) map.set(k.names.toString('utf8', k.fnStart[i], i + 1 < n ? k.fnStart[i + 1] : end), k.fnHits[i])
      k.ctrl[FLAGS] |= FUNCTIONS_OFF
    }
    const names = Buffer.from(this.fnNames.buffer, this.fnNames.byteOffset, this.fnNamesEnd)
    for (let i = 0; i < this.fnCount; i++)
      map.set(names.toString('utf8', this.fnStart[i], i + 1 < this.fnCount ? this.fnStart[i + 1] : this.fnNamesEnd), this.fnHits[i])
    this.fnMap = map
  }

  /** end_of_record (or the next SF): the file's data moves from the scratch arrays into the report. */
  private finish(): void {
    if (this.totalsOnly) return this.finishTotals()
    const file = this.file!
    const blocks = this.blocks
    const k = this.kernel
    if (k !== undefined) this.linesFromKernel(k)
    const n = this.lineEnd
    file.lines = new LineHits(this.lineHits, n, this.lineBase, n)
    this.lineBase += n
    this.lineEnd = 0
    const flags = k === undefined ? 0 : k.ctrl[FLAGS]

    const brs = this.branchCount
    const kernelBrs = k === undefined ? 0 : k.ctrl[BR_COUNT]
    if (this.branchMap !== undefined) file.branches = this.branchMap
    else if (kernelBrs > 0) {
      const at = blocks.float64(k!.branchKeys, kernelBrs)
      const keys = blocks.f64
      const hits = blocks.int32(k!.branchHits, kernelBrs)
      file.branches = new HitList(blocks.i32, hits, kernelBrs, i => keys[at + i])
    } else if (brs > 0) {
      // (a copy may start a new block: take the block after it)
      const at = blocks.float64(this.branchKeys, brs)
      const keys = blocks.f64
      const hits = blocks.int32(this.branchHits, brs)
      file.branches = new HitList(blocks.i32, hits, brs, i => keys[at + i])
    } else if (this.hasBranches || (flags & HAS_BRANCHES) !== 0) file.branches = new Map()
    this.branchMap = undefined
    this.branchCount = 0
    this.byLine = this.byBlock = true
    this.lastByLine = this.lastByBlock = -1
    this.hasBranches = false

    const fns = this.fnCount
    const kernelFns = k === undefined ? 0 : k.ctrl[FN_COUNT]
    if (this.fnMap !== undefined) file.functions = this.fnMap
    else if (kernelFns > 0) {
      const namesEnd = k!.ctrl[FN_NAMES_END]
      const at = blocks.bytes(k!.names, namesEnd)
      const names = blocks.u8
      const end = at + namesEnd
      const s = blocks.int32(k!.fnStart, kernelFns)
      const starts = blocks.i32
      const hits = blocks.int32(k!.fnHits, kernelFns)
      file.functions = new HitList(blocks.i32, hits, kernelFns, i =>
        names.toString('utf8', at + starts[s + i], i + 1 < kernelFns ? at + starts[s + i + 1] : end)
      )
    } else if (fns > 0) {
      // names back to back; name i runs from starts[i] to starts[i + 1] (or the end)
      const at = blocks.bytes(this.fnNames, this.fnNamesEnd)
      const names = blocks.u8
      const end = at + this.fnNamesEnd
      const s = blocks.int32(this.fnStart, fns)
      const starts = blocks.i32
      const hits = blocks.int32(this.fnHits, fns)
      file.functions = new HitList(blocks.i32, hits, fns, i =>
        names.toString('utf8', at + starts[s + i], i + 1 < fns ? at + starts[s + i + 1] : end)
      )
    } else if (this.hasFunctions || (flags & HAS_FUNCTIONS) !== 0) file.functions = new Map()
    for (let i = 0; i < fns; i++) this.fnTable[this.fnSlot[i]] = -1
    this.fnMap = undefined
    this.fnCount = this.fnNamesEnd = this.fnCursor = 0
    this.hasFunctions = false
    k?.reset()

    if (this.previous) {
      mergeFile(this.previous, file)
      this.previous = undefined
    }
    this.file = undefined
  }

  /** The kernel's lines (hits + 1, 0 for none) into the block as `lineHits` (hits, -1 for none). */
  private linesFromKernel(k: LcovKernel): void {
    const n = k.ctrl[LINE_END]
    if (this.lineBase + n > this.lineHits.length) {
      this.lineHits = new Int32Array(nextBlock(this.lineHits.length, n))
      this.lineBase = 0
    }
    const data = this.lineHits
    const base = this.lineBase
    const lines = k.lines
    for (let i = 0; i < n; i++) data[base + i] = lines[i] - 1
    this.lineEnd = n
  }

  /** end_of_record of a totals-only parser: the file keeps its counts; the scratch arrays are reused. */
  private finishTotals(): void {
    const file = this.file!
    const k = this.kernel
    if (k !== undefined) return this.finishTotalsKernel(file, k)
    {
      const data = this.lineHits
      const from = this.lineBase
      const to = from + this.lineEnd
      let covered = 0
      let total = 0
      for (let at = from; at < to; at++) {
        const h = data[at]
        if (h >= 0) {
          total++
          if (h > 0) covered++
          data[at] = -1
        }
      }
      file.lines = { covered, total }
    }
    this.lineEnd = 0

    if (this.branchMap !== undefined) file.branches = countsOf(this.branchMap)
    else if (this.branchCount > 0) {
      let hit = 0
      for (let i = 0; i < this.branchCount; i++) if (this.branchHits[i] > 0) hit++
      file.branches = { covered: hit, total: this.branchCount }
    } else if (this.hasBranches) file.branches = { covered: 0, total: 0 }
    this.branchMap = undefined
    this.branchCount = 0
    this.byLine = this.byBlock = true
    this.lastByLine = this.lastByBlock = -1
    this.hasBranches = false

    const fns = this.fnCount
    if (this.fnMap !== undefined) file.functions = countsOf(this.fnMap)
    else if (fns > 0) {
      let hit = 0
      for (let k = 0; k < fns; k++) if (this.fnHits[k] > 0) hit++
      file.functions = { covered: hit, total: fns }
    } else if (this.hasFunctions) file.functions = { covered: 0, total: 0 }
    for (let k = 0; k < fns; k++) this.fnTable[this.fnSlot[k]] = -1
    this.fnMap = undefined
    this.fnCount = this.fnNamesEnd = this.fnCursor = 0
    this.hasFunctions = false
    this.file = undefined
    this.onFile?.(this.fileName, file)
  }

  /** finishTotals with the kernel: its numbers as they are, unless the branches or functions moved to a Map. */
  private finishTotalsKernel(file: FileCoverage, k: LcovKernel): void {
    const ctrl = k.ctrl
    const flags = ctrl[FLAGS]
    file.lines = { covered: ctrl[COVERED], total: ctrl[TOTAL] }
    if (this.branchMap !== undefined) file.branches = countsOf(this.branchMap)
    else if (ctrl[BR_COUNT] > 0 || this.hasBranches || (flags & HAS_BRANCHES) !== 0)
      file.branches = { covered: ctrl[BR_COVERED], total: ctrl[BR_COUNT] }
    if (this.fnMap !== undefined) file.functions = countsOf(this.fnMap)
    else if (ctrl[FN_COUNT] > 0 || this.hasFunctions || (flags & HAS_FUNCTIONS) !== 0)
      file.functions = { covered: ctrl[FN_COVERED], total: ctrl[FN_COUNT] }
    k.reset()
    this.branchMap = undefined
    this.fnMap = undefined
    this.hasBranches = this.hasFunctions = false
    this.file = undefined
    this.onFile?.(this.fileName, file)
  }

  /** A line past MAX_LINE: not lcov, and collecting it would cost time and memory without bound. */
  private tooLong(): never {
    throw new ReportSyntaxError(`a line longer than ${MAX_LINE >> 20} MiB: not an lcov record`, this.lineNo + 1)
  }

  /** Never quotes the record: a report is the PR's, and may carry anything (a credential). */
  private fail(_buf: Buffer, _s: number, _e: number, why: string): never {
    throw new ReportSyntaxError(why, this.lineNo)
  }
}

const END_OF_RECORD = Buffer.from('end_of_record')

const WARM_UP = Buffer.from(
  'TN:\nSF:a/b.ts\nFN:1,f\nFN:2,g\nFNDA:1,f\nFNDA:0,g\nFNF:2\nFNH:1\nDA:1,1\nDA:2,0\nDA:3,12\n' +
    'BRDA:1,0,0,1\nBRDA:1,0,1,-\nBRDA:2,1,0,0\nBRF:3\nBRH:1\nLF:3\nLH:2\nend_of_record\n' +
    'SF:c.ts\r\nFN:1,h\r\nFNDA:3,h\r\nDA:1,1\r\nDA:2,0\r\nBRDA:1,0,0,-\r\nLF:2\r\nLH:1\r\nend_of_record\r\n'
)

/** `end_of_record` then a newline (or CR LF) at buf[s]. */
function isEndOfRecord(buf: Uint8Array, s: number): boolean {
  for (let i = 0; i < 13; i++) if (buf[s + i] !== END_OF_RECORD[i]) return false
  const c = buf[s + 13]
  return c === NL || (c === CR && buf[s + 14] === NL)
}

const COMMON_TAGS = ['SF', 'FN', 'FNDA', 'FNF', 'FNH', 'BRDA', 'BRF', 'BRH', 'LF', 'LH', 'TN', 'DA']
const TAG_BY_CODE = new Map(COMMON_TAGS.map(t => [tagCode(Buffer.from(t), 0, t.length), t]))

/** The first bytes of a tag packed into a number (tags are at most a few letters). */
function tagCode(buf: Buffer, s: number, e: number): number {
  let code = e - s
  for (let i = s; i < e && i < s + 4; i++) code = code * 256 + buf[i]
  return code
}

/** The record tag (upper case letters and _), or undefined; the common ones without making a string. */
function tagOf(buf: Buffer, s: number, e: number): string | undefined {
  if (e - s <= 4) {
    const known = TAG_BY_CODE.get(tagCode(buf, s, e))
    if (known !== undefined) return known
  }
  for (let i = s; i < e; i++) {
    const c = buf[i]
    if (!((c >= 65 && c <= 90) || c === 95)) return undefined
  }
  return buf.toString('latin1', s, e)
}

/**
 * The key of a BRDA record: <line>,<block>,<branch> as one number when it fits (no string to make or
 * hash on the hot path), else the text itself. Both forms are stable across shards.
 */
function branchKey(buf: Buffer, s: number, e: number): number | string {
  const c1 = buf.indexOf(COMMA, s)
  const c2 = c1 < 0 ? -1 : buf.indexOf(COMMA, c1 + 1)
  if (c1 > s && c2 > c1 && c2 < e) {
    const line = int(buf, s, c1)
    const block = int(buf, c1 + 1, c2)
    const branch = int(buf, c2 + 1, e)
    if (line >= 0 && line < 2 ** 21 && block >= 0 && block < 65536 && branch >= 0 && branch < 65536)
      return (line * 65536 + block) * 65536 + branch
  }
  return buf.toString('latin1', s, e)
}

/** A non-negative decimal integer in buf[s, e), or -1. */
function int(buf: Buffer, s: number, e: number): number {
  if (s >= e) return -1
  let n = 0
  for (let i = s; i < e; i++) {
    const d = buf[i] - ZERO
    if (d < 0 || d > 9) return -1
    n = n * 10 + d
  }
  return n
}

export function parseLcov(text: string | Uint8Array): ParsedReport {
  const p = new LcovParser()
  p.write(text)
  return p.end()
}
