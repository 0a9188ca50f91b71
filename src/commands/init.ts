import { lstat, mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { UsageError } from '../errors.js'
import { schemaLocation } from '../templates/schema-location.js'
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
    if (force && (await lstat(target).catch(() => undefined))?.isSymbolicLink())
      throw new UsageError(`${file} is a symlink: remove it, init does not write through links`)
    const text = STARTER.replace(
      /^# yaml-language-server: \$schema=\S+/,
      `# yaml-language-server: $schema=${schemaLocation(root, file)}`
    )
    // the starter fits the repository it finds: Python, Node, Go and Java projects at the root or one level down
    await writeFile(target, fitStarter(text, await detectProjects(root)), { flag: force ? 'w' : 'wx' })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      throw new UsageError(`${file} exists already: use --force to overwrite it`)
    throw e
  }
  stdout(`wrote ${file}: set your roles' users, then run 'go-live-gate check'\n`)
  return 0
}
