// Turns the paths reports write (absolute CI paths, Cobertura <sources>, Go import paths, Windows
// separators, "./" prefixes) into repository-relative POSIX paths, so shards meet on the same key.
import path from 'node:path'

/** Workspace roots of the hosted and container runners, for reports made on another machine. */
const CI_ROOTS = [
  /^\/home\/runner\/work\/[^/]+\/[^/]+\//,
  /^\/Users\/runner\/work\/[^/]+\/[^/]+\//,
  /^[A-Za-z]:\/a\/[^/]+\/[^/]+\//,
  /^\/__w\/[^/]+\/[^/]+\//,
  /^\/github\/workspace\//
]

const WINDOWS_ABSOLUTE = /^[A-Za-z]:\//
/** `C:/...` (the second character tested first: this runs once per file of a report) */
const isWindowsAbsolute = (p: string): boolean => p.charCodeAt(1) === 58 /* : */ && WINDOWS_ABSOLUTE.test(p)
const isAbsolute = (p: string): boolean => p.startsWith('/') || isWindowsAbsolute(p)

export interface ResolveOptions {
  /** repository-relative directory of the report (relative paths may be relative to the project there) */
  reportDir?: string
  /** Cobertura `<sources>` */
  sources?: string[]
  /** Go coverprofiles name files by import path */
  go?: boolean
}

/** The `module` line of a go.mod file. */
export function goModulePath(goMod: string): string | undefined {
  const m = /^\s*module\s+("?)([^\s"]+)\1\s*(?:\/\/.*)?$/m.exec(goMod)
  return m?.[2]
}

export class PathResolver {
  /** each root with a trailing slash, and lower-cased (for Windows paths) */
  private readonly roots: { under: string; lower: string }[]
  private byBase: Map<string, string[]> | undefined
  private readonly modules: [string, string][]

  /**
   * @param roots absolute workspace root (and its real path, when different)
   * @param files every file of the repository, repository-relative POSIX
   * @param goModules Go module path -> repository-relative directory of its go.mod ('' for the root)
   */
  constructor(
    roots: string[],
    private readonly files: Set<string>,
    goModules: Map<string, string> = new Map()
  ) {
    this.roots = [...new Set(roots.map(r => r.replace(/\\/g, '/').replace(/\/+$/, '')))].map(r => ({
      under: r + '/',
      lower: r.toLowerCase() + '/'
    }))
    this.modules = [...goModules].sort((a, b) => b[0].length - a[0].length)
  }

  resolve(raw: string, options: ResolveOptions = {}): string {
    let p = raw.trim()
    // (tested first: the replaces cost more than the tests, once per file of a report)
    if (p.includes('\\')) p = p.replace(/\\/g, '/')
    if (p.startsWith('file://')) p = p.slice(7)
    if (options.go) {
      for (const [mod, dir] of this.modules)
        if (p === mod || p.startsWith(mod + '/')) {
          p = clean(path.posix.join(dir, p.slice(mod.length + 1)))
          return p
        }
    }
    if (!options.sources?.length) {
      // one candidate: the loops below without their arrays
      const rel = this.toRelative(p)
      if (rel !== undefined && this.files.has(rel)) return rel
      return this.search(p, options.reportDir) ?? rel ?? p
    }
    const candidates =
      options.sources?.length && !isAbsolute(p)
        ? [...options.sources.map(s => joinPath(s.replace(/\\/g, '/'), p)), p]
        : [p]

    const relative = candidates.map(c => this.toRelative(c))
    for (const rel of relative) if (rel !== undefined && this.files.has(rel)) return rel
    for (const c of candidates) {
      const found = this.search(c, options.reportDir)
      if (found !== undefined) return found
    }
    // nothing in the checkout matches: keep the best guess, so the user sees what the report says
    for (const rel of relative) if (rel !== undefined) return rel
    return p
  }

  /** Lexically repository-relative, or undefined for a path outside the repository. */
  private toRelative(p: string): string | undefined {
    if (isAbsolute(p)) {
      const windows = isWindowsAbsolute(p)
      for (const root of this.roots) {
        const under = windows ? p.toLowerCase().startsWith(root.lower) : p.startsWith(root.under)
        if (under) return clean(p.slice(root.under.length))
      }
      for (const re of CI_ROOTS) {
        const m = re.exec(p)
        if (m) return clean(p.slice(m[0].length))
      }
      return undefined
    }
    const rel = clean(p)
    return rel.startsWith('../') || rel === '..' ? undefined : rel
  }

  /** A file of the repository the path plausibly names, when it is not found as written. */
  private search(p: string, reportDir: string | undefined): string | undefined {
    // every candidate below ends in the path's base name: none when the repository has no file of that name
    this.byBase ??= indexByBase(this.files)
    if (!this.byBase.has(path.posix.basename(isAbsolute(p) ? p : clean(p)))) return undefined
    if (isAbsolute(p)) {
      // a foreign root: the longest tail of the path that is a file of the repository
      const parts = p.split('/').filter(Boolean)
      for (let i = 1; i < parts.length; i++) {
        const tail = parts.slice(i).join('/')
        if (this.files.has(tail)) return tail
      }
      return undefined
    }
    const rel = clean(p)
    // relative to the project the report was made in: the report's directory or one of its parents
    if (reportDir) {
      let dir = clean(reportDir)
      for (;;) {
        if (dir === '' || dir === '.') break
        const c = clean(path.posix.join(dir, rel))
        if (this.files.has(c)) return c
        const up = path.posix.dirname(dir)
        dir = up === '.' ? '' : up
      }
    }
    // a source root left out (JaCoCo's package paths, coverage.py run in a subdirectory): a unique match
    const matches = (this.byBase.get(path.posix.basename(rel)) ?? []).filter(f => f.endsWith('/' + rel))
    return matches.length === 1 ? matches[0] : undefined
  }
}

function joinPath(root: string, rel: string): string {
  return root === '' || root === '.' ? rel : `${root.replace(/\/+$/, '')}/${rel}`
}

/** POSIX-normalised, without "./" or a trailing slash. */
function clean(p: string): string {
  // most paths are clean already: no empty, "." or ".." segment
  if (p !== '' && !/(?:^|\/)\.{0,2}(?:\/|$)/.test(p)) return p
  const n = path.posix.normalize(p)
  return n === '.' ? '' : n.replace(/^\.\//, '').replace(/\/+$/, '')
}

function indexByBase(files: Set<string>): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const f of files) {
    const base = path.posix.basename(f)
    const list = map.get(base)
    if (list) list.push(f)
    else map.set(base, [f])
  }
  return map
}
