import { mkdtempSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readEventContext } from '../../src/github/context.js'
import { clientOf, fakeToken } from '../emulator/context.js'
import { BASE, HEAD, releaseState } from '../emulator/fixtures.js'
import { startEmulator, type Emulator } from '../emulator/server.js'

/* eslint-disable @typescript-eslint/no-explicit-any */
const examples: { name: string; examples: any[] }[] = createRequire(import.meta.url)(
  '@octokit/webhooks-examples'
)
const payload = (name: string, action?: string) =>
  structuredClone(
    examples.find(e => e.name === name)!.examples.find(x => action === undefined || x.action === action)
  )

function envFor(name: string, body: any, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'glg-ev-')), 'event.json')
  writeFileSync(file, JSON.stringify(body))
  return {
    GITHUB_EVENT_NAME: name,
    GITHUB_EVENT_PATH: file,
    GITHUB_REPOSITORY: 'acme/trading',
    GITHUB_SHA: 'f'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '1',
    GITHUB_JOB: 'gate',
    ...extra
  }
}

describe('event context', () => {
  let gh: Emulator
  let token: string
  beforeAll(async () => {
    gh = await startEmulator(releaseState())
    token = fakeToken()
    gh.tokens.set(token, 'read')
  })
  afterAll(() => gh.close())

  it('pull_request: the PR head is the commit, the base branch is the branch, a fork is told', async () => {
    const p = payload('pull_request', 'opened')
    const e = await readEventContext(envFor('pull_request', p))
    expect(e).toMatchObject({
      name: 'pull_request',
      sha: p.pull_request.head.sha,
      branch: 'master',
      job: 'gate',
      runUrl: 'https://github.com/acme/trading/actions/runs/1',
      pr: { number: 2, baseRef: 'master', author: 'Codertocat', fork: false }
    })
    p.pull_request.head.repo.full_name = 'mallory/Hello-World'
    expect((await readEventContext(envFor('pull_request_target', p))).pr?.fork).toBe(true)
  })

  it('pull_request_review carries the PR too', async () => {
    const p = payload('pull_request_review', 'submitted')
    const e = await readEventContext(envFor('pull_request_review', p))
    expect(e.pr?.number).toBe(2)
    expect(e.sha).toBe(p.pull_request.head.sha)
  })

  it('issue_comment on a PR fetches the PR; on an issue there is none', async () => {
    const p = payload('issue_comment', 'created')
    expect((await readEventContext(envFor('issue_comment', p), clientOf(gh, token))).pr).toBeUndefined()
    p.issue.number = 7
    p.issue.pull_request = { url: 'x' }
    const e = await readEventContext(envFor('issue_comment', p), clientOf(gh, token))
    expect(e).toMatchObject({
      sha: HEAD,
      branch: 'main',
      pr: { number: 7, headSha: HEAD, baseSha: BASE, author: 'dev' }
    })
  })

  it('push: the pushed commit and branch, and the PR of the commit when a client can tell', async () => {
    const p = payload('push')
    p.ref = 'refs/heads/release/v1'
    p.after = HEAD
    const e = await readEventContext(envFor('push', p), clientOf(gh, token))
    expect(e).toMatchObject({ sha: HEAD, branch: 'release/v1', pr: { number: 7 } })
    const tag = await readEventContext(
      envFor('push', payload('push'), { GITHUB_REF: 'refs/tags/simple-tag' })
    )
    expect(tag.tag).toBe('simple-tag')
    expect(tag.branch).toBeUndefined()
    expect(tag.pr).toBeUndefined()
  })

  it('merge_group: the queue commit, the base branch and the PR being merged', async () => {
    const p = payload('merge_group')
    p.merge_group.head_ref = `refs/heads/gh-readonly-queue/main/pr-7-${HEAD}`
    const e = await readEventContext(envFor('merge_group', p), clientOf(gh, token))
    expect(e).toMatchObject({ sha: p.merge_group.head_sha, branch: 'main', pr: { number: 7 } })
  })

  it('workflow_dispatch, release and deployment', async () => {
    const d = await readEventContext(envFor('workflow_dispatch', payload('workflow_dispatch')))
    expect(d).toMatchObject({ branch: 'main', sha: 'f'.repeat(40) })
    const r = await readEventContext(
      envFor('release', payload('release', 'published'), { GITHUB_REF: 'refs/tags/0.0.1' })
    )
    expect(r.tag).toBe('0.0.1')
    expect(r.branch).toBeUndefined()
    const dep = payload('deployment')
    const e = await readEventContext(envFor('deployment', dep, { GITHUB_REF: '' }))
    expect(e).toMatchObject({ sha: dep.deployment.sha, branch: 'master' })
  })

  it("workflow_run: the run's commit, its PR when the PR is still at that commit, the default branch", async () => {
    const p = payload('workflow_run', 'completed')
    p.workflow_run.head_sha = HEAD
    p.workflow_run.head_branch = 'release/v0.5.0'
    p.workflow_run.pull_requests = [{ number: 7 }]
    p.repository.default_branch = 'main'
    const e = await readEventContext(envFor('workflow_run', p), clientOf(gh, token))
    expect(e).toMatchObject({
      sha: HEAD,
      branch: 'main',
      defaultBranch: 'main',
      pr: { number: 7, headSha: HEAD }
    })
    p.workflow_run.head_sha = 'c'.repeat(40)
    const moved = await readEventContext(envFor('workflow_run', p), clientOf(gh, token))
    expect(moved.sha).toBe('c'.repeat(40))
    expect(moved.pr).toBeUndefined()
  })
})
