import { createHash } from 'node:crypto'
import { constants } from 'node:fs'
import { open } from 'node:fs/promises'
import { CheckError } from '../errors.js'
import type { Workspace } from '../workspace.js'

/** sha256 of every release artifact the globs match: regular files inside the workspace, streamed. */
export async function hashSubjects(
  workspace: Workspace,
  globs: string[]
): Promise<{ name: string; sha256: string }[]> {
  if (globs.length === 0) return []
  const files = await workspace.glob(globs)
  if (files.length === 0)
    throw new CheckError(`no release artifact matches ${globs.join(', ')}: build it first or fix subjects`)
  const out: { name: string; sha256: string }[] = []
  for (const name of files) {
    const fh = await open(
      workspace.resolve(name),
      constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK
    ).catch((e: NodeJS.ErrnoException) => {
      throw new CheckError(
        `cannot read the artifact ${name} (${e.code === 'ELOOP' ? 'a symlink' : (e.code ?? e.message)})`
      )
    })
    try {
      if (!(await fh.stat()).isFile()) throw new CheckError(`the artifact ${name} is not a regular file`)
      const hash = createHash('sha256')
      for await (const chunk of fh.createReadStream()) hash.update(chunk as Buffer)
      out.push({ name, sha256: hash.digest('hex') })
    } finally {
      await fh.close().catch(() => undefined)
    }
  }
  return out
}
