import { realpathSync } from 'node:fs'
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
/**
 * A literal path (not a glob) that exists and resolves, through symlinks, outside the repository: the one
 * disk read of the checklist loader, kept here with the other file-system reads.
 */
export function symlinkProblem(root: string, p: string): string | undefined {
  const literal = p.split(/[*?[\]{}!]/)[0]
  const target = literal.endsWith('/') || literal !== p ? path.dirname(literal + 'x') : literal
  if (!target || target === '.') return undefined
  let realRoot: string
  let real: string
  try {
    realRoot = realpathSync(root)
    real = realpathSync(path.join(root, target))
  } catch {
    return undefined
  }
  if (real !== realRoot && !real.startsWith(realRoot + path.sep))
    return `'${p}' leads through a symlink out of the repository`
  return undefined
}

export class Workspace {
  private realRoot?: Promise<string>

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
    const files = await glob(patterns, {
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
