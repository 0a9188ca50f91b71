import { CheckError } from '../errors.js'
import { git } from '../git.js'
import { branchTip, defaultBranch, fileAt, folderAt, MAX_BLOB, type TreeEntry } from './reads.js'
import type { GitHubClient } from './types.js'

/**
 * Reads files of a commit as blobs, never through the checked-out tree: a path the PR controls may be a
 * symbolic link (to `.git/config`, say), and a link is never followed. Two sources: the API (with a
 * token) and the local git object store (`git ls-tree` + `git cat-file`).
 */
export interface BlobSource {
  readonly name: 'api' | 'git'
  /** the text of a file at a commit; undefined when absent; a link or submodule is an error */
  file(sha: string, path: string): Promise<string | undefined>
  /** the entries of a folder at a commit; undefined when absent */
  folder(sha: string, dir: string): Promise<TreeEntry[] | undefined>
  /** the tip of a branch; `protected` when the source can tell */
  branch(name: string): Promise<{ sha: string; protected?: boolean }>
  /** the repository's default branch, when the source can tell */
  defaultBranch(): Promise<string | undefined>
}

export function apiSource(gh: GitHubClient): BlobSource {
  return {
    name: 'api',
    file: (sha, path) => fileAt(gh, path, sha),
    folder: (sha, dir) => folderAt(gh, dir, sha),
    branch: name => branchTip(gh, name),
    defaultBranch: () => defaultBranch(gh)
  }
}

interface LsEntry {
  mode: string
  type: string
  sha: string
  path: string
}

async function lsTree(root: string, sha: string, spec: string): Promise<LsEntry[]> {
  let out: string
  try {
    out = await git(['ls-tree', '-z', sha, '--', spec], root)
  } catch {
    throw new CheckError(
      `commit ${sha.slice(0, 7)} is not in the local clone: fetch it (actions/checkout with fetch-depth: 0) or give the gate a github-token`
    )
  }
  return out
    .split('\0')
    .filter(Boolean)
    .map(line => {
      const tab = line.indexOf('\t')
      const [mode, type, blob] = line.slice(0, tab).split(' ')
      return { mode, type, sha: blob, path: line.slice(tab + 1) }
    })
}

export function gitSource(root: string): BlobSource {
  return {
    name: 'git',
    async file(sha, path) {
      const [entry] = await lsTree(root, sha, path)
      if (!entry || entry.path !== path) return undefined
      if (entry.mode === '120000')
        throw new CheckError(
          `${path} at ${sha.slice(0, 7)} is a symbolic link: the gate does not follow links`
        )
      if (entry.type !== 'blob')
        throw new CheckError(`${path} at ${sha.slice(0, 7)} is a ${entry.type}, not a file`)
      const size = Number((await git(['cat-file', '-s', entry.sha], root)).trim())
      if (!(size <= MAX_BLOB))
        throw new CheckError(`${path} at ${sha.slice(0, 7)} is over ${MAX_BLOB / 1024 / 1024} MB`)
      return git(['cat-file', 'blob', entry.sha], root, { maxBuffer: MAX_BLOB + 1024 })
    },
    async folder(sha, dir) {
      const entries = await lsTree(root, sha, `${dir.replace(/\/+$/, '')}/`)
      if (entries.length === 0) return undefined
      return entries.map(e => ({
        name: e.path.split('/').pop()!,
        path: e.path,
        sha: e.sha,
        type:
          e.mode === '120000' ? 'symlink' : e.type === 'blob' ? 'file' : e.type === 'tree' ? 'dir' : e.type
      }))
    },
    async branch(name) {
      for (const ref of [`refs/remotes/origin/${name}`, `refs/heads/${name}`]) {
        try {
          return { sha: (await git(['rev-parse', '--verify', '-q', `${ref}^{commit}`], root)).trim() }
        } catch {
          // try the next
        }
      }
      throw new CheckError(
        `branch ${name} is not in the local clone: fetch it (actions/checkout with fetch-depth: 0) or give the gate a github-token`
      )
    },
    async defaultBranch() {
      try {
        const ref = (await git(['symbolic-ref', '-q', 'refs/remotes/origin/HEAD'], root)).trim()
        return ref.replace(/^refs\/remotes\/origin\//, '') || undefined
      } catch {
        return undefined
      }
    }
  }
}
