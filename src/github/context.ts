import { readFile } from 'node:fs/promises'
import type { GateEvent } from '../checks/types.js'
import type { GitHubClient } from './types.js'

/** What is being gated, from the runner's environment and the event payload. */
export async function readEventContext(env: NodeJS.ProcessEnv, _github?: GitHubClient): Promise<GateEvent> {
  const name = env.GITHUB_EVENT_NAME || 'local'
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let payload: any = {}
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8'))
    } catch {
      payload = {}
    }
  }
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  const event: GateEvent = {
    name,
    sha: env.GITHUB_SHA,
    ref: env.GITHUB_REF,
    repository: owner && repo ? { owner, repo } : undefined,
    actor: env.GITHUB_ACTOR,
    job: env.GITHUB_JOB,
    runUrl:
      env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined
  }
  const pr = payload.pull_request
  if (pr) {
    event.pr = {
      number: pr.number,
      headSha: pr.head?.sha,
      headRef: pr.head?.ref,
      baseSha: pr.base?.sha,
      baseRef: pr.base?.ref,
      author: pr.user?.login,
      fork: Boolean(pr.head?.repo && pr.base?.repo && pr.head.repo.full_name !== pr.base.repo.full_name)
    }
    event.sha = pr.head?.sha ?? event.sha
    event.branch = pr.base?.ref
  } else if (env.GITHUB_REF?.startsWith('refs/heads/')) {
    event.branch = env.GITHUB_REF.slice('refs/heads/'.length)
  } else if (env.GITHUB_REF?.startsWith('refs/tags/')) {
    event.tag = env.GITHUB_REF.slice('refs/tags/'.length)
  }
  return event
}
