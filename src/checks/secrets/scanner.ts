// The scanner: a pure function of a file's bytes and the rule set. Keyword hits select the rules to run,
// and each rule looks only around its hit, so the cost is one automaton pass plus a little per hit.
import { compileUserRegex } from '../../checklist/regex.js'
import { insideEncodedBlob } from './filters.js'
import { forgetAssignments } from './rule-kit.js'
import { HIT_SCALE, KeywordScanner } from './keywords.js'
import { RULES, type Candidate, type Confidence, type Rule, type ScanEnv } from './rules.js'

export const ALLOW_MARKER = 'go-live:allow'

export interface CustomRule {
  id: string
  pattern: string
  keywords?: string[]
  description?: string
}

export interface ScannerOptions {
  /** rule ids to leave out */
  disable?: string[]
  custom?: CustomRule[]
}

/** A credential found in a text. `secret` is for fingerprints only and must never be shown. */
export interface RawFinding {
  rule: string
  confidence: Confidence
  line: number
  column: number
  secret: string
  /** the line carries the `go-live:allow` marker */
  allowed: boolean
}

/** Lines longer than this are minified code or data: only rules for structured tokens run there. */
const LONG_LINE = 1000

/** Compiles a user pattern in the checklist's one regex dialect (`(?i)` at the start is the `i` flag). */
export function compileUserPattern(pattern: string): RegExp {
  return compileUserRegex(pattern, 'g')
}

function customRule(spec: CustomRule): Rule {
  const re = compileUserPattern(spec.pattern)
  return {
    id: spec.id,
    description: spec.description ?? `custom pattern ${spec.id}`,
    // the team wrote the pattern for its own credentials: as sure as a vendor format
    confidence: 'high',
    keywords: spec.keywords ?? [],
    find: () => undefined,
    regex: re
  }
}

interface KeywordEntry {
  rule: number
  /** the exact spellings accepted, for case-sensitive rules */
  exact?: string[]
}

export class SecretScanner {
  readonly rules: Rule[]
  private readonly keywordScanner: KeywordScanner
  private readonly byKeyword: KeywordEntry[][]
  /** custom rules without keywords: matched over every line */
  private readonly always: number[] = []

  constructor(options: ScannerOptions = {}) {
    const disabled = new Set(options.disable ?? [])
    const custom = (options.custom ?? []).map(customRule)
    // User rules first: where they overlap a built-in rule, the user's name wins.
    this.rules = [...custom, ...RULES.filter(r => !disabled.has(r.id))]
    const all: string[] = []
    this.rules.forEach(r => all.push(...r.keywords))
    this.keywordScanner = new KeywordScanner(all)
    const index = new Map(this.keywordScanner.keywords.map((k, i) => [k, i]))
    this.byKeyword = this.keywordScanner.keywords.map(() => [])
    this.rules.forEach((r, ri) => {
      if (r.keywords.length === 0) {
        this.always.push(ri)
        return
      }
      const groups = new Map<number, string[]>()
      for (const k of r.keywords) {
        const ki = index.get(k.toLowerCase())
        if (ki === undefined) continue
        groups.set(ki, [...(groups.get(ki) ?? []), k])
      }
      for (const [ki, spellings] of groups)
        this.byKeyword[ki].push({ rule: ri, exact: r.caseSensitive ? spellings : undefined })
    })
  }

  /** Scans a string (for instance lines from `git log -p`). */
  scanText(text: string, env: ScanEnv): RawFinding[] {
    const bytes = Buffer.from(text, 'utf8')
    return this.scanBytes(bytes, bytes.length, env)
  }

