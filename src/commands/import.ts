import { readFile } from 'node:fs/promises'
import { importMarkdown } from '../checklist/import-markdown.js'
import { UsageError } from '../errors.js'

export async function importCommand(
  file: string,
  name: string | undefined,
  stdout: (s: string) => void
): Promise<number> {
  let markdown: string
  try {
    markdown = await readFile(file, 'utf8')
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
  }
  stdout(importMarkdown(markdown, name))
  return 0
}
