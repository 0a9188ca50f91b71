import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { UsageError } from '../errors.js'
import { detectProjects, fitStarter } from '../templates/detect.js'
import { STARTER } from '../templates/starter.js'

export async function initCommand(
  root: string,
  file: string,
  force: boolean,
  stdout: (s: string) => void
): Promise<number> {
  const target = path.resolve(root, file)
  await mkdir(path.dirname(target), { recursive: true })
  try {
    // the starter fits the repository it finds: Python, Node, Go and Java projects at the root or one level down
    await writeFile(target, fitStarter(STARTER, await detectProjects(root)), { flag: force ? 'w' : 'wx' })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      throw new UsageError(`${file} exists already: use --force to overwrite it`)
    throw e
  }
  stdout(`wrote ${file}: set your roles' users, then run 'go-live-gate check'\n`)
  return 0
}
