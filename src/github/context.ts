import { readFile } from 'node:fs/promises'
import type { GateEvent, PullRequestInfo } from '../event.js'
import { defaultBranch, getPullRequest, pullsOfCommit, type PullRequest } from './reads.js'
import type { GitHubClient } from './types.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

const ZERO_SHA = /^0{40}$/

function prInfo(pr: any): PullRequestInfo {
  const headRepo = pr.head?.repo?.full_name
  const baseRepo = pr.base?.repo?.full_name
  return {
    number: pr.number,
    headSha: pr.head?.sha,
    headRef: pr.head?.ref,
    baseSha: pr.base?.sha,
    baseRef: pr.base?.ref,
    author: pr.user?.login,
    // a deleted head repository is a fork that is gone: treat it as foreign
    fork: Boolean(baseRepo && headRepo !== baseRepo)
  }
}

function refParts(ref: string | undefined): { branch?: string; tag?: string } {
  if (!ref) return {}
  if (ref.startsWith('refs/heads/')) return { branch: ref.slice('refs/heads/'.length) }
  if (ref.startsWith('refs/tags/')) return { tag: ref.slice('refs/tags/'.length) }
  return {}
}

/** The PR a commit belongs to: an open one whose head it is, else any open one, else the merged one. */
function pickPull(pulls: PullRequest[], sha: string): PullRequest | undefined {
  return (
    pulls.find(p => p.state === 'open' && p.head.sha === sha) ??
    pulls.find(p => p.state === 'open') ??
    pulls[0]
  )
}

/**
 * What is being gated, from the runner's environment and the event payload. Only the payload and the
 * API are read: on `pull_request_target` no code of the PR head is checked out or run.
 */
export async function readEventContext(env: NodeJS.ProcessEnv, github?: GitHubClient): Promise<GateEvent> {
  const name = env.GITHUB_EVENT_NAME || 'local'
  let payload: any = {}
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) ?? {}
    } catch {
      payload = {}
    }
  }
  const [owner, repo] = (env.GITHUB_REPOSITORY || payload.repository?.full_name || '').split('/')
  const event: GateEvent = {
    name,
    sha: env.GITHUB_SHA || undefined,
    ref: env.GITHUB_REF || undefined,
    repository: owner && repo ? { owner, repo } : undefined,
    actor: env.GITHUB_ACTOR || payload.sender?.login,
    job: env.GITHUB_JOB || undefined,
    defaultBranch:
      typeof payload.repository?.default_branch === 'string' ? payload.repository.default_branch : undefined,
    runUrl:
      env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${env.GITHUB_SERVER_URL || 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined
  }
  Object.assign(event, refParts(event.ref))

  const fromPull = (pr: any) => {
    event.pr = prInfo(pr)
    event.sha = event.pr.headSha ?? event.sha
    event.branch = event.pr.baseRef
    event.tag = undefined
  }
  // the PR of a commit, when the API can tell (push, dispatch, release, deployment)
  const lookUpPull = async (sha: string | undefined) => {
    if (!github || !sha || ZERO_SHA.test(sha)) return
    try {
      const pr = pickPull(await pullsOfCommit(github, sha), sha)
      if (pr) event.pr = prInfo(pr)
    } catch {
      // without the PR, attestations and sign-offs stay pending: the gate cannot pass by it
    }
  }

  switch (name) {
    case 'pull_request':
    case 'pull_request_target':
    case 'pull_request_review':
    case 'pull_request_review_comment':
      if (payload.pull_request) fromPull(payload.pull_request)
      break
    case 'issue_comment':
      // the payload holds the issue only: the PR (head, base, fork) comes from the API
      if (payload.issue?.pull_request && github) fromPull(await getPullRequest(github, payload.issue.number))
      break
    case 'merge_group': {
      const group = payload.merge_group ?? {}
      event.sha = group.head_sha ?? event.sha
      event.ref = group.head_ref ?? event.ref
      event.branch = refParts(group.base_ref).branch
      event.tag = undefined
      // gh-readonly-queue/main/pr-104-<sha>: the PR being merged
      const number = /\/pr-(\d+)-[0-9a-f]+$/.exec(group.head_ref ?? '')?.[1]
      if (number && github) {
        event.pr = prInfo(await getPullRequest(github, Number(number)))
      }
      break
    }
    case 'push':
      if (payload.after && !ZERO_SHA.test(payload.after)) event.sha = payload.after
      Object.assign(event, refParts(payload.ref ?? event.ref))
      await lookUpPull(event.sha)
      break
    case 'release':
      if (payload.release?.tag_name) {
        event.tag = payload.release.tag_name
        event.branch = undefined
      }
      await lookUpPull(event.sha)
      break
    case 'deployment': {
      const d = payload.deployment ?? {}
      event.sha = d.sha ?? event.sha
      if (event.ref?.startsWith('refs/')) Object.assign(event, refParts(event.ref))
      else if (typeof d.ref === 'string' && d.ref !== d.sha) {
        const parts = refParts(d.ref.startsWith('refs/') ? d.ref : `refs/heads/${d.ref}`)
        event.branch = parts.branch
        event.tag = parts.tag
      }
      await lookUpPull(event.sha)
      break
    }
    case 'workflow_run': {
      // the run that finished: its commit is gated, its PR (same repository only) comes from the API
      const run = payload.workflow_run ?? {}
      if (typeof run.head_sha === 'string') event.sha = run.head_sha
      event.branch = typeof run.head_branch === 'string' ? run.head_branch : undefined
      event.tag = undefined
      const number = run.pull_requests?.[0]?.number
      if (typeof number === 'number' && github) {
        const sha = event.sha
        fromPull(await getPullRequest(github, number))
        // the PR moved on since the run: the run's commit is gated, without the PR's people
        if (sha && event.pr?.headSha !== sha) {
          event.sha = sha
          event.pr = undefined
        }
      } else await lookUpPull(event.sha)
      break
    }
    case 'workflow_dispatch':
      Object.assign(event, refParts(payload.ref ?? event.ref))
      await lookUpPull(event.sha)
      break
  }
  return event
}

/**
 * A pull request gated from outside Actions (`check --repo OWNER/NAME --pr N`): the event the action
 * would see on `pull_request`, built from the API (head, base, author, fork, the default branch).
 */
export async function pullRequestEvent(github: GitHubClient, number: number): Promise<GateEvent> {
  const pr = prInfo(await getPullRequest(github, number))
  return {
    name: 'pull_request',
    sha: pr.headSha,
    ref: `refs/pull/${number}/head`,
    branch: pr.baseRef,
    repository: { owner: github.owner, repo: github.repo },
    pr,
    defaultBranch: await defaultBranch(github)
  }
}
