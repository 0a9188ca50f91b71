import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
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

/**
 * When the file was last changed by a commit, or undefined if no commit touched it. In a shallow clone
 * the history that would tell is missing, so that is an error, never a guess.
 */
export async function lastCommit(
  cwd: string,
  file: string,
  signal?: AbortSignal
): Promise<{ sha: string; date: Date } | undefined> {
  const out = (await git(['log', '-1', '--format=%H %ct', '--', file], cwd, { signal })).trim()
  if (!out) return undefined
  const [sha, ct] = out.split(' ')
  const boundary = await shallowBoundary(cwd)
  if (boundary.has(sha))
    throw new CheckError(
      `the clone is shallow, so the last commit of ${file} is unknown: check out with fetch-depth: 0`
    )
  return { sha, date: new Date(Number(ct) * 1000) }
}
