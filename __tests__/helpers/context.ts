import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Checklist } from '../../src/checklist/types.js'
import type { CheckContext } from '../../src/checks/types.js'
import type { GateEvent } from '../../src/event.js'
import { sandboxedTools } from '../../src/audit-sandbox.js'
import { gitPort } from '../../src/git.js'
import { Workspace } from '../../src/workspace.js'

/** A temporary directory holding the given files (paths relative to it). */
export function tempTree(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'glg-test-'))
  writeFiles(dir, files)
  return dir
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    writeFileSync(path.join(dir, rel), content)
  }
}

export function gitIn(dir: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.invalid',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.invalid',
      ...env
    }
  })
}

/** A git repository; each commit is made at the given date. */
export function tempRepo(commits: { date: Date; files: Record<string, string> }[]): string {
  const dir = tempTree()
  gitIn(dir, ['init', '-q', '-b', 'main'])
  for (const c of commits) {
    writeFiles(dir, c.files)
    gitIn(dir, ['add', '-A'])
    const date = c.date.toISOString()
    gitIn(dir, ['commit', '-q', '-m', `at ${date}`], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date })
  }
  return dir
}

export function emptyChecklist(overrides: Partial<Checklist> = {}): Checklist {
  return { path: '.github/go-live.yml', name: 'Test', roles: {}, sections: [], items: [], ...overrides }
}

/** A clock that stands still until a check sleeps: `sleep` moves it on at once, no real waiting. */
export function fakeClock(start: Date | string | number = Date.now()): Pick<CheckContext, 'now' | 'sleep'> & {
  slept: number[]
} {
  let t = new Date(start).getTime()
  const slept: number[] = []
  return {
    slept,
    now: () => new Date(t),
    sleep: async (ms: number) => {
      slept.push(ms)
      t += ms
      await new Promise(resolve => setImmediate(resolve))
    }
  }
}

/** The real effects a run hands its checks in `root`: git, and the audit tools in their sandbox. */
export function ports(root: string): Pick<CheckContext, 'git' | 'tools'> {
  return { git: gitPort(root), tools: sandboxedTools() }
}

export function context(
  root: string,
  overrides: Partial<CheckContext> & { event?: GateEvent } = {}
): CheckContext {
  const { now, sleep } = fakeClock()
  return {
    workspace: new Workspace(root),
    ...ports(root),
    checklist: emptyChecklist(),
    event: { name: 'local' },
    now,
    sleep,
    signal: new AbortController().signal,
    ...overrides
  }
}

export const DAY = 86400 * 1000
