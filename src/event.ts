// What is being gated, read from the GitHub event (github/context.ts) or the local repository (the CLI).

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
  /** the repository's default branch, from the event payload (where the policy is read from) */
  defaultBranch?: string
}
