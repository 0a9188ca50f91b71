import { execFile, spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { GitPort } from './checks/types.js'
import { CheckError } from './errors.js'

/** Runs git in `cwd` and returns its standard output; a failure becomes a CheckError with git's own words. */
export function git(
  args: string[],
  cwd: string,
  options: { signal?: AbortSignal; maxBuffer?: number } = {}
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd,
        signal: options.signal,
        maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024,
        encoding: 'utf8',
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }
      },
      (error, stdout, stderr) => {
        if (error) {
          const why =
            (error as NodeJS.ErrnoException).code === 'ENOENT'
              ? 'git is not installed'
              : (stderr.trim().split('\n')[0] ?? '') || error.message.split('\n')[0]
          reject(new CheckError(`git ${args[0]} failed: ${why}`))
        } else resolve(stdout)
      }
    )
  })
}

/** The commits a shallow clone was cut at (empty for a full clone). */
async function shallowBoundary(cwd: string): Promise<Set<string>> {
  try {
    const gitDir = (await git(['rev-parse', '--absolute-git-dir'], cwd)).trim()
    const text = await readFile(path.join(gitDir, 'shallow'), 'utf8')
    return new Set(text.split('\n').filter(Boolean))
  } catch {
    return new Set()
  }
}

export interface CommitRef {
  sha: string
  date: Date
}

/**
 * When each file was last changed by a commit, from one walk of the history shared by every item of a
 * run: a walk records every path it passes, stops as soon as the files asked for are all seen, and a walk
 * that reached the root answers for every path. In a shallow clone the history that would tell is
 * missing, so a file last seen at the cut (or not seen at all) is an error, never a guess.
 */
export class FileHistory {
  private readonly known = new Map<string, CommitRef>()
  /** paths some caller waits for; the walk under way stops once none is left */
  private readonly pending = new Set<string>()
  private walking?: Promise<void>
  private complete = false
  private boundary?: Promise<Set<string>>

  constructor(private readonly cwd: string) {}

  async lastCommits(files: string[], signal?: AbortSignal): Promise<Map<string, CommitRef | undefined>> {
    for (;;) {
      const missing = files.filter(f => !this.known.has(f))
      if (missing.length === 0 || this.complete) break
      for (const f of missing) this.pending.add(f)
      // one walk at a time, shared by every item that waits: it carries on until all their paths are seen
      this.walking ??= this.walk().finally(() => (this.walking = undefined))
      await abortable(this.walking, signal)
    }
    this.boundary ??= shallowBoundary(this.cwd)
    const boundary = await this.boundary
    const answer = new Map<string, CommitRef | undefined>()
    for (const file of files) {
      const commit = this.known.get(file)
      if ((commit && boundary.has(commit.sha)) || (!commit && boundary.size > 0))
        throw new CheckError(
          `the clone is shallow, so the last commit of ${file} is unknown: check out with fetch-depth: 0`
        )
      answer.set(file, commit)
    }
    return answer
  }

  /** Reads `git log --name-only` as it streams, newest first, until every wanted path is seen. */
  private walk(): Promise<void> {
    const wanted = this.pending
    return new Promise((resolve, reject) => {
      // --relative: names relative to the workspace, which may be a folder of the repository (working-directory)
      const args = ['log', '-z', '--name-only', '--relative', '--no-renames', '--format=%x01%H %ct']
      const child = spawn('git', args, {
        cwd: this.cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }
      })
      let commit: CommitRef | undefined
      let firstName = false
      let rest = ''
      let stderr = ''
      let done = false
      const finish = (error?: Error) => {
        if (done) return
        done = true
        if (error) reject(error)
        else resolve()
      }
      const take = (token: string) => {
        if (token.startsWith('\u0001')) {
          const [sha, ct] = token.slice(1).split(' ')
          commit = { sha, date: new Date(Number(ct) * 1000) }
          firstName = true
          return
        }
        const name = firstName && token.startsWith('\n') ? token.slice(1) : token
        firstName = false
        if (!commit || name === '' || this.known.has(name)) return
        this.known.set(name, commit)
        wanted.delete(name)
      }
      child.stdout.setEncoding('utf8')
      child.stdout.on('data', (chunk: string) => {
        const tokens = (rest + chunk).split('\0')
        rest = tokens.pop() ?? ''
        for (const token of tokens) take(token)
        if (wanted.size === 0) {
          child.kill()
          finish()
        }
      })
      child.stderr.setEncoding('utf8')
      child.stderr.on('data', (chunk: string) => {
        if (stderr.length < 4096) stderr += chunk
      })
      child.on('error', e =>
        finish(
          new CheckError(
            (e as NodeJS.ErrnoException).code === 'ENOENT'
              ? 'git is not installed'
              : `git log failed: ${e.message}`
          )
        )
      )
      child.on('close', code => {
        if (done) return
        if (code !== 0) {
          // an empty repository has no HEAD yet: nothing was ever committed
          if (/does not have any commits yet|bad default revision/.test(stderr)) this.complete = true
          else
            return finish(new CheckError(`git log failed: ${stderr.trim().split('\n')[0] || `exit ${code}`}`))
        } else {
          if (rest) take(rest)
          this.complete = true
        }
        finish()
      })
    })
  }
}

/** Waits for `promise` unless the item's time runs out first. */
function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise
  signal.throwIfAborted()
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new CheckError('aborted'))
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      v => (signal.removeEventListener('abort', onAbort), resolve(v)),
      e => (signal.removeEventListener('abort', onAbort), reject(e))
    )
  })
}

/** The real git port of a run in `root`: one file history per port, so a new run never sees an old answer. */
export function gitPort(root: string): GitPort {
  const history = new FileHistory(root)
  return {
    run: (args, options) => git(args, root, options),
    lastCommits: (files, signal) => history.lastCommits(files, signal)
  }
}
