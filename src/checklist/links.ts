import { ChecklistError } from '../errors.js'
import type { Workspace } from '../workspace.js'
import type { Checklist } from './types.js'

/**
 * The step `validate` runs after parsing: each path the checklist names that leads through a symlink out of
 * the repository, at its PATH:LINE:COL. The gate refuses the same paths when their item runs (gate/run.ts).
 */
export async function linkProblems(checklist: Checklist, workspace: Workspace): Promise<ChecklistError[]> {
  const problems: ChecklistError[] = []
  for (const item of checklist.items)
    for (const { value, position } of item.paths ?? []) {
      const problem = await workspace.linkProblem(value)
      if (problem) problems.push(new ChecklistError(checklist.path, position.line, position.col, problem))
    }
  return problems
}
