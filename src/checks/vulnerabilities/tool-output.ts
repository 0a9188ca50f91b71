import { oneLine } from '../../text.js'

/** The last lines of stderr that say something, for an error message. */
export function stderrReason(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map(l => l.trim())
    .filter(l => l && !/^npm (warn|notice)\b/i.test(l) && !/complete log of this run/i.test(l))
  return oneLine(lines.slice(-3).join(' / ') || 'no output', 300)
}
