import { CheckError } from '../../errors.js'
import { requireGitHub } from '../github.js'
import type { Check, CheckContext } from '../types.js'
import { SEVERITIES, severityRank } from './advisory.js'
import type { Advisory, VulnSeverity } from './advisory.js'
import { dependabotAdvisories } from './dependabot.js'
import { installedVersions } from './installed.js'
import { parseAuditOutput } from './parse.js'
import { stderrReason } from './tool-output.js'
import { parseToolReport, TOOL_COMMANDS } from './tools.js'
import type { ToolSource } from './tools.js'
import { cleanAdvisory, printable, readRepoFile } from './tool-report.js'
import type { VulnerabilitiesOptions } from './options.gen.js'
import { byName } from '../../text.js'

type Source = VulnerabilitiesOptions['source']

export interface IgnoreEntry {
  id: string
  reason: string
  /** YYYY-MM-DD */
  until: string
}

export type { VulnerabilitiesOptions as Options }

/** What `details.findings` holds (the contract's fields). */
export interface Finding {
  id: string
  package: string
  version: string
  severity: VulnSeverity
  ignored: boolean
  title: string
  /** why it is ignored (the `ignore` entry's reason), for ignored findings */
  reason?: string
  /** until when it is ignored */
  until?: string
}

const LABEL: Record<Source, string> = {
  'npm-audit': 'npm audit',
  'yarn-audit': 'yarn audit',
  'pnpm-audit': 'pnpm audit',
  dependabot: 'Dependabot',
  'osv-scanner': 'osv-scanner',
  'pip-audit': 'pip-audit',
  govulncheck: 'govulncheck',
  grype: 'grype',
  trivy: 'trivy'
}
const SHOWN = 5
/** What an audit reads: manifests and lockfiles, never the PR's tool configuration. */
const AUDIT_INPUTS = [
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml'
]

export const check: Check<VulnerabilitiesOptions> = async (options, item, ctx) => {
  const { source, 'fail-on': failOn, ignore: ignores } = options
  const collected = await collect(source, options.report, item.timeout, ctx)
  const advisories = collected.advisories.map(cleanAdvisory)

  // an ignore ends on its `until` date (00:00 UTC): from then on it no longer hides anything
  const now = ctx.now().getTime()
  const expired = ignores.filter(i => Date.parse(`${i.until}T00:00:00Z`) <= now)
  const active = ignores.filter(i => !expired.includes(i))
  const ignoreOf = (a: Advisory): IgnoreEntry | undefined =>
    active.find(i => [a.id, ...a.aliases].some(id => id.toLowerCase() === i.id.trim().toLowerCase()))
  const isIgnored = (a: Advisory): boolean => ignoreOf(a) !== undefined

  const ranked = [...advisories].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      byName(a.package, b.package) ||
      byName(a.id, b.id)
  )
  const findings: Finding[] = ranked.map(a => {
    const ig = ignoreOf(a)
    return {
      id: a.id,
      package: a.package,
      version: a.version,
      severity: a.severity,
      ignored: ig !== undefined,
      title: a.title,
      ...(ig ? { reason: printable(ig.reason, 200), until: ig.until } : {})
    }
  })
  const failing = ranked.filter(a => !isIgnored(a) && severityRank(a.severity) >= severityRank(failOn))
  const details = {
    source,
    ...(options.report ? { report: options.report } : {}),
    failOn,
    findings,
    expiredIgnores: expired.map(i => i.id),
    ...collected.extra
  }
  const ignoredList = ranked
    .filter(isIgnored)
    .map(a => `${a.id} (${printable(ignoreOf(a)!.reason, 80)}, until ${ignoreOf(a)!.until})`)
  const ignoredText = ignoredList.length
    ? `ignored: ${ignoredList.slice(0, SHOWN).join(', ')}${ignoredList.length > SHOWN ? `, ${ignoredList.length - SHOWN} more` : ''}`
    : ''
  const unrated = ranked.some(a => a.severity === 'unknown' && !isIgnored(a))
  const notes = collected.notes

  const label = LABEL[source]
  const expiredText = expired.length
    ? `expired ignores: ${expired.map(i => `${i.id} (until ${i.until})`).join(', ')}: renew with a new date or remove`
    : ''
  if (failing.length > 0 || expired.length > 0) {
    const parts: string[] = []
    if (failing.length > 0)
      parts.push(
        `${counts(failing)} (fail-on ${failOn}): ${failing.slice(0, SHOWN).map(describe).join(', ')}${more(failing)}`
      )
    if (expiredText) parts.push(expiredText)
    if (unrated)
      parts.push(
        UNRATED[source] ?? 'an unrated advisory fails at any fail-on: fix it or ignore it with a reason'
      )
    if (ignoredText) parts.push(ignoredText)
    return { status: 'fail', summary: `${label}: ${[...parts, ...notes].join('; ')}`, details }
  }
  const below = ranked.filter(a => !isIgnored(a))
  const passNotes = [
    ...(below.length ? [`${counts(below)} below ${failOn}`] : []),
    ...(ignoredText ? [ignoredText] : []),
    ...notes
  ]
  return {
    status: 'pass',
    summary:
      ranked.length === 0
        ? `${label}: no known vulnerabilities${notes.length ? ` (${notes.join('; ')})` : ''}`
        : `${label}: no advisories at or above ${failOn} (${passNotes.join('; ')})`,
    details
  }
}

