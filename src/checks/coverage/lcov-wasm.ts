// The lcov parser's record loop in WebAssembly: the records of a source file between its SF and its
// end_of_record (DA, BRDA, FN, FNDA, and the totals lines LF, LH, BRF, BRH, FNF, FNH and TN, which are
// skipped) are read and added up in the module's own memory: the file's lines by number, its branches as a
// flat list of numeric keys while their order proves them distinct, its functions in a hash table over their
// names' bytes; with the file's totals kept as it goes (lcov.ts hands it the report a window at a time, and
// reads SF, end_of_record and anything unusual itself). A few kilobytes assembled here, so nothing is
// downloaded or shipped as a binary (as src/checks/secrets/keyword-wasm.ts).
// Why it pays: nine in ten lines of a real report are DA lines and most others BRDA, FN and FNDA; the
// digits loops run without bounds checks, make no garbage, need no JIT warm-up, and the per-file counts are
// no second pass over the arrays.
import { section, sleb, uleb, webAssembly } from '../../wasm.js'

/** bytes of a report read into (or copied into) one of the module's two input windows at a time */
export const WINDOW = 1 << 20
/** the longest line cut by a window's end that is read in the module's memory (longer ones: lcov.ts) */
export const CARRY = 1 << 16

/** branches (BRDA records) of one file the kernel keeps; past them lcov.ts keeps them in a Map */
export const BRANCHES = 1 << 13
/** functions of one file the kernel keeps, and the bytes of their names */
export const FUNCTIONS = 1 << 13
export const NAME_BYTES = 1 << 18
/** the most entries a function look-up compares with before the kernel leaves the file's functions to lcov.ts */
export const PROBES = 32

/**
 * byte offsets in the module's memory: sixteen i32 the kernel reports in (CTRL), two input windows (each with
 * slack for reads past its end), a window for a line cut by a window's end, the branches, the functions, then
 * the lines
 */
const CTRL = 0
const SLACK = 64
const IN = [64, 64 + WINDOW + SLACK, 64 + 2 * (WINDOW + SLACK)]
const BKEYS = IN[2] + CARRY + SLACK
const BHITS = BKEYS + BRANCHES * 8
const FSTART = BHITS + BRANCHES * 4
const FHASH = FSTART + FUNCTIONS * 4
const FHITS = FHASH + FUNCTIONS * 4
const FSLOT = FHITS + FUNCTIONS * 4
/** the hash table over the functions: twice their number of slots, each 0 or a function's index + 1 */
const FTABLE = FSLOT + FUNCTIONS * 4
const TABLE_MASK = FUNCTIONS * 2 - 1
const FNAMES = FTABLE + FUNCTIONS * 8
/** the state of a file's branches and functions: what moves with it to a larger kernel */
const STATE = [BKEYS, FNAMES + NAME_BYTES]
const LINES = Math.ceil((FNAMES + NAME_BYTES) / 65536) * 65536

// the words of CTRL
/** lines the last `run` took */
export const TAKEN = 0
/** the file's highest line + 1 */
export const LINE_END = 1
/** its lines with a DA, and those with hits */
export const TOTAL = 2
export const COVERED = 3
/** its branches (distinct keys) and those with hits */
export const BR_COUNT = 4
export const BR_COVERED = 5
/** its functions (distinct names) and those with hits, and the bytes of their names */
export const FN_COUNT = 6
export const FN_COVERED = 7
export const FN_NAMES_END = 8
/** FLAGS bits */
export const FLAGS = 9
/** a BRDA or BRF record was read */
export const HAS_BRANCHES = 1
/** an FN, FNDA or FNF record was read */
export const HAS_FUNCTIONS = 2
/** set by the caller: the file's branches are in its Map, the kernel leaves BRDA records to it */
export const BRANCHES_OFF = 4
/** set by the caller: the file's functions are in its Map, the kernel leaves FN and FNDA records to it */
export const FUNCTIONS_OFF = 8
const NOT_BY_LINE = 16
const NOT_BY_BLOCK = 32
/** the last branch key + 1 in (line, block, branch) order, and in (block, branch, line) order: i64 at word 12, 14 */
const LAST_BY_LINE = 48
const LAST_BY_BLOCK = 56

