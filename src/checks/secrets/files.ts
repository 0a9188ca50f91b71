// Which files are scanned and how they are read: globs, .gitignore, size and binary limits, no symlinks.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, type Dirent } from 'node:fs'
import path from 'node:path'
import ignore, { type Ignore } from 'ignore'
import picomatch from 'picomatch'
import { CheckError } from '../../errors.js'
import { pathProblem, type Workspace } from '../../workspace.js'
import { readOne } from './read.js'

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

/**
 * The files in scope, minus what .gitignore (and .git/info/exclude) ignores and those a pattern would reach
 * through a symlinked directory (counted in `symlinks`). `many` is called once as soon as `many.files`
 * candidates are seen (the scan starts its workers then, so that their start-up overlaps the listing).
 */
export async function listFiles(
  workspace: Workspace,
  paths: string[],
  exclude: string[],
  many?: { files: number; reached: () => void }
): Promise<{ files: string[]; gitignored: number; symlinks: number }> {
  const globs = toGlobs(workspace, paths)
  const excludes = toGlobs(workspace, exclude)
  let seen = 0
  const count = (n: number): void => {
    if (many && seen < many.files && (seen += n) >= many.files) many.reached()
  }
  const walked = walkDirectories(workspace, globs, excludes, count)
  let all = walked?.files
  let outside = walked?.outside ?? 0
  if (!all) {
    // a glob such as `link/*.env` would go through a symlinked directory: symlinks are never followed
    const globbed = await workspace.glob(globs, { exclude: excludes, dot: true })
    // (the glob follows no symlink below a pattern's fixed base: checking the bases is enough)
    const inside = withoutSymlink(workspace)
    const escaping = globs.map(g => picomatch.scan(g).base).filter(base => !inside(base))
    all = globbed.filter(f => !escaping.some(base => f.startsWith(`${base}/`)))
    outside = globbed.length - all.length
  }
  if (!walked) count(all.length)
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
  // each ancestor's .gitignore judges the path relative to that directory; the files come sorted, so the
  // ancestors are looked up once per directory
  let dir: string | undefined
  let judges: { ig: Ignore; from: number }[] = []
  for (const file of all) {
    const slash = file.lastIndexOf('/')
    const fileDir = slash < 0 ? '' : file.slice(0, slash)
    if (fileDir !== dir) {
      dir = fileDir
      judges = []
      const root = ignorerOf('')
      if (root) judges.push({ ig: root, from: 0 })
      for (let q = file.indexOf('/'); q >= 0 && q <= slash; q = file.indexOf('/', q + 1)) {
        const ig = ignorerOf(file.slice(0, q))
        if (ig) judges.push({ ig, from: q + 1 })
      }
    }
    if (judges.some(j => j.ig.ignores(file.slice(j.from)))) gitignored++
    else files.push(file)
  }
  return { files, gitignored, symlinks: outside }
}

const DIRECTORY_GLOB = /^([^*?[\]{}()!]+)\/\*\*$/

/**
 * When every path is a whole directory (`**`, `dir/**`), the files under them, listed as `workspace.glob` would
 * (sorted, `.git` left out, only regular files, symlinks never followed), by a synchronous walk: about twice as fast
 * on large trees. Otherwise undefined, and the glob lists them.
 */
function walkDirectories(
  workspace: Workspace,
  globs: string[],
  excludes: string[],
  count: (n: number) => void
): { files: string[]; outside: number } | undefined {
  const bases: string[] = []
  for (const g of globs) {
    if (g === '**') bases.push('')
    else {
      const m = DIRECTORY_GLOB.exec(g)
      if (!m || pathProblem(m[1])) return undefined
      bases.push(m[1])
    }
  }
  for (const p of excludes) {
    const problem = pathProblem(p)
    if (problem) throw new CheckError(problem)
  }
  const excluded = excludes.length > 0 ? picomatch(excludes, { dot: true }) : undefined
  // a directory excluded whole (`dir/**`) is not even read
  const prunedDirs = new Set(excludes.map(g => DIRECTORY_GLOB.exec(g)?.[1]).filter(d => d !== undefined))
  const out = new Set<string>()
  const walk = (rel: string): void => {
    let entries: Dirent[]
    try {
      entries = readdirSync(rel === '' ? workspace.root : workspace.resolve(rel), { withFileTypes: true })
    } catch {
      return // not a directory, or unreadable: nothing to list
    }
    for (const e of entries) {
      if (e.name === '.git') continue
      const p = rel === '' ? e.name : `${rel}/${e.name}`
      // as the glob: symlinks (and anything but files) are neither followed nor listed
      if (e.isDirectory()) {
        if (!prunedDirs.has(p)) walk(p)
      } else if (e.isFile() && !excluded?.(p) && !out.has(p)) {
        out.add(p)
        count(1)
      }
    }
  }
  // a base inside another is walked once; a base reached through a symlink not at all
  const sorted = [...new Set(bases)].sort()
  const inside = withoutSymlink(workspace)
  let outside = 0
  for (const b of sorted) {
    if (sorted.some(o => o !== b && (o === '' || b.startsWith(`${o}/`)))) continue
    if (inside(b)) walk(b)
    else outside++
  }
  return { files: [...out].sort(), outside }
}

/**
 * Whether a path is reached without going through a symlink (memoised): symlinks are never followed. A path that
 * does not exist has no symlink to follow (listing it finds nothing).
 */
function withoutSymlink(workspace: Workspace): (dir: string) => boolean {
  const memo = new Map<string, boolean>()
  let root: string | undefined
  return dir => {
    if (dir === '') return true
    let inside = memo.get(dir)
    if (inside === undefined) {
      try {
        root ??= realpathSync.native(workspace.root)
        const real = realpathSync.native(workspace.resolve(dir))
        inside = real === path.join(root, dir)
      } catch {
        inside = true
      }
      memo.set(dir, inside)
    }
    return inside
  }
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
  let buffer: Buffer = Buffer.allocUnsafe(1024 * 1024)
  let filesScanned = 0
  let bytesScanned = 0
  let sinceYield = 0
  for (const file of files) {
    if (sinceYield > 8 * 1024 * 1024) {
      sinceYield = 0
      await new Promise(resolve => setImmediate(resolve))
      if (options.signal?.aborted) throw new CheckError('the secret scan was stopped: the item timed out')
    }
    const read = readOne(workspace.resolve(file), buffer, options.maxFileSize)
    if ('skip' in read) {
      skipped[read.skip]++
      continue
    }
    buffer = read.buffer
    filesScanned++
    bytesScanned += read.length
    sinceYield += read.length + 4096
    visit(file, buffer, read.length)
  }
  return { filesScanned, bytesScanned, skipped }
}
