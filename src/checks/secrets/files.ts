// Which files are scanned and how they are read: globs, .gitignore, size and binary limits, no symlinks.
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  readSync
} from 'node:fs'
import ignore, { type Ignore } from 'ignore'
import { CheckError } from '../../errors.js'
import type { Workspace } from '../../workspace.js'

export interface SkippedCounts {
  binary: number
  tooLarge: number
  symlinks: number
  gitignored: number
  unreadable: number
}

const GLOB_MAGIC = /[*?[\]{}()!]/

/** `.` and directories become `dir/**`; globs stay as they are. */
export function toGlobs(workspace: Workspace, list: string[]): string[] {
  return list.map(p => {
    const clean = p
      .replace(/\\/g, '/')
      .replace(/^\.\/+/, '')
      .replace(/\/+$/, '')
    if (clean === '' || clean === '.') return '**'
    if (!GLOB_MAGIC.test(clean)) {
      try {
        if (lstatSync(workspace.resolve(clean)).isDirectory()) return `${clean}/**`
      } catch {
        // not there: keep it as a glob that matches nothing
      }
    }
    return clean
  })
}

/** The files in scope, minus what .gitignore (and .git/info/exclude) ignores. */
export async function listFiles(
  workspace: Workspace,
  paths: string[],
  exclude: string[]
): Promise<{ files: string[]; gitignored: number }> {
  const all = await workspace.glob(toGlobs(workspace, paths), {
    exclude: toGlobs(workspace, exclude),
    dot: true
  })
  const ignorers = new Map<string, Ignore | null>()
  const ignorerOf = (dir: string): Ignore | null => {
    let ig = ignorers.get(dir)
    if (ig !== undefined) return ig
    ig = null
    const file = workspace.resolve(dir === '' ? '.gitignore' : `${dir}/.gitignore`)
    const extra = dir === '' ? workspace.resolve('.git/info/exclude') : undefined
    for (const f of [file, extra])
      if (f && existsSync(f)) {
        try {
          ig ??= ignore()
          ig.add(readFileSync(f, 'utf8'))
        } catch {
          // an unreadable .gitignore ignores nothing
        }
      }
    ignorers.set(dir, ig)
    return ig
  }
  const files: string[] = []
  let gitignored = 0
  for (const file of all) {
    const parts = file.split('/')
    let ignored = false
    // each ancestor's .gitignore judges the path relative to that directory
    for (let depth = 0; depth < parts.length && !ignored; depth++) {
      const ig = ignorerOf(parts.slice(0, depth).join('/'))
      if (ig && ig.ignores(parts.slice(depth).join('/'))) ignored = true
    }
    if (ignored) gitignored++
    else files.push(file)
  }
  return { files, gitignored }
}

/** `500KB`, `1MB`, 2048 → bytes (binary multiples). */
export function parseSize(size: number | string | undefined, fallback = 1024 * 1024): number {
  if (size === undefined) return fallback
  if (typeof size === 'number') return size
  const m = /^([0-9]+)(B|KB|MB|GB)?$/.exec(size.trim())
  if (!m) throw new CheckError(`max-file-size '${size}' is not a size such as 500KB or 1MB`)
  const unit = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[(m[2] ?? 'B') as 'B']
  return Number(m[1]) * unit
}

export interface ReadOptions {
  maxFileSize: number
  signal?: AbortSignal
}

/**
 * Reads each file (never through a symlink) and hands its bytes to `visit`; binary and oversized files are
 * skipped and counted. Reads are synchronous into one reused buffer (far faster than async reads for many
 * small files) and the event loop is given a turn every few megabytes.
 */
export async function readFiles(
  workspace: Workspace,
  files: string[],
  options: ReadOptions,
  visit: (file: string, bytes: Buffer, length: number) => void
): Promise<{ filesScanned: number; bytesScanned: number; skipped: Omit<SkippedCounts, 'gitignored'> }> {
  const skipped = { binary: 0, tooLarge: 0, symlinks: 0, unreadable: 0 }
  let buffer = Buffer.allocUnsafe(1024 * 1024)
  let filesScanned = 0
  let bytesScanned = 0
  let sinceYield = 0
  const noFollow = constants.O_NOFOLLOW as number | undefined
  for (const file of files) {
    if (sinceYield > 8 * 1024 * 1024) {
      sinceYield = 0
      await new Promise(resolve => setImmediate(resolve))
      if (options.signal?.aborted) throw new CheckError('the secret scan was stopped: the item timed out')
    }
    const abs = workspace.resolve(file)
    let fd: number
    try {
      if (noFollow === undefined && lstatSync(abs).isSymbolicLink()) {
        skipped.symlinks++
        continue
      }
      fd = openSync(abs, constants.O_RDONLY | (noFollow ?? 0))
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      if (code === 'ELOOP' || code === 'EMLINK') skipped.symlinks++
      else skipped.unreadable++
      continue
    }
    try {
      const st = fstatSync(fd)
      if (!st.isFile()) {
        skipped.unreadable++
        continue
      }
      if (st.size > options.maxFileSize) {
        skipped.tooLarge++
        continue
      }
      if (st.size > buffer.length) buffer = Buffer.allocUnsafe(Math.max(st.size, buffer.length * 2))
      let length = 0
      for (;;) {
        const n = readSync(fd, buffer, length, buffer.length - length, length)
        if (n === 0) break
        length += n
        if (length === buffer.length) break
      }
      if (isBinary(buffer, length)) {
        skipped.binary++
        continue
      }
      filesScanned++
      bytesScanned += length
      sinceYield += length + 4096
      visit(file, buffer, length)
    } catch {
      skipped.unreadable++
    } finally {
      closeSync(fd)
    }
  }
  return { filesScanned, bytesScanned, skipped }
}

/** Like git: a NUL byte in the first 8000 bytes makes a file binary. */
export function isBinary(bytes: Buffer, length: number): boolean {
  return bytes.subarray(0, Math.min(length, 8000)).indexOf(0) >= 0
}