export interface LcovKernel {
  /**
   * the input windows: Buffers over the module's memory. A caller may read a report's next bytes into one
   * while the other is parsed; `buf.buffer === memory` tells a window (or part of one) from other buffers.
   */
  windows: [Buffer, Buffer]
  /** a window of CARRY bytes for a line cut by a window's end */
  carry: Buffer
  /** the memory's buffer */
  memory: ArrayBufferLike
  /** the highest line number it takes (`run` stops at a line over it; `add` must not be given one) */
  maxLine: number
  /** the file's lines: hits + 1 by line number (0: no DA for that line), up to `ctrl[LINE_END]` */
  lines: Uint32Array
  /** the file's branches: keys ((line * 65536 + block) * 65536 + branch) and hits, `ctrl[BR_COUNT]` of them */
  branchKeys: Float64Array
  branchHits: Int32Array
  /**
   * the file's functions, `ctrl[FN_COUNT]` of them: their names back to back in `names` (function i from
   * `fnStart[i]` to the next one's start, or `ctrl[FN_NAMES_END]`) and their hits
   */
  fnStart: Int32Array
  fnHits: Int32Array
  names: Buffer
  /** what the kernel reports (TAKEN, LINE_END, ...) and FLAGS, which the caller may set bits of */
  ctrl: Int32Array
  /**
   * Takes the records of a file from memory offset `from` (a line start) while they are whole before `to`
   * (the byte before `to` is a line end); returns the offset of the first line it did not take: not one of
   * its records, or one of them in a form it leaves to the caller (lcov.ts reads that line itself). Hits over
   * `maxHits` are `maxHits`.
   */
  run(from: number, to: number): number
  /** adds `hits` (0..maxHits) to `line` (0..maxLine), as `run` does */
  add(line: number, hits: number): void
  /** the next file starts: its lines, branches, functions and the numbers (in ctrl too) are cleared */
  reset(): void
  /** takes over the file's branches and functions from another kernel (before its lines are added) */
  takeState(from: LcovKernel): void
}

// ---- a small structured assembler: code is nested arrays of bytes, blocks with labels, and branches to them
type Code = number | Code[] | Branch | Block
interface Branch {
  to: string
  conditional: boolean
}
interface Block {
  kind: number
  label: string
  body: Code[]
  otherwise?: Code[]
}
const block = (label: string, ...body: Code[]): Block => ({ kind: 0x02, label, body })
const loop = (label: string, ...body: Code[]): Block => ({ kind: 0x03, label, body })
/** `if` on the value on the stack (a label too: `br` to it leaves it) */
const when = (label: string, body: Code[], otherwise?: Code[]): Block => ({ kind: 0x04, label, body, otherwise })
const br = (to: string): Branch => ({ to, conditional: false })
const brIf = (to: string): Branch => ({ to, conditional: true })

function emit(code: Code[], labels: string[] = [], out: number[] = []): number[] {
  for (const c of code) {
    if (typeof c === 'number') out.push(c)
    else if (Array.isArray(c)) emit(c, labels, out)
    else if ('to' in c) {
      const at = labels.lastIndexOf(c.to)
      if (at < 0) throw new Error(`no label ${c.to}`)
      out.push(c.conditional ? 0x0d : 0x0c, ...uleb(labels.length - 1 - at))
    } else {
      out.push(c.kind, 0x40)
      labels.push(c.label)
      emit(c.body, labels, out)
      if (c.otherwise) {
        out.push(0x05)
        emit(c.otherwise, labels, out)
      }
      labels.pop()
      out.push(0x0b)
    }
  }
  return out
}

