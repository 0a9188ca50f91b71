import type { Role } from '../checklist/types.js'
import type { Status } from '../checks/types.js'
import type { GateResult } from '../gate/types.js'
import { cleanLine } from './sanitize.js'
import { attestCommand, groupsOf } from './markdown.js'
import { countsLine, otherStageSections, verdictLine } from './words.js'

const MARK: Record<Status, string> = {
  pass: '✔',
  fail: '✖',
  pending: '…',
  error: '!',
  skipped: '-',
  waived: '~'
}
const COLOR: Record<Status, number> = { pass: 32, fail: 31, pending: 33, error: 35, skipped: 90, waived: 36 }

/** The verdict for a terminal; colour only when asked (a TTY without NO_COLOR). */
export function renderTerminal(
  result: GateResult,
  options: { color?: boolean; mode?: 'enforce' | 'report'; roles?: Record<string, Role> } = {}
): string {
  const paint = (n: number, s: string) => (options.color ? `\x1b[${n}m${s}\x1b[0m` : s)
  const bold = (s: string) => (options.color ? `\x1b[1m${s}\x1b[0m` : s)
  const lines: string[] = []
  const release = result.checklist.release ? ` ${cleanLine(result.checklist.release)}` : ''
  const stage = result.stage ? `, stage ${cleanLine(result.stage)}` : ''
  lines.push(
    bold(`${cleanLine(result.checklist.name)}${release}`) +
      paint(90, ` (${cleanLine(result.checklist.path)}${stage})`)
  )
  const width = Math.min(40, Math.max(...result.items.map(r => r.id.length), 4))
  let section = ''
  const folded = otherStageSections(result)
  for (const r of result.items) {
    const fold = folded.get(r.section)
    if (fold !== undefined) {
      if (r.section !== section) lines.push('', bold(r.section) + paint(90, `  ${fold}`))
      section = r.section
      continue
    }
    if (r.section !== section) {
      section = r.section
      lines.push('', bold(cleanLine(section)))
    }
    const state = paint(COLOR[r.status], `${MARK[r.status]} ${r.status.padEnd(7)}`)
    const warn = r.severity === 'warning' ? paint(90, ' (warning)') : ''
    lines.push(`  ${state} ${cleanLine(r.id).padEnd(width)}  ${cleanLine(r.summary)}${warn}`)
  }
  lines.push('')
  const verdict = result.verdict === 'pass' ? paint(32, bold('PASS')) : paint(31, bold('FAIL'))
  const reportMode =
    options.mode === 'report' && result.verdict === 'fail' ? ' [report mode: the exit code stays 0]' : ''
  lines.push(`${verdict} ${verdictLine(result)} (${countsLine(result)})${reportMode}`)
  // one line per group of what blocks, as in the PR comment
  const g = groupsOf(result)
  const ids = (items: { id: string }[]) => {
    const shown = items.slice(0, 8).map(r => cleanLine(r.id))
    return shown.join(', ') + (items.length > 8 ? `, and ${items.length - 8} more` : '')
  }
  const next = (text: string) => lines.push(`${paint(90, 'next:')} ${text}`)
  if (g.fix.length) next(`fix ${g.fix.length === 1 ? '1 item' : `${g.fix.length} items`}: ${ids(g.fix)}`)
  for (const [roleId, items] of g.attest) {
    const role = options.roles && Object.hasOwn(options.roles, roleId) ? options.roles[roleId] : undefined
    const who = role
      ? `${cleanLine(role.title)}${role.users.length + role.teams.length ? ` (${[...role.users, ...role.teams].map(cleanLine).join(', ')})` : ''}`
      : roleId
        ? `role ${cleanLine(roleId)}`
        : 'someone with write access'
    next(`${who} comments on the release PR: ${attestCommand(items)}`)
  }
  if (g.approve.length) next(`approving reviews on the release PR: ${ids(g.approve)}`)
  if (g.checks.length) next(`waiting for checks: ${ids(g.checks)}`)
  return lines.join('\n') + '\n'
}
