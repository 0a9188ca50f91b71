import { constants } from 'node:fs'
import { open } from 'node:fs/promises'
import { importMarkdown } from '../checklist/import-markdown.js'
import { parseChecklist } from '../checklist/load.js'
import { ChecklistError, ChecklistErrors, UsageError } from '../errors.js'
import { schemaLocation } from '../templates/schema-location.js'

const MAX_BYTES = 2 * 1024 * 1024

/**
 * Prints the checklist made from a markdown file. Empty boxes are reported on standard error; a file
 * without boxes, or a result that would not validate, is refused (exit 2) and nothing is printed.
 */
export async function importCommand(
  file: string,
  shown: string,
  name: string | undefined,
  root: string,
  stdout: (s: string) => void,
  stderr: (s: string) => void
): Promise<number> {
  const markdown = await readMarkdown(file, shown)
  // printed for .github/go-live.yml of the repository the command runs in
  const result = importMarkdown(markdown, name, schemaLocation(root, '.github/go-live.yml'))
  if (result.problem)
    throw new ChecklistErrors([
      new ChecklistError(shown, 1, 1, result.problem),
      ...result.notes.map(n => new ChecklistError(shown, n.line, n.col, n.message))
    ])
  try {
    parseChecklist(result.yaml, 'imported checklist')
  } catch (e) {
    const reasons = e instanceof ChecklistErrors ? e.problems.map(p => p.message).join('; ') : String(e)
    throw new ChecklistErrors([
      new ChecklistError(shown, 1, 1, `the checklist made from this file does not validate (${reasons})`)
    ])
  }
  for (const n of result.notes) stderr(`${shown}:${n.line}:${n.col}: ${n.message}\n`)
  stdout(result.yaml)
  const empty = result.notes.filter(n => n.kind === 'empty-box').length
  stderr(
    `${shown}: ${result.items === 1 ? '1 box imported as a manual item' : `${result.items} boxes imported as manual items`}` +
      (empty ? `, ${empty} of them empty (titled from their context: give them a title)` : '') +
      '\n'
  )
  return 0
}

async function readMarkdown(file: string, shown: string): Promise<string> {
  let handle
  try {
    // non-blocking: a FIFO never hangs the command
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (e) {
    throw new UsageError(`cannot read ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
  }
  try {
    const stat = await handle.stat()
    if (!stat.isFile()) throw new UsageError(`${shown} is not a regular file`)
    if (stat.size > MAX_BYTES) throw new UsageError(`${shown} is larger than 2 MB: not a checklist`)
    const buffer = Buffer.alloc(Math.min(stat.size, MAX_BYTES) + 1)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    if (bytesRead > MAX_BYTES) throw new UsageError(`${shown} is larger than 2 MB: not a checklist`)
    return buffer.subarray(0, bytesRead).toString('utf8')
  } finally {
    await handle.close()
  }
}
