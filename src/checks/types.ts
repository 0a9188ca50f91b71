import type { Checklist, Item } from '../checklist/types.js'
import type { GitHubClient } from '../github/types.js'
import type { Workspace } from '../workspace.js'

export type Status = 'pass' | 'fail' | 'pending' | 'error' | 'skipped'
export const STATUSES: readonly Status[] = ['pass', 'fail', 'pending', 'error', 'skipped']

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
  status: Exclude<Status, 'skipped'>
  /** one line a person can act on */
  summary: string
  details?: Record<string, unknown>
  annotations?: Annotation[]
}

export interface PullRequestInfo {
  number: number
  headSha: string
  headRef: string
  baseSha: string
  baseRef: string
  author: string
  fork: boolean
}

/** What is being gated: the event, the commit and, on pull requests, the PR. */
export interface GateEvent {
  /** GitHub event name (`pull_request`, `push`, ...) or `local` for the CLI outside Actions */
  name: string
  /** the commit being gated (the PR head on pull requests) */
  sha?: string
  ref?: string
  /** branch `when.branches` is matched against: the base branch on pull requests, else the branch pushed */
  branch?: string
  tag?: string
  pr?: PullRequestInfo
  repository?: { owner: string; repo: string }
  actor?: string
  /** link to the workflow run, when in Actions */
  runUrl?: string
  /** the job running the gate, excluded from `ci-status` */
  job?: string
  /** the commit status the gate publishes (input `status-context`), excluded from `ci-status` */
  statusContext?: string
}

export interface CheckContext {
  workspace: Workspace
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
}

// Options come validated by the schema, so each kind narrows them to its own type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Check<O = any> = (options: O, item: Item, ctx: CheckContext) => Promise<Outcome>