/** Why an unrated advisory fails, per tool that never rates. */
const UNRATED: Partial<Record<Source, string>> = {
  'pip-audit':
    'pip-audit gives no severity, so every advisory fails at any fail-on: fix, ignore with a reason, or use osv-scanner for severities',
  govulncheck:
    'the Go vulnerability database gives no severity, so every called vulnerability fails at any fail-on: fix it or ignore it with a reason'
}

interface Collected {
  advisories: Advisory[]
  extra?: Record<string, unknown>
  notes: string[]
}

async function collect(
  source: Source,
  report: string | undefined,
  timeoutSeconds: number,
  ctx: CheckContext
): Promise<Collected> {
  if (isToolSource(source)) {
    if (!report)
      throw new CheckError(
        `${LABEL[source]} is not run by the gate: run \`${TOOL_COMMANDS[source]}\` in the workflow before the gate, and set \`report\` to that file`
      )
    return parseToolReport(source, await readRepoFile(ctx.workspace, report), report)
  }
  return { advisories: await collectNpm(source, report, timeoutSeconds, ctx), notes: [] }
}

function isToolSource(source: Source): source is ToolSource {
  return Object.prototype.hasOwnProperty.call(TOOL_COMMANDS, source)
}

async function collectNpm(
  source: Source,
  report: string | undefined,
  timeoutSeconds: number,
  ctx: CheckContext
): Promise<Advisory[]> {
  if (source === 'dependabot') return dependabotAdvisories(requireGitHub(ctx, 'vulnerabilities'), ctx.signal)
  const installed = await installedVersions(ctx.workspace)
  if (report) return parseAuditOutput(await ctx.workspace.readText(report), report, installed)

  const timeoutMs = Math.max(1, timeoutSeconds) * 1000
  const sandboxed = (file: string, args: string[]) =>
    ctx.tools.run({
      file,
      args,
      inputs: AUDIT_INPUTS,
      workspace: ctx.workspace,
      signal: ctx.signal,
      timeoutMs
    })
  let file = source === 'pnpm-audit' ? 'pnpm' : source === 'yarn-audit' ? 'yarn' : 'npm'
  let args = ['audit', '--json', `--registry=${ctx.tools.registry}`]
  let emptyIsClean = false
  if (source === 'yarn-audit') {
    const version = (await sandboxed('yarn', ['--version'])).stdout.trim()
    if (/^1\./.test(version)) args = ['audit', '--json']
    else {
      // yarn 2+ (berry): transitive dependencies of every workspace; prints nothing when clean
      file = 'yarn'
      args = ['npm', 'audit', '--all', '--recursive', '--json']
      emptyIsClean = true
    }
  }
  const result = await sandboxed(file, args)
  if (result.stdout.trim() === '') {
    if (emptyIsClean && result.code === 0) return []
    throw new CheckError(`${result.command} failed (exit ${result.code}): ${stderrReason(result.stderr)}`)
  }
  try {
    return parseAuditOutput(result.stdout, `the output of ${result.command}`, installed)
  } catch (e) {
    if (e instanceof CheckError && result.code !== 0 && result.stderr.trim())
      throw new CheckError(`${e.message} (stderr: ${stderrReason(result.stderr)})`)
    throw e
  }
}

function counts(list: Advisory[]): string {
  return [...SEVERITIES]
    .reverse()
    .map(s => [s, list.filter(a => a.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ')
}

function describe(a: Advisory): string {
  const at = a.version ? `${a.package}@${a.version}` : a.package
  return `${at} ${a.id}${a.fix ? ` (fix: ${a.fix})` : ''}`
}

function more(list: Advisory[]): string {
  return list.length > SHOWN ? `, ${list.length - SHOWN} more` : ''
}
