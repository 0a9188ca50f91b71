import { constants } from 'node:fs'
import { lstat, open, realpath } from 'node:fs/promises'
import path from 'node:path'
import picomatch from 'picomatch'
import { glob, isDynamicPattern } from 'tinyglobby'
import { CheckError } from './errors.js'

/** The most any single read takes in: a report or config beyond this is not one we can judge. */
export const MAX_READ_BYTES = 256 * 1024 * 1024

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0)

/** A file that is not a regular file, a symlink where none may be, or one over the cap: never read. */
export class UnreadableFileError extends CheckError {
  constructor(
    message: string,
    readonly reason: 'missing' | 'not-regular' | 'symlink' | 'too-large' | 'unreadable'
  ) {
    super(message)
    this.name = 'UnreadableFileError'
  }
}

/**
 * Reads a regular file and nothing else: opened without blocking (a FIFO cannot hang the gate) and without
 * following a final symlink, checked with fstat on the open descriptor (a device, FIFO or socket is refused),
 * and capped while reading (a file that grows, or lies about its size, stops at `maxBytes`). `label` names the
 * file in messages.
 */
export async function readRegularFile(
  abs: string,
  label: string,
  maxBytes = MAX_READ_BYTES
): Promise<Buffer> {
  let handle
  try {
    handle = await open(abs, OPEN_FLAGS)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new UnreadableFileError(`${label} does not exist`, 'missing')
    if (code === 'ELOOP' || code === 'EMLINK')
      throw new UnreadableFileError(
        `${label} is a symlink: it is not followed, commit the file itself`,
        'symlink'
      )
    throw new UnreadableFileError(`cannot read ${label}: ${code ?? (e as Error).message}`, 'unreadable')
  }
  try {
    const st = await handle.stat()
    if (!st.isFile())
      throw new UnreadableFileError(
        `${label} is not a regular file (${st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a FIFO' : 'a device or socket'}): refused`,
        'not-regular'
      )
    if (st.size > maxBytes) throw tooLarge(label, maxBytes)
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      const want = Math.min(Math.max(st.size - total, 64 * 1024), maxBytes + 1 - total)
      if (want <= 0) throw tooLarge(label, maxBytes)
      const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(want), 0, want, null)
      if (bytesRead === 0) break
      chunks.push(buffer.subarray(0, bytesRead))
      total += bytesRead
      if (total > maxBytes) throw tooLarge(label, maxBytes)
    }
    return Buffer.concat(chunks, total)
  } catch (e) {
    if (e instanceof CheckError) throw e
    throw new UnreadableFileError(
      `cannot read ${label}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      'unreadable'
    )
  } finally {
    await handle.close().catch(() => undefined)
  }
}

function tooLarge(label: string, maxBytes: number): UnreadableFileError {
  const size = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MB` : `${maxBytes} bytes`
  return new UnreadableFileError(`${label} is larger than ${size}: refused`, 'too-large')
}

/** Why a checklist path is refused, or undefined when it stays inside the repository (lexically). */
export function pathProblem(p: string): string | undefined {
  if (p === '') return 'must not be empty'
  if (path.isAbsolute(p) || path.win32.isAbsolute(p) || p.startsWith('~'))
    return `'${p}' must be relative to the repository root, not absolute`
  const parts = p.replace(/\\/g, '/').replace(/^!/, '').split('/')
  if (parts.includes('..')) return `'${p}' must stay inside the repository (no '..')`
  return undefined
}

/** The repository the gate runs in: every read goes through here, so nothing escapes the root. */
export class Workspace {
  private realRoot?: Promise<string>
  /** globs are expanded once per run: many items naming the same files share one walk */
  private readonly globs = new Map<string, Promise<string[]>>()

  /** @param root absolute path of the repository root */
  constructor(readonly root: string) {}

  /** Absolute path of a repository-relative path; throws if it leaves the repository. */
  resolve(rel: string): string {
    const problem = pathProblem(rel)
    if (problem) throw new CheckError(problem)
    return path.join(this.root, rel)
  }

  /** Like resolve, and follows symlinks: a link that points out of the repository is refused. */
  async resolveReal(rel: string): Promise<string> {
    const abs = this.resolve(rel)
    let real: string
    try {
      real = await realpath(abs)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new CheckError(`${rel} does not exist`)
      throw new CheckError(`cannot read ${rel}: ${(e as Error).message}`)
    }
    const root = await this.realRootPath()
    if (real !== root && !real.startsWith(root + path.sep))
      throw new CheckError(`${rel} is a symlink that points out of the repository`)
    return real
  }

  /**
   * Why a path or glob the checklist names leads through a symlink out of the repository (its literal part,
   * up to the first wildcard), or undefined when it stays inside or does not exist.
   */
  async linkProblem(p: string): Promise<string | undefined> {
    const literal = p.split(/[*?[\]{}!]/)[0]
    const target = literal.endsWith('/') || literal !== p ? path.dirname(literal + 'x') : literal
    if (!target || target === '.' || pathProblem(target)) return undefined
    let real: string
    try {
      real = await realpath(path.join(this.root, target))
    } catch {
      return undefined
    }
    const root = await this.realRootPath()
    if (real !== root && !real.startsWith(root + path.sep))
      return `'${p}' leads through a symlink out of the repository`
    return undefined
  }

  realRootPath(): Promise<string> {
    this.realRoot ??= realpath(this.root).catch(() => path.resolve(this.root))
    return this.realRoot
  }

  async exists(rel: string): Promise<boolean> {
    try {
      await lstat(this.resolve(rel))
      return true
    } catch {
      return false
    }
  }

  /** A regular file inside the repository as UTF-8 (see readRegularFile: no FIFO, no device, capped). */
  async readText(rel: string, maxBytes = MAX_READ_BYTES): Promise<string> {
    return (await this.readBytes(rel, maxBytes)).toString('utf8')
  }

  async readBytes(rel: string, maxBytes = MAX_READ_BYTES): Promise<Buffer> {
    return readRegularFile(await this.resolveReal(rel), rel, maxBytes)
  }

  /**
   * Files matching the globs, as sorted repository-relative POSIX paths. `.git/` is never matched
   * and symlinked directories are not followed.
   */
  async glob(patterns: string[], options: { exclude?: string[]; dot?: boolean } = {}): Promise<string[]> {
    for (const p of [...patterns, ...(options.exclude ?? [])]) {
      const problem = pathProblem(p)
      if (problem) throw new CheckError(problem)
    }
    const key = JSON.stringify([patterns, options.exclude ?? [], options.dot ?? true])
    let found = this.globs.get(key)
    if (!found) {
      found = this.expand(patterns, options)
      this.globs.set(key, found)
      found.catch(() => this.globs.delete(key))
    }
    return [...(await found)]
  }

  private async expand(
    patterns: string[],
    options: { exclude?: string[]; dot?: boolean }
  ): Promise<string[]> {
    // paths named literally need no walk of the tree
    const files = !patterns.some(p => isDynamicPattern(p))
      ? []
      : await glob(patterns, {
          cwd: this.root,
          ignore: ['**/.git/**', ...(options.exclude ?? [])],
          dot: options.dot ?? true,
          onlyFiles: true,
          followSymbolicLinks: false,
          expandDirectories: false
        })
    // Wildcards never follow or list symlinks; a path named literally is listed, and reading it decides.
    const excluded = options.exclude?.length ? picomatch(options.exclude, { dot: true }) : undefined
    for (const p of patterns) {
      if (isDynamicPattern(p) || files.includes(p) || excluded?.(p)) continue
      if (/(^|[\\/])\.git([\\/]|$)/.test(p)) continue
      try {
        const stat = await lstat(path.join(this.root, p))
        if (stat.isSymbolicLink() || stat.isFile()) files.push(p.replace(/\\/g, '/').replace(/^\.\//, ''))
      } catch {
        // not there: not listed
      }
    }
    return [...new Set(files)].sort()
  }
}