  /** Scans `bytes[0..length)`; the bytes are read as latin1 so that offsets are byte offsets. */
  scanBytes(bytes: Uint8Array, length: number, env: ScanEnv): RawFinding[] {
    const hits = this.keywordScanner.scanCodes(bytes, length)
    if (hits.length === 0 && this.always.length === 0) return []
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, length).toString('latin1')
    const found = this.findAll(text, hits, env)
    forgetAssignments()
    return found
  }

  private findAll(text: string, hits: Float64Array, env: ScanEnv): RawFinding[] {
    let lines: number[] | undefined
    const lineStarts = (): number[] => (lines ??= computeLineStarts(text))
    const found: { rule: number; c: Candidate }[] = []
    const seen = new Set<string>()
    const add = (rule: number, c: Candidate): void => {
      const key = `${rule}:${c.start}`
      if (seen.has(key)) return
      seen.add(key)
      found.push({ rule, c })
    }
    // The line of the current hit, for the long-line test: hits come in order, so each line is measured once
    // and a file's line table is built only when a rule needs it.
    let lineStart = 0
    let lineEnd = -1
    const onLongLine = (pos: number): boolean => {
      if (pos >= lineEnd) {
        lineStart = text.lastIndexOf('\n', pos - 1) + 1
        const nl = text.indexOf('\n', pos)
        lineEnd = nl < 0 ? text.length : nl + 1
      }
      return lineEnd - lineStart > LONG_LINE
    }
    const customDone = new Set<string>()
    for (const code of hits) {
      const pos = Math.floor(code / HIT_SCALE)
      const keyword = code % HIT_SCALE
      const kwLength = this.keywordScanner.lengths[keyword]
      for (const entry of this.byKeyword[keyword]) {
        if (entry.exact && !startsWithAny(text, entry.exact, pos)) continue
        const rule = this.rules[entry.rule]
        const regex = rule.regex
        if (regex) {
          const li = lineIndex(lineStarts(), pos)
          const key = `${entry.rule}:${li}`
          if (customDone.has(key)) continue
          customDone.add(key)
          for (const c of matchCustom(regex, text, lineStarts(), li)) add(entry.rule, c)
          continue
        }
        if (rule.generic && onLongLine(pos)) continue
        const c = rule.find(text, pos, kwLength, env)
        if (!c || insideEncodedBlob(text, c.start)) continue
        add(entry.rule, c)
      }
    }
    for (const ri of this.always) {
      const regex = this.rules[ri].regex as RegExp
      const starts = lineStarts()
      for (let li = 0; li < starts.length; li++)
        for (const c of matchCustom(regex, text, starts, li)) add(ri, c)
    }
    if (found.length === 0) return []
    // Where rules overlap, the first rule (most specific) names the finding.
    found.sort((a, b) => a.rule - b.rule || a.c.start - b.c.start)
    const kept: { rule: number; c: Candidate }[] = []
    for (const f of found) if (!kept.some(k => k.c.start < f.c.end && f.c.start < k.c.end)) kept.push(f)
    kept.sort((a, b) => a.c.start - b.c.start)
    const starts = lineStarts()
    return kept.map(({ rule, c }) => {
      const li = lineIndex(starts, c.start)
      const lineEnd = li + 1 < starts.length ? starts[li + 1] : text.length
      return {
        rule: this.rules[rule].id,
        confidence: this.rules[rule].confidence,
        line: li + 1,
        column: c.start - starts[li] + 1,
        secret: c.secret,
        allowed: text.slice(starts[li], lineEnd).includes(ALLOW_MARKER)
      }
    })
  }
}

function startsWithAny(text: string, spellings: string[], pos: number): boolean {
  for (const k of spellings) if (text.startsWith(k, pos)) return true
  return false
}

function computeLineStarts(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

/** Index of the line holding offset `pos`. */
function lineIndex(starts: number[], pos: number): number {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid] <= pos) lo = mid
    else hi = mid - 1
  }
  return lo
}

function matchCustom(regex: RegExp, text: string, starts: number[], li: number): Candidate[] {
  const start = starts[li]
  const end = li + 1 < starts.length ? starts[li + 1] - 1 : text.length
  const line = text.slice(start, Math.min(end, start + 8192))
  const out: Candidate[] = []
  regex.lastIndex = 0
  for (let m = regex.exec(line); m; m = regex.exec(line)) {
    if (m[0].length === 0) {
      regex.lastIndex++
      continue
    }
    const secret = m[1] ?? m[0]
    if (!secret) continue
    const offset = m[1] !== undefined ? m.index + Math.max(0, m[0].indexOf(m[1])) : m.index
    out.push({ start: start + offset, end: start + offset + secret.length, secret })
  }
  return out
}
