import { structuredPatch } from 'diff'
import { cleanText } from '../report/sanitize.js'

/** Beyond this a checklist change is summarised, not shown: a diff nobody reads is only cost. */
export const MAX_DIFF_BYTES = 512 * 1024
/** Myers' diff costs O((N+M)·D): past this many differing lines it is stopped and the change summarised. */
const MAX_EDIT_LENGTH = 2000

/**
 * A unified diff of two texts by lines, with `context` lines around each change. Linear in the common case
 * (Myers, from the `diff` package) and bounded in the worst: an input over MAX_DIFF_BYTES, or one that
 * differs in more than MAX_EDIT_LENGTH lines, gives a one-line summary instead of the hunks (the counts are
 * then the line counts of each side). Control and bidi characters never reach the output.
 */
export function unifiedDiff(
  before: string,
  after: string,
  names: { before: string; after: string },
  context = 3
): { text: string; added: number; removed: number; summarised?: boolean } {
  const header = [`--- ${cleanText(names.before)}`, `+++ ${cleanText(names.after)}`]
  const a = withFinalNewline(before)
  const b = withFinalNewline(after)
  const summary = () => {
    const removed = lineCount(a)
    const added = lineCount(b)
    return {
      text: [
        ...header,
        `@@ the change is too large to show as a diff: ${removed} lines before, ${added} lines after @@`
      ].join('\n'),
      added,
      removed,
      summarised: true
    }
  }
  if (Buffer.byteLength(a) > MAX_DIFF_BYTES || Buffer.byteLength(b) > MAX_DIFF_BYTES) return summary()
  const patch = structuredPatch('a', 'b', a, b, undefined, undefined, {
    context,
    maxEditLength: MAX_EDIT_LENGTH
  })
  if (!patch) return summary()
  const out = [...header]
  let added = 0
  let removed = 0
  for (const h of patch.hunks) {
    out.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`)
    for (const line of h.lines) {
      if (line.startsWith('\\')) continue // "\ No newline at end of file": both sides end with one
      out.push(cleanText(line).replace(/\n/g, ' '))
      if (line[0] === '+') added++
      else if (line[0] === '-') removed++
    }
  }
  return { text: out.join('\n'), added, removed }
}

function withFinalNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`
}

function lineCount(text: string): number {
  if (text === '') return 0
  let n = 0
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++
  return n
}
