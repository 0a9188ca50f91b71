import { userRegexProblem } from '../../checklist/regex.js'
import { CheckError } from '../../errors.js'
import { listFiles, parseSize, unreadFiles, type SkippedCounts } from './files.js'
import { fingerprint, parseBaseline, redact } from './fingerprint.js'
import { addedLines, historyRange } from './history.js'
import { MIN_FILES, StreamingScan, type ScanTotals } from './pool.js'
import { RULE_IDS, RULES, type Confidence } from './rules.js'
import { SecretScanner, type CustomRule, type RawFinding } from './scanner.js'
import { toGlobs } from './files.js'
import picomatch from 'picomatch'
import { ALLOW_MARKER } from './scanner.js'
import type { Annotation, Check, CheckContext } from '../types.js'
import { listOf, thousands } from '../../text.js'

export interface SecretsOptions {
  paths?: string | string[]
  exclude?: string | string[]
  history?: 'none' | 'pr' | 'since-tag'
  baseline?: string
  rules?: { disable?: string[]; custom?: CustomRule[] }
  'max-file-size'?: number | string
  /** the lowest confidence that fails the item; lower ones are reported as warnings (default medium: all) */
  'fail-on'?: Confidence
}

/** One finding as the contract's `details.findings` shows it: never the secret. */
export interface SecretFinding {
  rule: string
  file: string
  line: number
  fingerprint: string
  redacted: string
  /** `high`: a validated format; `medium`: judged by name and value */
  confidence: Confidence
  /** `error`: the finding fails the item; `warning`: its confidence is below the item's `fail-on` */
  level: 'error' | 'warning'
  commit?: string
}

const list = listOf<string>

const DESCRIPTIONS = new Map(RULES.map(r => [r.id, r.description]))

