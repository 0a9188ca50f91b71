import { CheckError } from '../errors.js'
import { apiError, call, statusOf } from './api-errors.js'
import type { GitHubClient } from './types.js'

// Reads that several items need (reviews, comments, permissions, team members) are fetched once per
// run and shared: the cache lives as long as the client, and a failed read is forgotten so the next
// item asks again instead of inheriting the failure.
const caches = new WeakMap<GitHubClient, Map<string, Promise<unknown>>>()

function once<T>(gh: GitHubClient, key: string, load: () => Promise<T>): Promise<T> {
  let cache = caches.get(gh)
  if (!cache) caches.set(gh, (cache = new Map()))
  const hit = cache.get(key)
  if (hit) return hit as Promise<T>
  const p = load()
  cache.set(key, p)
  p.catch(() => cache.delete(key))
  return p
}

/** Drops a cached read (ci-status polls the checks again while it waits). */
export function forget(gh: GitHubClient, key: string): void {
  caches.get(gh)?.delete(key)
}

const repo = (gh: GitHubClient) => ({ owner: gh.owner, repo: gh.repo })

export interface PullRequest {
  number: number
  state: string
  user: { login: string } | null
  head: { sha: string; ref: string; repo: { full_name: string } | null }
  base: { sha: string; ref: string; repo: { full_name: string } }
  updated_at: string
}

export function getPullRequest(gh: GitHubClient, number: number): Promise<PullRequest> {
  return once(gh, `pr:${number}`, () =>
    call(`read pull request #${number}`, 'pull-requests: read', async () => {
      const { data } = await gh.octokit.rest.pulls.get({ ...repo(gh), pull_number: number })
      return data as PullRequest
    })
  )
}

export interface Review {
  id: number
  user: { login: string; id?: number } | null
  state: string
  commit_id: string | null
  submitted_at?: string
}

export function listReviews(gh: GitHubClient, number: number): Promise<Review[]> {
  return once(gh, `reviews:${number}`, () =>
    call(`list the reviews of PR #${number}`, 'pull-requests: read', async () => {
      const data = await gh.octokit.paginate(gh.octokit.rest.pulls.listReviews, {
        ...repo(gh),
        pull_number: number,
        per_page: 100
      })
      return data as Review[]
    })
  )
}

export interface IssueComment {
  id: number
  body?: string
  user: { login: string; id?: number; type?: string } | null
  created_at: string
  updated_at: string
  html_url: string
}

export function listComments(gh: GitHubClient, number: number): Promise<IssueComment[]> {
  return once(gh, `comments:${number}`, () =>
    call(`list the comments of PR #${number}`, 'pull-requests: read', async () => {
      const data = await gh.octokit.paginate(gh.octokit.rest.issues.listComments, {
        ...repo(gh),
        issue_number: number,
        per_page: 100
      })
      return data as IssueComment[]
    })
  )
}

/** `admin`, `maintain`, `write`, `triage`, `read` or `none` (not a collaborator). */
export function collaboratorPermission(gh: GitHubClient, login: string): Promise<string> {
  return once(gh, `perm:${login.toLowerCase()}`, () =>
    call(`read the repository permission of ${login}`, 'metadata: read', async () => {
      try {
        const { data } = await gh.octokit.rest.repos.getCollaboratorPermissionLevel({
          ...repo(gh),
          username: login
        })
        const role = (data as { role_name?: string }).role_name
        return role && ['admin', 'maintain', 'write', 'triage', 'read'].includes(role)
          ? role
          : data.permission
      } catch (e) {
        // GitHub answers 404 for someone who is not a collaborator at all
        if (statusOf(e) === 404) return 'none'
        throw e
      }
    })
  )
}

/** Logins (lower-cased) of the members of `org/team-slug`, child teams included as GitHub lists them. */
export function teamMembers(gh: GitHubClient, team: string): Promise<Set<string>> {
  const [org, slug] = team.split('/')
  return once(gh, `team:${team.toLowerCase()}`, () =>
    call(`list the members of team ${team}`, 'read:org (members: read)', async () => {
      const data = await gh.octokit.paginate(gh.octokit.rest.teams.listMembersInOrg, {
        org,
        team_slug: slug,
        per_page: 100
      })
      return new Set(data.map(u => u.login.toLowerCase()))
    })
  )
}

