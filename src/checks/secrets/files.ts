// Which files are scanned and how they are read: globs, .gitignore, size and binary limits, no symlinks.
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  realpathSync,
  type Dirent
} from 'node:fs'
import path from 'node:path'
import ignore, { type Ignore } from 'ignore'
import picomatch from 'picomatch'
import { CheckError } from '../../errors.js'
import { pathProblem, type Workspace } from '../../workspace.js'
import type { GitPort } from '../types.js'
import { readOne } from './read.js'

/** A .gitignore larger than this is not one a person wrote: it ignores nothing. */
const MAX_GITIGNORE = 1024 * 1024

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
 * `found`, when given, receives the files in scope as they are listed (a directory at a time when every path
 * is a directory, so that the scan can start before the listing ends; every file once, in no set order); the
 * returned list is sorted.
 */
export async function listFiles(
  workspace: Workspace,
  git: GitPort,
  paths: string[],
  exclude: string[],
  many?: { files: number; reached: () => void },
  found?: (files: string[]) => void
): Promise<{ files: string[]; gitignored: number; symlinks: number }> {
  const globs = toGlobs(workspace, paths)
  const excludes = toGlobs(workspace, exclude)
  let seen = 0
  const count = (n: number): void => {
    if (many && seen < many.files && (seen += n) >= many.files) many.reached()
  }
  const ignorers = new Map<string, Ignore | null>()
  // directories the walk has read, and whether a `.gitignore` entry was among them: an open that would fail
  // (most directories have none) is not even tried
  const listed = new Map<string, boolean>()
  const ignorerOf = (dir: string): Ignore | null => {
    let ig = ignorers.get(dir)
    if (ig !== undefined) return ig
    ig = null
    if (dir !== '' && listed.get(dir) === false) {
      ignorers.set(dir, ig)
      return ig
    }
    const file = workspace.resolve(dir === '' ? '.gitignore' : `${dir}/.gitignore`)
    const extra = dir === '' ? workspace.resolve('.git/info/exclude') : undefined
    for (const f of [file, extra]) {
      if (!f) continue
      // regular files only, never through a symlink, capped: a FIFO or a device cannot hang the scan
      const read = readOne(f, Buffer.allocUnsafe(4096), MAX_GITIGNORE)
      if ('skip' in read) continue // missing or unreadable: it ignores nothing (more is scanned)
      ig ??= ignore()
      ig.add(read.buffer.toString('utf8', 0, read.length))
    }
    ignorers.set(dir, ig)
    return ig
  }
  const files: string[] = []
  const ignored: string[] = []
  // each ancestor's .gitignore judges the path relative to that directory, looked up once per directory
  let dir: string | undefined
  let judges: { ig: Ignore; from: number }[] = []
  const judge = (list: string[]): void => {
    const before = files.length
    for (const file of list) {
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
      if (judges.some(j => j.ig.ignores(file.slice(j.from)))) ignored.push(file)
      else files.push(file)
    }
    if (found && files.length > before) found(files.slice(before))
  }
  const walked = await walkDirectories(workspace, globs, excludes, count, judge, listed)
  let outside = walked?.outside ?? 0
  if (!walked) {
    // a glob such as `link/*.env` would go through a symlinked directory: symlinks are never followed
    const globbed = await workspace.glob(globs, { exclude: excludes, dot: true })
    // (the glob follows no symlink below a pattern's fixed base: checking the bases is enough)
    const inside = withoutSymlink(workspace)
    const escaping = globs.map(g => picomatch.scan(g).base).filter(base => !inside(base))
    const all = globbed.filter(f => !escaping.some(base => f.startsWith(`${base}/`)))
    outside = globbed.length - all.length
    count(all.length)
    judge(all)
  }
  // .gitignore only says what git will not add: a file committed anyway is in the repository, and scanned
  const tracked = ignored.length > 0 ? await trackedAmong(git, ignored) : new Set<string>()
  if (tracked.size > 0) {
    files.push(...tracked)
    found?.([...tracked])
  }
  files.sort()
  return { files, gitignored: ignored.length - tracked.size, symlinks: outside }
}

