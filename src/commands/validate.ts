import { parseChecklist } from '../checklist/load.js'
import { readChecklistText } from '../checklist/read.js'

export async function validateCommand(
  root: string,
  file: string,
  stdout: (s: string) => void
): Promise<number> {
  const checklist = parseChecklist(await readChecklistText(root, file), file, { root })
  const n = checklist.items.length
  stdout(
    `${file}: valid (${n} item${n === 1 ? '' : 's'} in ${checklist.sections.length} section${checklist.sections.length === 1 ? '' : 's'})\n`
  )
  return 0
}
