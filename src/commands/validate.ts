import { linkProblems } from '../checklist/links.js'
import { parseChecklist } from '../checklist/load.js'
import { readChecklistText } from '../checklist/read.js'
import { ChecklistErrors } from '../errors.js'
import { Workspace } from '../workspace.js'

export async function validateCommand(
  root: string,
  file: string,
  stdout: (s: string) => void
): Promise<number> {
  const checklist = parseChecklist(await readChecklistText(root, file), file)
  // then the disk: a path that leads through a symlink out of the repository
  const links = await linkProblems(checklist, new Workspace(root))
  if (links.length) throw new ChecklistErrors(links)
  const n = checklist.items.length
  stdout(
    `${file}: valid (${n} item${n === 1 ? '' : 's'} in ${checklist.sections.length} section${checklist.sections.length === 1 ? '' : 's'})\n`
  )
  return 0
}
