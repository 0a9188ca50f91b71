import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { GateEvent } from './event.js'
import { git } from './git.js'

/** Reads the checklist; a missing file is a usage problem, said plainly. */
export async function readChecklistText(root: string, file: string): Promise<string> {
  try {
    return await readFile(path.resolve(root, file), 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new MissingChecklistError(file)
    throw new MissingChecklistError(file, code ?? (e as Error).message)
  }
}

export class MissingChecklistError extends Error {
  constructor(
    readonly file: string,
    reason?: string
  ) {
    super(
      reason
        ? `${file}: cannot read the checklist (${reason})`
        : `${file}: no checklist there; write one with 'go-live-gate init' or point --checklist at it`
    )
    this.name = 'MissingChecklistError'
  }
}

/** The release being gated when the checklist names none: the tag, else the branch, else the commit. */
export function releaseOf(event: GateEvent): string | undefined {
  return event.tag ?? event.pr?.headRef ?? event.branch ?? event.sha?.slice(0, 7)
}

/** Outside Actions: the commit and branch checked out. */
export async function localEvent(root: string): Promise<GateEvent> {
  const event: GateEvent = { name: 'local' }
  try {
    event.sha = (await git(['rev-parse', 'HEAD'], root)).trim()
    const branch = (await git(['rev-parse', '--abbrev-ref', 'HEAD'], root)).trim()
    if (branch && branch !== 'HEAD') event.branch = branch
    const tag = (await git(['tag', '--points-at', 'HEAD'], root)).trim().split('\n')[0]
    if (tag) event.tag = tag
  } catch {
    // not a git repository: checks that need git say so themselves
  }
  return event
}
