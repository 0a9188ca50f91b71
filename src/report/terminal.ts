import type { Status } from '../checks/types.js'
import type { GateResult } from '../gate/types.js'
import { countsLine, otherStageSections, verdictLine } from './words.js'

const MARK: Record<Status, string> = { pass: '✔', fail: '✖', pending: '…', error: '!', skipped: '-' }
const COLOR: Record<Status, number> = { pass: 32, fail: 31, pending: 33, error: 35, skipped: 90 }

/** The verdict for a terminal; colour only when asked (a TTY without NO_COLOR). */
export function renderTerminal(result: GateResult, options: { color?: boolean } = {}): string {
  const paint = (n: number, s: string) => (options.color ? `\x1b[${n}m${s}\x1b[0m` : s)
  const bold = (s: string) => (options.color ? `\x1b[1m${s}\x1b[0m` : s)
  const lines: string[] = []
  const release = result.checklist.release ? ` ${result.checklist.release}` : ''
  const stage = result.stage ? `, stage ${result.stage}` : ''
  lines.push(bold(`${result.checklist.name}${release}`) + paint(90, ` (${result.checklist.path}${stage})`))
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
      lines.push('', bold(section))
    }
    const state = paint(COLOR[r.status], `${MARK[r.status]} ${r.status.padEnd(7)}`)
    const warn = r.severity === 'warning' ? paint(90, ' (warning)') : ''
    lines.push(`  ${state} ${r.id.padEnd(width)}  ${r.summary}${warn}`)
  }
  lines.push('')
  const verdict = result.result === 'pass' ? paint(32, bold('PASS')) : paint(31, bold('FAIL'))
  lines.push(`${verdict} ${verdictLine(result)} (${countsLine(result)})`)
  return lines.join('\n') + '\n'
}
