import { lstat, readFile, realpath } from 'node:fs/promises'
import path from 'node:path'
import picomatch from 'picomatch'
import { glob, isDynamicPattern } from 'tinyglobby'
import { CheckError } from './errors.js'

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

  async readText(rel: string): Promise<string> {
    const real = await this.resolveReal(rel)
    try {
      return await readFile(real, 'utf8')
    } catch (e) {
      throw new CheckError(`cannot read ${rel}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
    }
  }

  async readBytes(rel: string): Promise<Buffer> {
    const real = await this.resolveReal(rel)
    try {
      return await readFile(real)
    } catch (e) {
      throw new CheckError(`cannot read ${rel}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
    }
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