export const check: Check<SecretsOptions> = async (options, _item, ctx) => {
  const paths = list(options.paths, ['.'])
  const exclude = list(options.exclude, [])
  const disable = options.rules?.disable ?? []
  const custom = options.rules?.custom ?? []
  const maxFileSize = parseSize(options['max-file-size'])
  const customIds = new Set(custom.map(c => c.id))
  const unknown = disable.filter(id => !RULE_IDS.has(id) && !customIds.has(id))
  if (unknown.length > 0)
    throw new CheckError(
      `rules.disable names unknown rule(s) ${unknown.join(', ')}: see docs/checks/secrets.md for the ids`
    )
  for (const c of custom) {
    const problem = userRegexProblem(c.pattern)
    if (problem) throw new CheckError(`rules.custom '${c.id}': pattern ${problem}`)
    if (RULE_IDS.has(c.id))
      throw new CheckError(`rules.custom '${c.id}': a built-in rule has that id, choose another`)
  }
  const failOn = options['fail-on'] ?? 'medium'
  const levelOf = (c: Confidence): 'error' | 'warning' =>
    failOn === 'medium' || c === 'high' ? 'error' : 'warning'
  const scannerOptions = { disable, custom }
  // built when this thread scans (a small tree, history): a large tree is scanned by workers that build
  // their own, and building it here first would only delay their start
  let built: SecretScanner | undefined
  const scanner = (): SecretScanner => (built ??= new SecretScanner(scannerOptions))
  if (custom.length > 0) scanner() // custom rules: any error in them is reported before the scan starts
  const env = { now: ctx.now() }
  // Suppressions count from the policy commit (the default branch): a change cannot accept its own
  // findings. New ones (a baseline entry, a go-live:allow marker the change adds) count only once the
  // policy owner approved the change. Local runs (no policy commit) read the working tree.
  const suppressions = new Suppressions(ctx, options.baseline)
  await suppressions.load()

  const findings: SecretFinding[] = []
  const suppressed = { inline: 0, baseline: 0 }
  const candidates: { raw: RawFinding; file: string; commit?: string }[] = []
  const keep = (raw: RawFinding, file: string, commit?: string): void => {
    candidates.push({ raw, file, commit })
  }
  const decide = async (): Promise<void> => {
    for (const { raw, file, commit } of candidates) {
      const fp = fingerprint(raw.rule, file, raw.secret)
      const verdict = await suppressions.judge(raw, file, fp)
      if (verdict === 'inline') suppressed.inline++
      else if (verdict === 'baseline') suppressed.baseline++
      else
        findings.push({
          rule: raw.rule,
          file,
          line: raw.line,
          fingerprint: fp,
          redacted: redact(raw.secret),
          confidence: raw.confidence,
          level: levelOf(raw.confidence),
          ...(commit ? { commit } : {})
        })
    }
    candidates.length = 0
  }

  const scanOptions = { maxFileSize, signal: ctx.signal, scannerOptions, now: env.now }
  const scan = new StreamingScan(ctx.workspace, scanner, scanOptions)
  let listed: Awaited<ReturnType<typeof listFiles>>
  let read: ScanTotals
  try {
    // the workers scan the files as they are listed
    listed = await listFiles(
      ctx.workspace,
      ctx.git,
      paths,
      exclude,
      { files: MIN_FILES, reached: () => scan.start() },
      files => scan.add(files)
    )
    read = await scan.end(listed.files, (file, found) => {
      for (const raw of found) keep(raw, file)
    })
  } finally {
    scan.close()
  }
  await decide()
  const skipped: SkippedCounts = {
    ...read.skipped,
    symlinks: read.skipped.symlinks + listed.symlinks,
    gitignored: listed.gitignored
  }
  if (read.skipped.tooLarge + read.skipped.unreadable > 0)
    throw unreadError(ctx.workspace, listed.files, maxFileSize)

  let history: { range: string; commits: number; linesScanned: number } | undefined
  let historyLabel = ''
  if (options.history && options.history !== 'none') {
    const { range, label } = await historyRange(options.history, ctx.event, ctx.git, ctx.signal)
    historyLabel = label
    const inScope = picomatch(toGlobs(ctx.workspace, paths), {
      dot: true,
      ignore: toGlobs(ctx.workspace, exclude)
    })
    const inTree = new Set(findings.map(f => f.fingerprint))
    const commits = new Set<string>()
    let linesScanned = 0
    for (const added of await addedLines(range, ctx.git, ctx.signal)) {
      commits.add(added.commit)
      if (!inScope(added.file)) continue
      linesScanned += added.lines.length
      for (const raw of scanner().scanText(added.text, env)) {
        const line = added.lines[raw.line - 1] ?? raw.line
        // A secret still in the tree is reported there; history adds the ones removed since.
        if (inTree.has(fingerprint(raw.rule, added.file, raw.secret))) continue
        keep({ ...raw, line }, added.file, added.commit)
      }
    }
    await decide()
    history = { range, commits: commits.size, linesScanned }
  }

  const unique = dedupe(findings)
  const details: Record<string, unknown> = {
    filesScanned: read.filesScanned,
    bytesScanned: read.bytesScanned,
    findings: unique,
    skipped,
    suppressed,
    rules: ruleCount(scannerOptions),
    ...(history ? { history } : {})
  }
  const blocks = (f: SecretFinding): boolean => f.level === 'error'
  const blocking = unique.filter(blocks)
  const warned = unique.filter(f => !blocks(f))
  const annotations: Annotation[] = unique.map(f => ({
    level: blocks(f) ? 'error' : 'warning',
    file: f.file,
    line: f.line,
    title: `Credential (${f.confidence} confidence): ${f.rule}`,
    message: `${DESCRIPTIONS.get(f.rule) ?? f.rule}${f.commit ? ` added in commit ${f.commit.slice(0, 12)}` : ''}: remove it, rotate it, and load it from a secret store (fingerprint ${f.fingerprint})`
  }))
  const notes = suppressionNote(suppressed) + suppressions.note()
  if (suppressions.unapproved > 0) details.unapprovedSuppressions = suppressions.unapproved
  const named = (list: SecretFinding[]): string => {
    const shown = list
      .slice(0, 3)
      .map(f => `${f.rule} in ${f.file}:${f.line}${f.commit ? ` (commit ${f.commit.slice(0, 7)})` : ''}`)
    return `${shown.join(', ')}${list.length > 3 ? `, and ${list.length - 3} more` : ''}`
  }
  if (blocking.length === 0) {
    const where = `${thousands(read.filesScanned)} files (${formatBytes(read.bytesScanned)})`
    const hist = history ? ` and ${history.commits} ${historyLabel}` : ''
    if (warned.length > 0) {
      const n = warned.length
      return {
        status: 'pass',
        summary: `no high-confidence credentials in ${where}${hist}; ${n} medium-confidence finding${n === 1 ? '' : 's'} to review (${named(warned)}): remove or allow ${n === 1 ? 'it' : 'them'}${notes}`,
        details,
        annotations
      }
    }
    return { status: 'pass', summary: `no credentials in ${where}${hist}${notes}`, details, annotations }
  }
  const one = blocking.length === 1
  const warnNote = warned.length > 0 ? `; ${warned.length} more below fail-on as warnings` : ''
  return {
    status: 'fail',
    summary: `${blocking.length} credential${one ? '' : 's'} found (${named(blocking)}): remove ${one ? 'it' : 'them'}, rotate ${one ? 'it' : 'them'}, and use a secret store${warnNote}${notes}`,
    details,
    annotations
  }
}