export interface CheckRun {
  id: number
  name: string
  status: string
  conclusion: string | null
  html_url?: string | null
  started_at?: string | null
  app?: { id: number; slug?: string } | null
  check_suite?: { id: number } | null
}

export function listCheckRuns(gh: GitHubClient, sha: string, signal?: AbortSignal): Promise<CheckRun[]> {
  return once(gh, `checks:${sha}`, () =>
    call(`list the check runs of ${sha.slice(0, 7)}`, 'checks: read', async () => {
      const data = await gh.octokit.paginate(gh.octokit.rest.checks.listForRef, {
        ...repo(gh),
        ref: sha,
        // every run, not GitHub's latest-per-name: a look-alike run must not hide a failing one
        filter: 'all',
        per_page: 100,
        request: { signal }
      })
      return data as CheckRun[]
    })
  )
}

export interface CommitStatus {
  id: number
  context: string
  state: string
  target_url: string | null
  created_at: string
  creator?: { login: string } | null
}

/**
 * Commit statuses of a SHA, newest first (GitHub's order): the newest of each context per creator, so a
 * later status of the same name posted by someone else cannot hide a failing one.
 */
export function listStatuses(gh: GitHubClient, sha: string, signal?: AbortSignal): Promise<CommitStatus[]> {
  return once(gh, `statuses:${sha}`, () =>
    call(`list the commit statuses of ${sha.slice(0, 7)}`, 'statuses: read', async () => {
      const data = (await gh.octokit.paginate(gh.octokit.rest.repos.listCommitStatusesForRef, {
        ...repo(gh),
        ref: sha,
        per_page: 100,
        request: { signal }
      })) as CommitStatus[]
      const seen = new Set<string>()
      const key = (s: CommitStatus) => `${s.context}\u0000${s.creator?.login ?? ''}`
      return data.filter(s => !seen.has(key(s)) && seen.add(key(s)))
    })
  )
}

export interface WorkflowRun {
  id: number
  conclusion: string | null
  status: string | null
  created_at: string
  html_url: string
  head_branch: string | null
  head_sha: string
  event?: string
  head_repository?: { full_name: string } | null
}

/** The newest completed runs of a workflow file (one page, newest first), on a branch when given. */
export function latestRuns(gh: GitHubClient, workflow: string, branch?: string): Promise<WorkflowRun[]> {
  return once(gh, `run:${workflow}:${branch ?? ''}`, () =>
    call(`list the runs of workflow ${workflow}`, 'actions: read', async () => {
      const { data } = await gh.octokit.rest.actions.listWorkflowRuns({
        ...repo(gh),
        workflow_id: workflow,
        ...(branch ? { branch } : {}),
        status: 'completed',
        per_page: 30
      })
      return data.workflow_runs as WorkflowRun[]
    })
  )
}

/**
 * When `sha` was last pushed to `branch` of this repository (the repository activity API: the time
 * GitHub received the push, which no one can set), or undefined when no push of it is listed.
 */
interface PushActivity {
  after: string
  timestamp?: string
  actor?: { login: string; id?: number } | null
}

/** The pushes to `branch` of this repository, newest first (the repository activity API). */
function pushes(gh: GitHubClient, branch: string): Promise<PushActivity[]> {
  return once(gh, `pushes:${branch}`, () =>
    call(`list the pushes to ${branch}`, 'contents: read', async () => {
      return (await gh.octokit.paginate(gh.octokit.rest.repos.listActivities, {
        ...repo(gh),
        ref: `refs/heads/${branch}`,
        direction: 'desc',
        per_page: 100
      })) as PushActivity[]
    })
  )
}

export async function pushedAt(gh: GitHubClient, branch: string, sha: string): Promise<Date | undefined> {
  const times = (await pushes(gh, branch))
    .filter(a => a.after === sha && a.timestamp)
    .map(a => new Date(a.timestamp!).getTime())
    .filter(t => !Number.isNaN(t))
  return times.length ? new Date(Math.max(...times)) : undefined
}

/** Who pushed `sha` to `branch` (the latest push of it), or undefined when no push of it is listed. */
export async function pusherOf(gh: GitHubClient, branch: string, sha: string): Promise<string | undefined> {
  const push = (await pushes(gh, branch)).find(a => a.after === sha && a.actor?.login)
  return push?.actor?.login
}

