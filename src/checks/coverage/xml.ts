// Cobertura, Clover and JaCoCo XML, read as a stream with saxes: the root element says which one it is.
import { StringDecoder } from 'node:string_decoder'
import { SaxesParser, type SaxesTagPlain } from 'saxes'
import { ReportSyntaxError } from './errors.js'
import { LineHits, addKey, type Counts, type FileCoverage, type Format, type KeyHits, type ParsedReport } from './model.js'

export type XmlFormat = Extract<Format, 'cobertura' | 'clover' | 'jacoco'>

interface Handler {
  open(tag: SaxesTagPlain): void
  close(name: string): void
  text?(text: string): void
  end(): ParsedReport
}

/** Streaming parser for the three XML formats; `expect` refuses a root of another format. */
export class XmlCoverageParser {
  private readonly sax = new SaxesParser({ position: true })
  private readonly decoder = new StringDecoder('utf8')
  private handler: Handler | undefined
  /** names of the elements open now, outermost first (a part of a report is cut where this is known) */
  readonly open: string[] = []

  /**
   * @param cobertura read with the Cobertura handler from the start: for a part of a Cobertura report
   *   that begins inside it (parallel.ts), whose synthetic root says nothing about the format
   */
  constructor(
    private readonly expect?: XmlFormat,
    cobertura = false
  ) {
    if (cobertura) this.handler = new Cobertura()
    this.sax.on('opentag', tag => {
      this.open.push(tag.name)
      if (!this.handler) this.handler = this.pick(tag)
      this.handler.open(tag as SaxesTagPlain)
    })
    this.sax.on('closetag', tag => {
      this.open.pop()
      this.handler?.close(tag.name)
    })
    this.sax.on('text', text => this.handler?.text?.(text))
    this.sax.on('cdata', text => this.handler?.text?.(text))
  }

