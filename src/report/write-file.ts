import { constants } from 'node:fs'
import { lstat, mkdir, open, realpath } from 'node:fs/promises'
import path from 'node:path'
import { UsageError } from '../errors.js'

/** Refuses, before anything runs, a report path that writeReportFile would refuse; creates nothing. */
export async function checkReportFile(
  base: string,
  file: string,
  roots: string[],
  option = 'the report'
): Promise<void> {
  const { root, target } = await placeOf(base, file, roots, option)
  if (!(await folders(root, target, file, option, 'stop'))) return
  const st = await lstat(target).catch(() => undefined)
  if (st?.isSymbolicLink()) throw new UsageError(`${option} '${file}' is a symlink: not written through it`)
  if (st && !st.isFile()) throw new UsageError(`${option} '${file}' is not a regular file`)
}

/**
 * Every folder between the root and the file: an existing one must be a real folder (a symlink is refused); a
 * missing one is made (`make`), or ends the walk (`stop`: false, nothing below it exists to check).
 */
async function folders(
  root: string,
  target: string,
  file: string,
  option: string,
  missing: 'make' | 'stop'
): Promise<boolean> {
  let dir = root
  for (const part of path.relative(root, path.dirname(target)).split(path.sep).filter(Boolean)) {
    dir = path.join(dir, part)
    const st = await lstat(dir).catch(() => undefined)
    if (!st) {
      if (missing === 'stop') return false
      await mkdir(dir)
    } else if (!st.isDirectory())
      throw new UsageError(`${option} '${file}': ${part} is not a folder (a symlink?)`)
  }
  return true
}

async function placeOf(base: string, file: string, roots: string[], option: string) {
  // the base as the roots are compared: its real path (a workspace reached through a link still matches)
  const target = path.resolve(await realpath(base).catch(() => path.resolve(base)), file)
  const real = await Promise.all(roots.map(r => realpath(r).catch(() => path.resolve(r))))
  const root = real
    .filter(r => target === r || target.startsWith(r + path.sep))
    .sort((a, b) => b.length - a.length)[0]
  if (!root || target === root)
    throw new UsageError(`${option} '${file}' must be a file inside the workspace`)
  return { root, target }
}

/**
 * Writes a report as a regular file inside one of `roots` (the workspace), never through a symlink: every
 * folder on the way and the file itself are checked, and a FIFO or a device is refused, not written to.
 */
export async function writeReportFile(
  base: string,
  file: string,
  content: string,
  roots: string[],
  option = 'the report'
): Promise<string> {
  const { root, target } = await placeOf(base, file, roots, option)
  await folders(root, target, file, option, 'make')
  let handle
  try {
    handle = await open(
      target,
      constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK,
      0o644
    )
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ELOOP') throw new UsageError(`${option} '${file}' is a symlink: not written through it`)
    if (code === 'ENXIO') throw new UsageError(`${option} '${file}' is not a regular file`)
    throw new UsageError(`${option} '${file}' cannot be written (${code ?? (e as Error).message})`)
  }
  try {
    if (!(await handle.stat()).isFile()) throw new UsageError(`${option} '${file}' is not a regular file`)
    await handle.truncate(0)
    await handle.writeFile(content)
  } finally {
    await handle.close()
  }
  return target
}