/**
 * Which suppressions count: those of the policy commit, and the change's new ones once the policy owner
 * approved it. Without a policy commit (a local run) the working tree's.
 */
class Suppressions {
  private base = new Set<string>()
  private head = new Set<string>()
  private baseFiles = new Map<string, Promise<string[]>>()
  /** new suppressions that did not count for want of the policy owner's approval */
  unapproved = 0

  constructor(
    private readonly ctx: CheckContext,
    private readonly file: string | undefined
  ) {}

  async load(): Promise<void> {
    const policy = this.ctx.policy
    const local = async () =>
      this.file
        ? parseBaselineFile(await this.ctx.workspace.readText(this.file), this.file)
        : new Set<string>()
    if (!policy) {
      this.base = await local()
      return
    }
    if (this.file) {
      const text = await policy.file(this.file)
      this.base = text === undefined ? new Set() : parseBaselineFile(text, `${this.file} (default branch)`)
      this.head = (await this.ctx.workspace.exists(this.file)) ? await local() : new Set()
    }
  }

  /** The lines of a file at the policy commit that carry the allow marker. */
  private allowedAtBase(file: string): Promise<string[]> {
    let hit = this.baseFiles.get(file)
    if (!hit) {
      hit = (async () => {
        let text: string | undefined
        try {
          text = await this.ctx.policy!.file(file)
        } catch {
          text = undefined
        }
        return (text ?? '').split('\n').filter(l => l.includes(ALLOW_MARKER))
      })()
      this.baseFiles.set(file, hit)
    }
    return hit
  }

  async judge(raw: RawFinding, file: string, fp: string): Promise<'inline' | 'baseline' | undefined> {
    const policy = this.ctx.policy
    if (!policy) return raw.allowed ? 'inline' : this.base.has(fp) ? 'baseline' : undefined
    if (this.base.has(fp)) return 'baseline'
    // an allow marker counts when the policy commit already allows this very secret in this file
    if (raw.allowed && (await this.allowedAtBase(file)).some(l => l.includes(raw.secret))) return 'inline'
    const fresh = raw.allowed ? 'inline' : this.head.has(fp) ? 'baseline' : undefined
    if (!fresh) return undefined
    if (await policy.approved()) return fresh
    this.unapproved++
    return undefined
  }

  note(): string {
    if (!this.unapproved || !this.ctx.policy) return ''
    return ` (${this.unapproved} suppression${this.unapproved === 1 ? '' : 's'} added by this change do not count until role ${this.ctx.policy.owner} approves it)`
  }
}

/** A file in scope that could not be read could hold a credential: the item cannot pass. */
function unreadError(
  workspace: Parameters<typeof unreadFiles>[0],
  files: string[],
  maxFileSize: number
): CheckError {
  const unread = unreadFiles(workspace, files, maxFileSize)
  const shown = unread
    .slice(0, 3)
    .map(u => `${u.file}: ${u.reason}`)
    .join('; ')
  const more = unread.length > 3 ? `; and ${unread.length - 3} more` : ''
  return new CheckError(
    `${unread.length || 'some'} file(s) in scope could not be scanned (${shown || 'they changed while read'}${more}): a credential there would go unseen; raise max-file-size, exclude them, or make them readable`,
    { unread: unread.slice(0, 100) }
  )
}

function parseBaselineFile(text: string, file: string): Set<string> {
  try {
    return parseBaseline(text)
  } catch {
    // never quote the file: a baseline that fails to parse may be anything (a link to .git/config)
    throw new CheckError(`baseline ${file} is not a list of fingerprints nor valid JSON: fix it`)
  }
}

/** How many rules the scanner runs: the custom ones and the built-in ones not disabled. */
function ruleCount(options: { disable: string[]; custom: CustomRule[] }): number {
  const disabled = new Set(options.disable)
  return options.custom.length + RULES.filter(r => !disabled.has(r.id)).length
}

/** The same secret on the same line once, even if two commits added it. */
function dedupe(findings: SecretFinding[]): SecretFinding[] {
  const seen = new Set<string>()
  return findings.filter(f => {
    const key = `${f.fingerprint}:${f.line}:${f.commit ? 'h' : 't'}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function suppressionNote(s: { inline: number; baseline: number }): string {
  const parts: string[] = []
  if (s.baseline > 0) parts.push(`${s.baseline} accepted by the baseline`)
  if (s.inline > 0) parts.push(`${s.inline} allowed inline`)
  return parts.length > 0 ? ` (${parts.join(', ')})` : ''
}

export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} GB`
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} KB`
  return `${n} B`
}
