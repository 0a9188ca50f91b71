import type { Checklist, Item } from '../checklist/types.js'
import type { GateEvent } from '../event.js'
import type { CommitRef } from '../git.js'
import type { GitHubClient } from '../github/types.js'
import type { Workspace } from '../workspace.js'

export type Status = 'pass' | 'fail' | 'pending' | 'error' | 'skipped' | 'waived'
export const STATUSES: readonly Status[] = ['pass', 'fail', 'pending', 'error', 'skipped', 'waived']

/** A place in the repository worth pointing at (shown as a workflow annotation). */
export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  /** repository-relative path */
  file: string
  line?: number
  endLine?: number
  title?: string
  message: string
}

/** What a check returns. A check that cannot run throws (CheckError) instead. */
export interface Outcome {
  status: Exclude<Status, 'skipped' | 'waived'>
  /** one line a person can act on */
  summary: string
  details?: Record<string, unknown>
  annotations?: Annotation[]
}

// GateEvent moved to src/event.ts; re-exported for branches written before the move (remove after merge)
export type { GateEvent, PullRequestInfo } from '../event.js'

/** The policy commit (the default branch's tip) and the suppressions it holds; absent in local runs. */
export interface PolicyContext {
  sha: string
  /** a file of the policy commit, read as a blob (path relative to the working directory) */
  file(path: string): Promise<string | undefined>
  /** role whose approval a change of policy needs */
  owner: string
  /** whether the policy owner approved the gated commit (an approving review of the PR head) */
  approved(): Promise<boolean>
}

/** git in the repository: the only way a kind reaches it (the real one: `gitPort` in src/git.ts). */
export interface GitPort {
  /** runs git with `args` in the workspace root: its standard output, or a CheckError with git's own words */
  run(args: string[], options?: { signal?: AbortSignal; maxBuffer?: number }): Promise<string>
  /** the commit that last changed each file (one walk of the history, shared by the run's items) */
  lastCommits(files: string[], signal?: AbortSignal): Promise<Map<string, CommitRef | undefined>>
}

/** A tool run in the audit sandbox: what it is given, never where it runs or what it sees beside. */
export interface SandboxedRun {
  /** the tool (`npm`, `yarn`, `pnpm`, `osv-scanner`...) and its arguments */
  file: string
  args: string[]
  /** repository-relative files the tool needs, copied (regular files only) into an empty folder it runs in */
  inputs: string[]
  workspace: Workspace
  signal: AbortSignal
  timeoutMs: number
  /** extra variables for the tool (after the safe defaults; never a token) */
  env?: Record<string, string>
}

export interface ToolRun {
  /** the command line, for messages (`npm audit --json`) */
  command: string
  stdout: string
  stderr: string
  code: number | null
}

/** The audit tools (npm/yarn/pnpm audit): the real one is `sandboxedTools` in src/audit-sandbox.ts. */
export interface ToolPort {
  /** the registry audits go to (named on the tool's command line) */
  registry: string
  run(run: SandboxedRun): Promise<ToolRun>
}

export interface CheckContext {
  workspace: Workspace
  /** git in the workspace (history, tracked files, diffs) */
  git: GitPort
  /** the audit tools, run in their sandbox */
  tools: ToolPort
  checklist: Checklist
  event: GateEvent
  /** absent when GITHUB_TOKEN / GITHUB_REPOSITORY are not set */
  github?: GitHubClient
  now(): Date
  /** waits between evaluations (the gate's default really waits; tests pass their own) */
  sleep?(ms: number, signal?: AbortSignal): Promise<void>
  /** the environment `${env:NAME}` reads (prometheus headers); absent: nothing can be read */
  env?: Readonly<Record<string, string | undefined>>
  /** aborted when the item's timeout runs out */
  signal: AbortSignal
  /** set in Actions: suppressions (secrets baseline, inline allow markers) count from here */
  policy?: PolicyContext
  /**
   * set when the working tree is not the gated commit (a comment event with the default branch checked
   * out): kinds that read files are `error` with this message instead of judging another commit
   */
  treeProblem?: string
}

// Options come validated by the schema, so each kind narrows them to its own type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Check<O = any> = (options: O, item: Item, ctx: CheckContext) => Promise<Outcome>

export type OptionPath = (string | number)[]

/** What a kind's options must satisfy beyond its schema; the checklist loader applies it (checklist/load.ts). */
export interface KindSpec {
  /** options that name files in the repository (paths or globs): they must stay inside it */
  paths?: string[]
  /** values of those options that are words, not paths (licenses: `auto`) */
  pathWords?: string[]
  /** path options that are globs: an interpolated `${release}` is literal text there */
  globs?: string[]
  /** options that are URLs: an interpolated `${release}` is one encoded path segment, never the host */
  urls?: string[]
  /** options that are regular expressions (or lists of them): they must be valid and safe */
  regexes?: string[]
  /** options that are durations (`7d`): longer than 0, at most 3650d */
  durations?: string[]
  /** options that name roles of the checklist (or lists of them): the roles must be defined */
  roles?: string[]
  /** what `with` must give, said when it is missing (`url`, `file, and assert or schema`) */
  needs?: string
  /** the rest, as code: `at()` is the item's `with`, `at('x', 0)` a place inside it */
  validate?(with_: Record<string, unknown>, v: SpecContext): void
}

export interface SpecContext {
  at(...rest: OptionPath): OptionPath
  /** `key`: the problem is the option's name itself (located at the key, not its value) */
  report(place: OptionPath, message: string, key?: boolean): void
  /** the item's timeout in seconds (what a repeated evaluation must fit in) */
  timeout: number
  /** the checklist's roles, by id (a Map: ids are user-given) */
  roles: Map<string, { users: unknown; teams: unknown }>
}
