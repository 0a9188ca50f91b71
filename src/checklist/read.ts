import path from 'node:path'
import { readRegularFile, UnreadableFileError } from '../workspace.js'

// Reading the checklist file: small on purpose, so that `validate` loads no more than the loader.

/** The loader's own limit: a larger checklist is refused while it is read, not after. */
const CHECKLIST_MAX_BYTES = 2 * 1024 * 1024

/** Reads the checklist; a missing file is a usage problem, said plainly. */
export async function readChecklistText(root: string, file: string): Promise<string> {
  try {
    return (await readRegularFile(path.resolve(root, file), file, CHECKLIST_MAX_BYTES)).toString('utf8')
  } catch (e) {
    if (e instanceof UnreadableFileError && e.reason === 'missing') throw new MissingChecklistError(file)
    throw new MissingChecklistError(file, e instanceof Error ? e.message.replace(`${file} `, '') : String(e))
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