/** Which of `candidates` git tracks (none when the tree is not a git work tree: nothing is committed there). */
async function trackedAmong(git: GitPort, candidates: string[]): Promise<Set<string>> {
  let out: string
  try {
    out = await git.run(['ls-files', '-z', '--cached', '--full-name', '--', ...pathspecs(candidates)])
  } catch {
    return new Set()
  }
  const prefix = await git.run(['rev-parse', '--show-prefix']).then(
    p => p.trim(),
    () => ''
  )
  const wanted = new Set(candidates)
  const tracked = new Set<string>()
  for (const full of out.split('\0')) {
    const rel = prefix && full.startsWith(prefix) ? full.slice(prefix.length) : full
    if (wanted.has(rel)) tracked.add(rel)
  }
  return tracked
}

/** Literal pathspecs (no glob magic), or the whole tree when there are too many for one command line. */
function pathspecs(files: string[]): string[] {
  return files.length > 1000 ? ['.'] : files.map(f => `:(literal)${f}`)
}

/**
 * The files of `files` that a scan could not read whole, with the reason: over `maxFileSize`, not a regular
 * file, or unreadable. Symlinks are not among them (they are never followed). Called only when a scan counted
 * such skips, to name them: a file in scope that was not read must not let the item pass.
 */
export function unreadFiles(
  workspace: Workspace,
  files: string[],
  maxFileSize: number
): { file: string; reason: string }[] {
  const out: { file: string; reason: string }[] = []
  for (const file of files) {
    let fd: number | undefined
    try {
      const abs = workspace.resolve(file)
      if (lstatSync(abs).isSymbolicLink()) continue
      fd = openSync(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0))
      const st = fstatSync(fd)
      if (!st.isFile()) out.push({ file, reason: 'not a regular file' })
      else if (st.size > maxFileSize) out.push({ file, reason: `${st.size} bytes, over max-file-size` })
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
        out.push({ file, reason: `unreadable (${(e as NodeJS.ErrnoException).code ?? 'error'})` })
    } finally {
      if (fd !== undefined) closeSync(fd)
    }
  }
  return out
}

const DIRECTORY_GLOB = /^([^*?[\]{}()!]+)\/\*\*$/

/** directory entries read between two turns of the event loop (the scan workers ask for work meanwhile) */
const ENTRIES_PER_TURN = 4096

/**
 * When every path is a whole directory (`**`, `dir/**`), the files under them, listed as `workspace.glob` would
 * (`.git` left out, only regular files, symlinks never followed), by a walk of synchronous reads: about twice as
 * fast on large trees. Each directory's files go to `found` as it is read (each file once); the event loop gets a
 * turn every few thousand entries. Otherwise undefined, and the glob lists them.
 */
async function walkDirectories(
  workspace: Workspace,
  globs: string[],
  excludes: string[],
  count: (n: number) => void,
  found: (files: string[]) => void,
  /** filled with each directory read (relative path) and whether it holds a `.gitignore` entry */
  listed?: Map<string, boolean>
): Promise<{ outside: number } | undefined> {
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
  // a base inside another is walked once; a base reached through a symlink not at all
  const sorted = [...new Set(bases)].sort()
  const inside = withoutSymlink(workspace)
  let outside = 0
  const pending: string[] = []
  for (const b of sorted) {
    if (sorted.some(o => o !== b && (o === '' || b.startsWith(`${o}/`)))) continue
    if (inside(b)) pending.push(b)
    else outside++
  }
  let sinceTurn = 0
  for (let rel = pending.pop(); rel !== undefined; rel = pending.pop()) {
    let entries: Dirent[]
    try {
      entries = readdirSync(rel === '' ? workspace.root : workspace.resolve(rel), { withFileTypes: true })
    } catch {
      continue // not a directory, or unreadable: nothing to list
    }
    const here: string[] = []
    let gitignore = false
    for (const e of entries) {
      if (e.name === '.git') continue
      if (e.name === '.gitignore') gitignore = true
      const p = rel === '' ? e.name : `${rel}/${e.name}`
      // as the glob: symlinks (and anything but files) are neither followed nor listed
      if (e.isDirectory()) {
        if (!prunedDirs.has(p)) pending.push(p)
      } else if (e.isFile() && !excluded?.(p)) here.push(p)
    }
    listed?.set(rel, gitignore)
    if (here.length > 0) {
      count(here.length)
      found(here)
    }
    if ((sinceTurn += entries.length) >= ENTRIES_PER_TURN) {
      sinceTurn = 0
      await new Promise(resolve => setImmediate(resolve))
    }
  }
  return { outside }
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