// opcodes
const SELECT = 0x1b
const i32 = (n: number): Code[] => [0x41, ...sleb(n)]
const i64 = (n: number): Code[] => [0x42, ...sleb(n)]
const get = (x: number): Code[] => [0x20, ...uleb(x)]
const set = (x: number, ...value: Code[]): Code[] => [...value, 0x21, ...uleb(x)]
const tee = (x: number, ...value: Code[]): Code[] => [...value, 0x22, ...uleb(x)]
const gget = (x: number): Code[] => [0x23, x]
const gset = (x: number, ...value: Code[]): Code[] => [...value, 0x24, x]
const load8 = (offset: number, ...addr: Code[]): Code[] => [...addr, 0x2d, 0, ...uleb(offset)]
const load32 = (offset: number, ...addr: Code[]): Code[] => [...addr, 0x28, 2, ...uleb(offset)]
const load64 = (offset: number, ...addr: Code[]): Code[] => [...addr, 0x29, 3, ...uleb(offset)]
const store32 = (offset: number, addr: Code[], ...value: Code[]): Code[] => [...addr, ...value, 0x36, 2, ...uleb(offset)]
const store64 = (offset: number, addr: Code[], ...value: Code[]): Code[] => [...addr, ...value, 0x37, 3, ...uleb(offset)]
const storeF64 = (offset: number, addr: Code[], ...value: Code[]): Code[] => [...addr, ...value, 0x39, 3, ...uleb(offset)]
const [EQZ, EQ, NE, LT_U, GT_U, GE_U] = [0x45, 0x46, 0x47, 0x49, 0x4b, 0x4f]
const [ADD, SUB, MUL, AND, OR, XOR, SHL] = [0x6a, 0x6b, 0x6c, 0x71, 0x72, 0x73, 0x74]
const [I64_LE_U, I64_ADD, I64_OR, I64_SHL] = [0x58, 0x7c, 0x84, 0x86]
const [EXTEND_U, F64_FROM_U64] = [0xad, 0xba]
const MEMORY_COPY = [0xfc, 0x0a, 0, 0]
const MEMORY_FILL = [0xfc, 0x0b, 0]
/** the word `w` of CTRL */
const word = (w: number): number => CTRL + 4 * w

/** compiled modules by their limits: compiled once per thread, instantiated once per parser at a time */
const compiled = new Map<string, object>()

/**
 * A kernel with its own memory, or undefined where WebAssembly is missing or refused (the parser's
 * JavaScript loop runs then). `maxLine` and `maxHits` are the parser's limits.
 */
export function lcovKernel(maxLine: number, maxHits: number): LcovKernel | undefined {
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
  const ctrl = new Int32Array(memory, CTRL, 16)
  const bytes = new Uint8Array(memory)
  return {
    windows: [Buffer.from(memory, IN[0], WINDOW), Buffer.from(memory, IN[1], WINDOW)],
    carry: Buffer.from(memory, IN[2], CARRY),
    memory,
    maxLine,
    lines: new Uint32Array(memory, LINES, maxLine + 1),
    branchKeys: new Float64Array(memory, BKEYS, BRANCHES),
    branchHits: new Int32Array(memory, BHITS, BRANCHES),
    fnStart: new Int32Array(memory, FSTART, FUNCTIONS),
    fnHits: new Int32Array(memory, FHITS, FUNCTIONS),
    names: Buffer.from(memory, FNAMES, NAME_BYTES),
    ctrl,
    run: exports.r as LcovKernel['run'],
    add: exports.a as LcovKernel['add'],
    reset: exports.z as LcovKernel['reset'],
    takeState(from: LcovKernel): void {
      bytes.set(new Uint8Array(from.memory, STATE[0], STATE[1] - STATE[0]), STATE[0])
      for (let w = BR_COUNT; w < 16; w++) ctrl[w] = from.ctrl[w]
    }
  }
}

/**
 * The module: run (r), add (a), reset (z) and its memory (m). The file's line numbers live in globals
 * (lineEnd 0, total 1, covered 2) while it is read, and are stored into CTRL when a call returns; those of
 * its branches and functions live in CTRL.
 */
