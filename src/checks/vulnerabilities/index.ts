import { CheckError } from '../../errors.js'
import { requireGitHub } from '../github.js'
import type { Check, CheckContext } from '../types.js'
import { SEVERITIES, severityRank } from './advisory.js'
import type { Advisory, VulnSeverity } from './advisory.js'
import { dependabotAdvisories } from './dependabot.js'
import { installedVersions } from './installed.js'
import { parseAuditOutput } from './parse.js'
import { runTool, stderrReason } from './run-tool.js'

type Source = 'npm-audit' | 'yarn-audit' | 'pnpm-audit' | 'dependabot'

export interface IgnoreEntry {
  id: string
  reason: string
  /** YYYY-MM-DD */
  until: string
}

export interface Options {
  source?: Source
  report?: string
  'fail-on'?: Exclude<VulnSeverity, 'info'>
  ignore?: IgnoreEntry[]
}

/** What `details.findings` holds (the contract's fields). */
export interface Finding {
  id: string
  package: string
  version: string
  severity: VulnSeverity
  ignored: boolean
  title: string
}

const LABEL: Record<Source, string> = {
  'npm-audit': 'npm audit',
  'yarn-audit': 'yarn audit',
  'pnpm-audit': 'pnpm audit',
  dependabot: 'Dependabot'
}
const SHOWN = 5

export const check: Check<Options> = async (options, item, ctx) => {
  const source = options.source ?? 'npm-audit'
  const failOn = options['fail-on'] ?? 'high'
  const ignores = options.ignore ?? []
  const advisories = await collect(source, options.report, item.timeout, ctx)

  // an ignore ends on its `until` date (00:00 UTC): from then on it no longer hides anything
  const now = ctx.now().getTime()
  const expired = ignores.filter(i => Date.parse(`${i.until}T00:00:00Z`) <= now)
  const active = ignores.filter(i => !expired.includes(i))
  const isIgnored = (a: Advisory): boolean =>
    active.some(i => [a.id, ...a.aliases].some(id => id.toLowerCase() === i.id.trim().toLowerCase()))

  const ranked = [...advisories].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      a.package.localeCompare(b.package) ||
      a.id.localeCompare(b.id)
  )
  const findings: Finding[] = ranked.map(a => ({
    id: a.id,
    package: a.package,
    version: a.version,
    severity: a.severity,
    ignored: isIgnored(a),
    title: a.title
  }))
  const failing = ranked.filter(a => !isIgnored(a) && severityRank(a.severity) >= severityRank(failOn))
  const details = {
    source,
    ...(options.report ? { report: options.report } : {}),
    failOn,
    findings,
    expiredIgnores: expired.map(i => i.id)
  }

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
    return { status: 'fail', summary: `${label}: ${parts.join('; ')}`, details }
  }
  const below = ranked.filter(a => !isIgnored(a))
  const ignoredCount = ranked.length - below.length
  const notes = [
    ...(below.length ? [`${counts(below)} below ${failOn}`] : []),
    ...(ignoredCount ? [`${ignoredCount} ignored`] : [])
  ]
  return {
    status: 'pass',
    summary:
      ranked.length === 0
        ? `${label}: no known vulnerabilities`
        : `${label}: no advisories at or above ${failOn} (${notes.join('; ')})`,
    details
  }
}

async function collect(
  source: Source,
  report: string | undefined,
  timeoutSeconds: number,
  ctx: CheckContext
): Promise<Advisory[]> {
  if (source === 'dependabot') return dependabotAdvisories(requireGitHub(ctx, 'vulnerabilities'), ctx.signal)
  const installed = await installedVersions(ctx.workspace)
  if (report) return parseAuditOutput(await ctx.workspace.readText(report), report, installed)

  const run = { signal: ctx.signal, timeoutMs: Math.max(1, timeoutSeconds) * 1000 }
  const root = ctx.workspace.root
  let file = source === 'pnpm-audit' ? 'pnpm' : source === 'yarn-audit' ? 'yarn' : 'npm'
  let args = ['audit', '--json']
  let emptyIsClean = false
  if (source === 'yarn-audit') {
    const version = (await runTool('yarn', ['--version'], root, run)).stdout.trim()
    if (!/^1\./.test(version)) {
      // yarn 2+ (berry): transitive dependencies of every workspace; prints nothing when clean
      file = 'yarn'
      args = ['npm', 'audit', '--all', '--recursive', '--json']
      emptyIsClean = true
    }
  }
  const result = await runTool(file, args, root, run)
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