  write(chunk: Uint8Array | string): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length))
    try {
      this.sax.write(text)
    } catch (e) {
      throw this.syntaxError(e)
    }
  }

  /** the line the parser is on (1-based) */
  get line(): number {
    return this.sax.line
  }

  end(): ParsedReport {
    try {
      this.sax.write(this.decoder.end())
      this.sax.close()
    } catch (e) {
      throw this.syntaxError(e)
    }
    if (!this.handler) throw new ReportSyntaxError('no XML element in the report', this.sax.line)
    return this.handler.end()
  }

  private pick(tag: { name: string; attributes: Record<string, unknown> }): Handler {
    const a = tag.attributes
    let format: XmlFormat | undefined
    if (tag.name === 'report') format = 'jacoco'
    else if (tag.name === 'coverage')
      format = 'clover' in a || ('generated' in a && !('line-rate' in a)) ? 'clover' : 'cobertura'
    if (!format || (this.expect && format !== this.expect))
      throw new ReportSyntaxError(
        `the root element is not ${this.expect ?? 'Cobertura, Clover or JaCoCo'} coverage`,
        this.sax.line
      )
    return format === 'jacoco' ? new Jacoco() : format === 'clover' ? new Clover() : new Cobertura()
  }

  private syntaxError(e: unknown): Error {
    if (e instanceof ReportSyntaxError) return e
    // saxes: "[<file>:]<line>:<col>: <message>"; the line is given apart (a part's own would be wrong).
    // Some messages name what they found ("unclosed tag: x", a quoted name): the report is never quoted.
    const msg = (e as Error).message
      .replace(/^(?:[^:]*:)?\d+:\d+: /, '')
      .replace(/:[\s\S]*$/, '')
      .replace(/\s*(["'])[\s\S]*?\1/g, '')
      .trim()
    return new ReportSyntaxError(`not well-formed XML (${msg || 'syntax error'})`, this.sax.line)
  }
}

/** A non-negative integer attribute, or undefined. */
const count = (v: string | undefined): number | undefined =>
  v !== undefined && /^\d{1,15}$/.test(v.trim()) ? Number(v.trim()) : undefined

const num = (v: string | undefined): number => {
  const n = v === undefined ? NaN : Number(v)
  return Number.isFinite(n) ? n : 0
}

function fileIn(files: Map<string, FileCoverage>, path: string): FileCoverage & { lines: LineHits } {
  let f = files.get(path)
  if (!f) {
    f = { lines: new LineHits() }
    files.set(path, f)
  }
  return f as FileCoverage & { lines: LineHits }
}

/** `covered` of `total` branches on one line, as keys a shard merge can OR together */
function addBranchesOfLine(map: KeyHits, line: number, covered: number, total: number): void {
  for (let i = 0; i < total; i++) addKey(map, `${line}:${i}`, i < covered ? 1 : 0)
}

// Cobertura (istanbul, coverage.py, Cobertura itself): http://cobertura.sourceforge.net/xml/coverage-04.dtd
class Cobertura implements Handler {
  private readonly files = new Map<string, FileCoverage>()
  private readonly sources: string[] = []
  private inSource = false
  private sourceText = ''
  private file: (FileCoverage & { lines: LineHits }) | undefined
  private method: { key: string; hits: number | undefined; covered: boolean } | undefined
  private declared: ParsedReport['declared']

  open(tag: SaxesTagPlain): void {
    const a = tag.attributes
    switch (tag.name) {
      case 'coverage': {
        // the root's totals: istanbul's per-line condition-coverage leaves out branches on lines where
        // no statement starts, its root counts them (a part of a parallel parse has a root of its own)
        const valid = count(a['branches-valid'])
        const covered = count(a['branches-covered'])
        if (valid !== undefined && covered !== undefined && covered <= valid)
          this.declared = { branches: { covered, total: valid } }
        return
      }
      case 'line': {
        if (!this.file) return
        const hits = num(a.hits)
        if (this.method) {
          if (hits > 0) this.method.covered = true
          return
        }
        const line = num(a.number)
        this.file.lines.add(line, hits)
        if (a.branch === 'true') {
          const m = /\((\d+)\/(\d+)\)/.exec(a['condition-coverage'] ?? '')
          const branches = (this.file.branches ??= new Map()) as KeyHits
          if (m) addBranchesOfLine(branches, line, Number(m[1]), Number(m[2]))
        }
        return
      }
      case 'class':
        this.file = fileIn(this.files, a.filename ?? a.name ?? '')
        return
      case 'method':
        this.method = {
          key: `${a.name ?? ''}${a.signature ?? ''}`,
          hits: a.hits === undefined ? undefined : num(a.hits),
          covered: false
        }
        return
      case 'source':
        this.inSource = true
        this.sourceText = ''
        return
    }
  }

  close(name: string): void {
    if (name === 'method') {
      // a method outside any class counts for nothing, and must not swallow the lines that follow
      const m = this.method
      if (m && this.file) addKey((this.file.functions ??= new Map()) as KeyHits, m.key, m.hits ?? (m.covered ? 1 : 0))
      this.method = undefined
    } else if (name === 'class') this.file = undefined
    else if (name === 'source') {
      this.inSource = false
      const s = this.sourceText.trim()
      if (s) this.sources.push(s)
    }
  }

  text(text: string): void {
    if (this.inSource) this.sourceText += text
  }

  end(): ParsedReport {
    return {
      format: 'cobertura',
      files: this.files,
      sources: this.sources,
      ...(this.declared ? { declared: this.declared } : {})
    }
  }
}

interface CloverLine {
  num: number
  type: string
  count: number
  truecount: number
  falsecount: number
  name: string | undefined
}

/** At most this many branches of a Clover file taken from its metrics without a line (istanbul's are a few). */
const MAX_UNPLACED = 100_000

// Clover (OpenClover, istanbul, PHPUnit): https://openclover.org/doc/manual/latest/ "clover.xml"
class Clover implements Handler {
  private readonly files = new Map<string, FileCoverage>()
  private path: string | undefined
  private entries: CloverLine[] = []
  private metrics: Record<string, string> | undefined

  open(tag: SaxesTagPlain): void {
    const a = tag.attributes
    switch (tag.name) {
      case 'line':
        if (this.path === undefined) return
        this.entries.push({
          num: num(a.num),
          type: a.type ?? 'stmt',
          // OpenClover may leave out count on cond lines: then a line ran when either outcome did
          count: a.count !== undefined ? num(a.count) : num(a.truecount) + num(a.falsecount),
          truecount: num(a.truecount),
          falsecount: num(a.falsecount),
          name: a.name ?? a.signature
        })
        return
      case 'file':
        this.path = a.path ?? a.name ?? ''
        this.entries = []
        this.metrics = undefined
        return
      case 'metrics':
        if (this.path !== undefined && !this.metrics) this.metrics = a
        return
    }
  }

  close(name: string): void {
    if (name !== 'file' || this.path === undefined) return
    // the same path twice in one report: merged per line, its metrics no longer the whole file's
    const again = this.files.has(this.path)
    const f = fileIn(this.files, this.path)
    const m = this.metrics
    const code = this.entries.filter(e => e.type !== 'method')
    const conds = code.filter(e => e.type === 'cond')
    for (const e of code) f.lines.add(e.num, e.count)

    // istanbul writes truecount/falsecount as covered/uncovered branch counts; OpenClover as the hit
    // counts of the two outcomes. istanbul's file <metrics> count every line entry (stmt and cond) as a
    // statement, and its conditionals are at least what its cond lines hold: it leaves out the branches
    // on lines where no statement starts (default arguments, a `||` continued on the next line), which
    // its metrics still count. Those are added as branches of no line, the covered ones first: exact for
    // one report; shards of the same code have as many, and their merge keeps the best shard's count.
    const lineTotal = conds.reduce((n, e) => n + e.truecount + e.falsecount, 0)
    const lineCovered = conds.reduce((n, e) => n + e.truecount, 0)
    const istanbulStyle =
      m !== undefined &&
      count(m.statements) === code.length &&
      count(m.conditionals) !== undefined &&
      count(m.coveredconditionals) !== undefined &&
      num(m.conditionals) >= lineTotal &&
      num(m.coveredconditionals) >= lineCovered &&
      num(m.coveredconditionals) - lineCovered <= num(m.conditionals) - lineTotal &&
      // a bound on the branches made up from the metrics: a hostile report must not make billions
      num(m.conditionals) - lineTotal <= MAX_UNPLACED
    if (conds.length > 0 || m?.conditionals !== undefined) {
      const branches = (f.branches ??= new Map()) as KeyHits
      for (const e of conds) {
        if (istanbulStyle) addBranchesOfLine(branches, e.num, e.truecount, e.truecount + e.falsecount)
        else {
          addKey(branches, `${e.num}:t`, e.truecount)
          addKey(branches, `${e.num}:f`, e.falsecount)
        }
      }
      if (istanbulStyle && !again) {
        const covered = num(m!.coveredconditionals) - lineCovered
        for (let i = 0; i < num(m!.conditionals) - lineTotal; i++) addKey(branches, `-:${i}`, i < covered ? 1 : 0)
      }
    }

    // statements: istanbul counts every line entry (stmt and cond), OpenClover the stmt entries
    const stmts = m && num(m.statements) === code.length ? code : code.filter(e => e.type === 'stmt')
    if (stmts.length > 0 || m?.statements !== undefined) {
      const statements = (f.statements ??= new Map()) as KeyHits
      for (const e of stmts) addKey(statements, `${e.num}:${e.type}`, e.count)
    }

    const methods = this.entries.filter(e => e.type === 'method')
    if (methods.length > 0) {
      const functions = (f.functions instanceof Map ? f.functions : (f.functions = new Map())) as KeyHits
      for (const e of methods) addKey(functions, `${e.name ?? ''}@${e.num}`, e.count)
    } else if (m?.methods !== undefined && !(f.functions instanceof Map)) {
      // istanbul's clover has no per-function entries, only the file's totals
      const counts: Counts = { covered: num(m.coveredmethods), total: num(m.methods) }
      const prev = f.functions as Counts | undefined
      if (!prev || counts.covered * (prev.total || 1) > prev.covered * (counts.total || 1)) f.functions = counts
    }
    this.path = undefined
  }

  end(): ParsedReport {
    return { format: 'clover', files: this.files }
  }
}

// JaCoCo XML: https://www.jacoco.org/jacoco/trunk/coverage/report.dtd
class Jacoco implements Handler {
  private readonly files = new Map<string, FileCoverage>()
  private pkg = ''
  private cls: { name: string; source: string } | undefined
  private method: { key: string; covered: number; missed: number; seen: boolean } | undefined
  private file: (FileCoverage & { lines: LineHits }) | undefined

  private pathOf(source: string): string {
    return this.pkg ? `${this.pkg}/${source}` : source
  }

  open(tag: SaxesTagPlain): void {
    const a = tag.attributes
    switch (tag.name) {
      case 'line': {
        if (!this.file) return
        const nr = num(a.nr)
        const mi = num(a.mi)
        const ci = num(a.ci)
        const mb = num(a.mb)
        const cb = num(a.cb)
        // a line counts when it has instructions; it is covered when at least one of them ran (JaCoCo's LINE counter)
        if (mi + ci > 0) this.file.lines.add(nr, ci)
        if (mb + cb > 0) addBranchesOfLine((this.file.branches ??= new Map()) as KeyHits, nr, cb, mb + cb)
        return
      }
      case 'counter':
        if (this.method && a.type === 'METHOD') {
          this.method.seen = true
          this.method.covered += num(a.covered)
          this.method.missed += num(a.missed)
        }
        return
      case 'package':
        this.pkg = a.name ?? ''
        return
      case 'class':
        this.cls = { name: a.name ?? '', source: a.sourcefilename ?? '' }
        return
      case 'method':
        if (this.cls) this.method = { key: `${this.cls.name}.${a.name ?? ''}${a.desc ?? ''}`, covered: 0, missed: 0, seen: false }
        return
      case 'sourcefile':
        this.file = fileIn(this.files, this.pathOf(a.name ?? ''))
        return
    }
  }

  close(name: string): void {
    if (name === 'method' && this.method && this.cls) {
      const m = this.method
      if (m.seen && this.cls.source) {
        const f = fileIn(this.files, this.pathOf(this.cls.source))
        addKey((f.functions ??= new Map()) as KeyHits, m.key, m.covered > 0 ? 1 : 0)
      }
      this.method = undefined
    } else if (name === 'class') this.cls = undefined
    else if (name === 'sourcefile') this.file = undefined
    else if (name === 'package') this.pkg = ''
  }

  end(): ParsedReport {
    return { format: 'jacoco', files: this.files }
  }
}

export function parseXml(text: string | Uint8Array, expect?: XmlFormat): ParsedReport {
  const p = new XmlCoverageParser(expect)
  p.write(text)
  return p.end()
}