function assemble(maxLine: number, maxHits: number): Uint8Array {
  /** the line numbers into CTRL (and TAKEN from local `taken`, when given) */
  const report = (taken?: number): Code[] => [
    taken === undefined ? [] : store32(word(TAKEN), i32(0), get(taken)),
    store32(word(LINE_END), i32(0), gget(0)),
    store32(word(TOTAL), i32(0), gget(1)),
    store32(word(COVERED), i32(0), gget(2))
  ]
  /** lines[line] += hits (locals `line`, `hits` (i32), scratch `slot`, `prev`, `sum`), the numbers kept */
  const addLine = (line: number, hits: number, slot: number, prev: number, sum: number): Code[] => [
    tee(prev, load32(0, tee(slot, get(line), i32(2), SHL, i32(LINES), ADD))),
    EQZ,
    when(
      'new',
      [
        // a new line: total + 1, covered + (hits > 0)
        gset(1, gget(1), i32(1), ADD),
        gset(2, gget(2), get(hits), i32(0), NE, ADD),
        store32(0, get(slot), get(hits), i32(1), ADD)
      ],
      [
        // seen before: covered + (it had none and now has some); hits add up to maxHits (no overflow in u32)
        gset(2, gget(2), get(prev), i32(1), EQ, get(hits), i32(0), NE, AND, ADD),
        set(sum, get(prev), i32(1), SUB, get(hits), ADD),
        store32(0, get(slot), i32(maxHits), get(sum), get(sum), i32(maxHits), GT_U, SELECT, i32(1), ADD)
      ]
    ),
    // lineEnd = max(lineEnd, line + 1)
    gset(0, tee(sum, get(line), i32(1), ADD), gget(0), get(sum), gget(0), GT_U, SELECT)
  ]

  // run(p, to) and its locals (i32, then i64)
  const [p, to, taken, i, c, d, a, b, e, s, h, next, w, flags, n, k, slot, prev, sum, hash, high, len, start] =
    Array.from({ length: 23 }, (_, x) => x)
  const [key, byBlock] = [23, 24]
  /** c = memory[++i] */
  const advance = set(c, load8(0, tee(i, get(i), i32(1), ADD)))
  /**
   * acc = the number whose digits start at c (memory[i]), of 1 to `most` digits: else out (more digits
   * than an i32 holds, or leading zeros: lcov.ts reads the line); c: the byte after them
   */
  const digits = (acc: number, most: number): Code[] => [
    set(acc, i32(0)),
    set(s, get(i)),
    block(
      'digits',
      loop(
        'digit',
        tee(d, get(c), i32(48), SUB),
        i32(10),
        GE_U,
        brIf('digits'),
        set(acc, get(acc), i32(10), MUL, get(d), ADD),
        advance,
        br('digit')
      )
    ),
    // (none: i - s - 1 wraps to 2^32 - 1)
    get(i),
    get(s),
    SUB,
    i32(1),
    SUB,
    i32(most),
    GE_U,
    brIf('out')
  ]
  /** hits have at most 9 digits here (under maxHits: no clamp); more go by lcov.ts */
  if (maxHits < 999_999_999) throw new Error('maxHits under 9 digits')
  const skipDigits = block('digits', loop('digit', get(c), i32(48), SUB, i32(10), GE_U, brIf('digits'), advance, br('digit')))
  /** next = the start of the next line when c (at i) ends this one (LF, or CR LF), else out */
  const lineEnd: Code[] = [
    block(
      'end',
      get(c),
      i32(10),
      EQ,
      when('lf', [set(next, get(i), i32(1), ADD), br('end')]),
      get(c),
      i32(13),
      NE,
      brIf('out'),
      load8(1, get(i)),
      i32(10),
      NE,
      brIf('out'),
      set(next, get(i), i32(2), ADD)
    )
  ]
  /** the line is taken: the next one */
  const taken1: Code[] = [set(taken, get(taken), i32(1), ADD), set(p, get(next)), br('line')]

  // DA:<line>,<hits>
  const da = block(
    'notDA',
    get(w),
    i32(0xffffff),
    AND,
    i32(0x3a4144),
    NE,
    brIf('notDA'),
    set(i, get(p), i32(3), ADD),
    set(c, load8(0, get(i))),
    // the line: 1 to 7 digits (maxLine is 2^23 at most), then a comma
    digits(a, 7),
    get(c),
    i32(44),
    NE,
    brIf('out'),
    advance,
    digits(h, 9),
    lineEnd,
    get(a),
    i32(maxLine),
    GT_U,
    brIf('out'),
    addLine(a, h, slot, prev, sum),
    taken1
  )

  /** `acc` = the digits from c on (1 to `most`), then a comma: else out; c: the byte after the comma */
  const field = (acc: number, most: number): Code[] => [digits(acc, most), get(c), i32(44), NE, brIf('out'), advance]
  // BRDA:<line>,<block>,<branch>,<taken> with line < 2^21, block and branch < 65536, taken digits or "-"
  const brda = block(
    'notBRDA',
    get(w),
    i32(0x41445242),
    NE,
    brIf('notBRDA'),
    load8(4, get(p)),
    i32(58),
    NE,
    brIf('notBRDA'),
    tee(flags, load32(word(FLAGS), i32(0))),
    i32(BRANCHES_OFF),
    AND,
    brIf('out'),
    set(i, get(p), i32(5), ADD),
    set(c, load8(0, get(i))),
    field(a, 7),
    field(b, 5),
    field(e, 5),
    get(a),
    i32(1 << 21),
    GE_U,
    get(b),
    i32(65536),
    GE_U,
    OR,
    get(e),
    i32(65536),
    GE_U,
    OR,
    brIf('out'),
    get(c),
    i32(45),
    EQ,
    when('minus', [set(h, i32(0)), advance], [digits(h, 9)]),
    lineEnd,
    // room for it, else the caller's Map
    tee(n, load32(word(BR_COUNT), i32(0))),
    i32(BRANCHES),
    GE_U,
    brIf('out'),
    // keys strictly increasing in (line, block, branch) or in (block, branch, line): all distinct
    set(key, get(a), EXTEND_U, i64(32), I64_SHL, get(b), EXTEND_U, i64(16), I64_SHL, I64_OR, get(e), EXTEND_U, I64_OR),
    set(byBlock, get(b), EXTEND_U, i64(37), I64_SHL, get(e), EXTEND_U, i64(21), I64_SHL, I64_OR, get(a), EXTEND_U, I64_OR),
    get(key),
    i64(1),
    I64_ADD,
    load64(LAST_BY_LINE, i32(0)),
    I64_LE_U,
    when('line', [set(flags, get(flags), i32(NOT_BY_LINE), OR)]),
    get(byBlock),
    i64(1),
    I64_ADD,
    load64(LAST_BY_BLOCK, i32(0)),
    I64_LE_U,
    when('block', [set(flags, get(flags), i32(NOT_BY_BLOCK), OR)]),
    // neither order holds: the caller moves the branches to its Map
    get(flags),
    i32(NOT_BY_LINE | NOT_BY_BLOCK),
    AND,
    i32(NOT_BY_LINE | NOT_BY_BLOCK),
    EQ,
    brIf('out'),
    store32(word(FLAGS), i32(0), get(flags), i32(HAS_BRANCHES), OR),
    store64(LAST_BY_LINE, i32(0), get(key), i64(1), I64_ADD),
    store64(LAST_BY_BLOCK, i32(0), get(byBlock), i64(1), I64_ADD),
    storeF64(BKEYS, [get(n), i32(3), SHL], get(key), F64_FROM_U64),
    store32(BHITS, [get(n), i32(2), SHL], get(h)),
    store32(word(BR_COUNT), i32(0), get(n), i32(1), ADD),
    store32(word(BR_COVERED), i32(0), load32(word(BR_COVERED), i32(0)), get(h), i32(0), NE, ADD),
    taken1
  )

  // FN:<line>,[<end line>,]<name> and FNDA:<hits>,<name>, names in ASCII
  const fn = block(
    'notFN',
    get(w),
    i32(0xffff),
    AND,
    i32(0x4e46),
    NE,
    brIf('notFN'),
    // h: FNDA's hits; 0 for FN
    set(h, i32(0)),
    get(w),
    i32(0x41444e46),
    EQ,
    load8(4, get(p)),
    i32(58),
    EQ,
    AND,
    when(
      'fnda',
      [set(i, get(p), i32(5), ADD), set(c, load8(0, get(i))), digits(h, 9)],
      [
        load8(2, get(p)),
        i32(58),
        NE,
        brIf('notFN'),
        set(i, get(p), i32(3), ADD),
        set(c, load8(0, get(i))),
        skipDigits,
        get(i),
        get(p),
        i32(3),
        ADD,
        EQ,
        brIf('out')
      ]
    ),
    get(c),
    i32(44),
    NE,
    brIf('out'),
    tee(flags, load32(word(FLAGS), i32(0))),
    i32(FUNCTIONS_OFF),
    AND,
    brIf('out'),
    set(s, tee(i, get(i), i32(1), ADD)),
    // lcov 2: FN:<line>,<end line>,<name>
    get(w),
    i32(0x41444e46),
    NE,
    when('fn', [
      set(c, load8(0, get(i))),
      skipDigits,
      get(c),
      i32(44),
      EQ,
      get(i),
      get(s),
      GT_U,
      AND,
      when('end', [set(s, get(i), i32(1), ADD)])
    ]),
    // the name runs to the end of the line: in ASCII, else the caller's Map (its string decides equality)
    set(i, get(s)),
    set(high, i32(0)),
    block(
      'name',
      loop(
        'byte',
        get(i),
        get(to),
        GE_U,
        brIf('out'),
        tee(c, load8(0, get(i))),
        i32(10),
        EQ,
        brIf('name'),
        set(high, get(high), get(c), OR),
        set(i, get(i), i32(1), ADD),
        br('byte')
      )
    ),
    get(high),
    i32(128),
    AND,
    brIf('out'),
    set(next, get(i), i32(1), ADD),
    set(e, get(i)),
    get(e),
    get(s),
    GT_U,
    when('cr', [load8(0, get(e), i32(1), SUB), i32(13), EQ, when('trim', [set(e, get(e), i32(1), SUB)])]),
    set(len, get(e), get(s), SUB),
    // FNV-1a of the name
    set(hash, i32(0x811c9dc5 | 0)),
    set(i, get(s)),
    block(
      'hashed',
      loop('hash', get(i), get(e), GE_U, brIf('hashed'), set(hash, get(hash), load8(0, get(i)), XOR, i32(0x01000193), MUL), set(i, get(i), i32(1), ADD), br('hash'))
    ),
    set(n, load32(word(FN_COUNT), i32(0))),
    set(slot, get(hash), i32(TABLE_MASK), AND),
    // probes so far (b): names made to share a slot (the hash is not secret) would make each look-up a walk
    // through all of them; past PROBES the caller's Map (whose hash V8 seeds per process) takes the functions
    set(b, i32(0)),
    block(
      'found',
      block(
        'missing',
        loop(
          'probe',
          tee(k, load32(FTABLE, get(slot), i32(2), SHL)),
          EQZ,
          brIf('missing'),
          set(k, get(k), i32(1), SUB),
          tee(b, get(b), i32(1), ADD),
          i32(PROBES),
          GT_U,
          brIf('out'),
          load32(FHASH, get(k), i32(2), SHL),
          get(hash),
          EQ,
          when('hash', [
            set(start, load32(FSTART, get(k), i32(2), SHL)),
            // its end: the next name's start, or the end of the names
            load32(FSTART + 4, get(k), i32(2), SHL),
            load32(word(FN_NAMES_END), i32(0)),
            get(k),
            i32(1),
            ADD,
            get(n),
            LT_U,
            SELECT,
            get(start),
            SUB,
            get(len),
            EQ,
            when('length', [
              set(d, i32(0)),
              block(
                'differ',
                loop(
                  'compare',
                  get(d),
                  get(len),
                  GE_U,
                  brIf('found'),
                  load8(FNAMES, get(start), get(d), ADD),
                  load8(0, get(s), get(d), ADD),
                  NE,
                  brIf('differ'),
                  set(d, get(d), i32(1), ADD),
                  br('compare')
                )
              )
            ])
          ]),
          set(slot, get(slot), i32(1), ADD, i32(TABLE_MASK), AND),
          br('probe')
        )
      ),
      // a new function at the free slot: room for it, else the caller's Map
      set(start, load32(word(FN_NAMES_END), i32(0))),
      get(n),
      i32(FUNCTIONS),
      GE_U,
      get(start),
      get(len),
      ADD,
      i32(NAME_BYTES),
      GT_U,
      OR,
      brIf('out'),
      get(start),
      i32(FNAMES),
      ADD,
      get(s),
      get(len),
      MEMORY_COPY,
      store32(FSTART, [get(n), i32(2), SHL], get(start)),
      store32(FHASH, [get(n), i32(2), SHL], get(hash)),
      store32(FHITS, [get(n), i32(2), SHL], i32(0)),
      store32(FSLOT, [get(n), i32(2), SHL], get(slot)),
      store32(FTABLE, [get(slot), i32(2), SHL], get(n), i32(1), ADD),
      store32(word(FN_NAMES_END), i32(0), get(start), get(len), ADD),
      store32(word(FN_COUNT), i32(0), get(n), i32(1), ADD),
      set(k, get(n))
    ),
    // hits add up to maxHits (no overflow in u32); covered + (it had none and now has some)
    set(prev, load32(FHITS, get(k), i32(2), SHL)),
    set(sum, get(prev), get(h), ADD),
    store32(FHITS, [get(k), i32(2), SHL], i32(maxHits), get(sum), get(sum), i32(maxHits), GT_U, SELECT),
    store32(word(FN_COVERED), i32(0), load32(word(FN_COVERED), i32(0)), get(prev), EQZ, get(h), i32(0), NE, AND, ADD),
    store32(word(FLAGS), i32(0), get(flags), i32(HAS_FUNCTIONS), OR),
    taken1
  )

  /** flags |= bit */
  const flag = (bit: number): Code[] => store32(word(FLAGS), i32(0), load32(word(FLAGS), i32(0)), i32(bit), OR)
  // LF, LH, TN, FNF, FNH, BRF, BRH: totals lcov.ts computes itself, and the test name; FNF and BRF say the
  // metric is there
  const skip = block(
    'notSkip',
    block(
      'skip',
      get(w),
      i32(0xffffff),
      AND,
      tee(d),
      i32(0x3a464c),
      EQ,
      get(d),
      i32(0x3a484c),
      EQ,
      OR,
      get(d),
      i32(0x3a4e54),
      EQ,
      OR,
      get(w),
      i32(0x3a484e46),
      EQ,
      OR,
      get(w),
      i32(0x3a485242),
      EQ,
      OR,
      brIf('skip'),
      get(w),
      i32(0x3a464e46),
      EQ,
      when('fnf', [flag(HAS_FUNCTIONS), br('skip')]),
      get(w),
      i32(0x3a465242),
      EQ,
      when('brf', [flag(HAS_BRANCHES), br('skip')]),
      br('notSkip')
    ),
    set(i, get(p), i32(3), ADD),
    block(
      'eol',
      loop('byte', get(i), get(to), GE_U, brIf('out'), load8(0, get(i)), i32(10), EQ, brIf('eol'), set(i, get(i), i32(1), ADD), br('byte'))
    ),
    set(next, get(i), i32(1), ADD),
    taken1
  )

  const run = emit([
    [2, 21, 0x7f, 2, 0x7e], // locals: 21 i32 after the two parameters, 2 i64
    block(
      'out',
      loop(
        'line',
        get(p),
        get(to),
        GE_U,
        brIf('out'),
        // the first four bytes (in the window or its slack)
        set(w, load32(0, get(p))),
        da,
        brda,
        fn,
        skip,
        br('out')
      )
    ),
    report(taken),
    get(p),
    0x0b
  ])
  // add(line = 0, hits = 1) with locals slot = 2, prev = 3, sum = 4
  const add = emit([[1, 3, 0x7f], addLine(0, 1, 2, 3, 4), report(), 0x0b])
  // reset(): lines [0, lineEnd) to 0, the function table's used slots to 0, the numbers to 0, CTRL too
  const [k0] = [0]
  const reset = emit([
    [1, 1, 0x7f],
    i32(LINES),
    i32(0),
    gget(0),
    i32(2),
    SHL,
    MEMORY_FILL,
    block(
      'cleared',
      loop(
        'slot',
        get(k0),
        load32(word(FN_COUNT), i32(0)),
        GE_U,
        brIf('cleared'),
        store32(FTABLE, [load32(FSLOT, get(k0), i32(2), SHL), i32(2), SHL], i32(0)),
        set(k0, get(k0), i32(1), ADD),
        br('slot')
      )
    ),
    gset(0, i32(0)),
    gset(1, i32(0)),
    gset(2, i32(0)),
    i32(CTRL),
    i32(0),
    i32(64),
    MEMORY_FILL,
    0x0b
  ])
  const pages = Math.ceil((LINES + (maxLine + 1) * 4) / 65536)
  const global = [0x7f, 1, 0x41, 0, 0x0b] // a mutable i32, 0
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