/** The repository's default branch. */
export function defaultBranch(gh: GitHubClient): Promise<string> {
  return once(gh, 'repo', () =>
    call(`read the repository ${gh.owner}/${gh.repo}`, 'metadata: read', async () => {
      const { data } = await gh.octokit.rest.repos.get(repo(gh))
      return data.default_branch
    })
  )
}

/** A branch's tip commit and whether it is protected. */
export function branchTip(gh: GitHubClient, branch: string): Promise<{ sha: string; protected: boolean }> {
  return once(gh, `branch:${branch}`, () =>
    call(`read branch ${branch}`, 'contents: read', async () => {
      const { data } = await gh.octokit.rest.repos.getBranch({ ...repo(gh), branch })
      return { sha: data.commit.sha, protected: Boolean(data.protected) }
    })
  )
}

/**
 * The login the token acts as: GET /user, or `github-actions[bot]` for the workflow token (which may
 * not read /user).
 */
export function tokenLogin(gh: GitHubClient): Promise<string> {
  return once(gh, 'whoami', async () => {
    try {
      const { data } = await gh.octokit.rest.users.getAuthenticated()
      return data.login
    } catch (e) {
      const status = statusOf(e)
      if (status === 403 || status === 404) return 'github-actions[bot]'
      throw apiError(e, 'read who the token is', 'none')
    }
  })
}

/** Files over this are not read through the API: a checklist or workflow is never that large. */
export const MAX_BLOB = 2 * 1024 * 1024

/**
 * A file's text at a commit, read as a blob through the API (never a checked-out path), or undefined when
 * it does not exist there. A symbolic link or submodule at the path is an error: links are never followed.
 */
export function fileAt(gh: GitHubClient, path: string, ref: string): Promise<string | undefined> {
  return once(gh, `file:${ref}:${path}`, () =>
    call(`read ${path} at ${ref.slice(0, 12)}`, 'contents: read', async () => {
      let data
      try {
        data = (await gh.octokit.rest.repos.getContent({ ...repo(gh), path, ref })).data
      } catch (e) {
        if (statusOf(e) === 404) return undefined
        throw e
      }
      if (Array.isArray(data)) return undefined
      if (data.type !== 'file')
        throw new CheckError(
          `${path} at ${ref.slice(0, 7)} is a ${data.type === 'symlink' ? 'symbolic link' : data.type}, not a file: the gate does not follow links`
        )
      if (data.size > MAX_BLOB)
        throw new CheckError(`${path} at ${ref.slice(0, 7)} is over ${MAX_BLOB / 1024 / 1024} MB`)
      if ('content' in data && data.encoding === 'base64')
        return Buffer.from(data.content, 'base64').toString('utf8')
      throw new CheckError(`${path} at ${ref.slice(0, 7)}: GitHub sent no content`)
    })
  )
}

export interface TreeEntry {
  name: string
  path: string
  /** blob sha */
  sha: string
  type: string
}

/** The entries of a folder at a commit, or undefined when there is no such folder. */
export function folderAt(gh: GitHubClient, path: string, ref: string): Promise<TreeEntry[] | undefined> {
  return once(gh, `folder:${ref}:${path}`, () =>
    call(`list ${path} at ${ref.slice(0, 12)}`, 'contents: read', async () => {
      try {
        const { data } = await gh.octokit.rest.repos.getContent({ ...repo(gh), path, ref })
        if (!Array.isArray(data)) return undefined
        return data.map(e => ({ name: e.name, path: e.path, sha: e.sha, type: e.type }))
      } catch (e) {
        if (statusOf(e) === 404) return undefined
        throw e
      }
    })
  )
}

/** The pull requests a commit belongs to (open ones first). */
export function pullsOfCommit(gh: GitHubClient, sha: string): Promise<PullRequest[]> {
  return once(gh, `pulls-of:${sha}`, () =>
    call(`find the pull request of ${sha.slice(0, 7)}`, 'pull-requests: read', async () => {
      const { data } = await gh.octokit.rest.repos.listPullRequestsAssociatedWithCommit({
        ...repo(gh),
        commit_sha: sha,
        per_page: 100
      })
      return data as PullRequest[]
    })
  )
}
