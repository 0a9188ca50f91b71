import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { BASE, HEAD } from '../emulator/fixtures.js'
import type { Emulator } from '../emulator/server.js'
import { RELEASE_CHECKLIST as CHECKLIST, startRelease } from './release.js'
import { cleanup, DIST, payload, prPayload, runAction, runActionHere, type Run } from './harness.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/* eslint-disable @typescript-eslint/no-explicit-any */

// The action against the emulator (./harness.ts): the runner's variables, real webhook payload shapes, and
// GITHUB_API_URL pointing at the emulator; each kind of event through the bundle in a child process, as the
// runner runs it, the variants through the action's code in this process.

describe('the action against the GitHub API emulator', () => {
  let gh: Emulator
  let token: string
  beforeAll(() => {
    if (!existsSync(DIST))
      execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'ignore' })
  }, 120_000)
  afterEach(async () => {
    cleanup()
    await gh?.close()
  })

  async function setup(mutate?: (e: Emulator) => void) {
    ;({ gh, token } = await startRelease(CHECKLIST, 'stakeholders-notified'))
    mutate?.(gh)
  }

  // each kind of event once through the bundle, as the runner runs it; the variants run the action's code in
  // this process (harness.ts runActionHere; action-here.test.ts shows both ways give the same run)
  const run = (
    eventName: string,
    event: any,
    env: Record<string, string> = {},
    checklist = CHECKLIST,
    how: 'here' | 'bundle' = 'here'
  ): Promise<Run> =>
    (how === 'bundle' ? runAction : runActionHere)(gh, token, {
      eventName,
      event,
      files: { '.github/go-live.yml': checklist },
      env
    })
  const posted = () => gh.state.comments.filter(c => c.bot)
  const writes = () => gh.requests.filter(r => r.method !== 'GET')

  it('a release PR: every GitHub kind passes; comment and status posted; a small fixed number of requests', async () => {
    await setup()
    const r = await run('pull_request', prPayload(), {}, CHECKLIST, 'bundle')
    // the token is only handed to the runner to mask, never printed
    expect(r.stdout.replace(/^::add-mask::.*$/m, '')).not.toContain(token)
    expect(r.code).toBe(0)
    expect(r.outputs).toMatchObject({ result: 'pass', 'blocking-failures': '0' })
    expect(r.summary).toContain('Mech-Exo Trading System')
    expect(r.summary).toMatch(/attested by bob/)
    expect(posted()).toHaveLength(1)
    expect(posted()[0].body).toContain('<!-- go-live-gate:comment -->')
    expect(gh.state.statuses[HEAD][0]).toMatchObject({
      context: 'go-live',
      state: 'success',
      target_url: 'https://github.com/acme/trading/actions/runs/4242'
    })
    const routes = gh.requests.map(q => q.route).sort()
    console.log(`full gate on a PR, every GitHub kind: ${gh.requests.length} requests\n${routes.join('\n')}`)
    // one read per kind of data, whatever the number of items: the default branch's tip, 2 checklist
    // reads (policy, head), 4 folder listings (workflows and local actions, policy and head), reviews, team members, comments,
    // 1 collaborator permission, the head's push time, check runs, statuses, workflow runs, then the
    // status, who the token is, and the comment
    expect(gh.requests.length).toBe(18)
    expect(gh.violations()).toEqual([])
  })

  it('a second run edits the sticky comment in place', async () => {
    await setup()
    await run('pull_request', prPayload())
    gh.state.checkRuns[HEAD][1].conclusion = 'failure'
    const r = await run('pull_request', prPayload())
    expect(r.code).toBe(1)
    expect(r.outputs.result).toBe('fail')
    expect(posted()).toHaveLength(1)
    expect(writes().map(w => w.route)).toEqual([
      'repos.createCommitStatus',
      'issues.createComment',
      'repos.createCommitStatus',
      'issues.updateComment'
    ])
    expect(gh.state.statuses[HEAD][0].state).toBe('failure')
    expect(posted()[0].body).toContain('test (failure)')
  })

  it('people still to sign: the status is pending and the step fails', async () => {
    await setup(e => (e.state.reviews[7] = []))
    const r = await run('pull_request', prPayload())
    expect(r.code).toBe(1)
    expect(gh.state.statuses[HEAD][0].state).toBe('pending')
    expect(r.summary).toMatch(/waits for approving reviews/)
  })

  it('an attestation comment re-evaluates the gate on issue_comment (the PR is fetched)', async () => {
    await setup(e => (e.state.comments = e.state.comments.filter(c => !c.body.includes('stakeholders'))))
    const first = await run('pull_request', prPayload())
    expect(first.outputs.result).toBe('fail')
    gh.state.comments.push({
      issue: 7,
      login: 'bob',
      body: '/go-live attest stakeholders-notified',
      at: new Date().toISOString()
    })
    const p = payload('issue_comment', 'created')
    p.issue.number = 7
    p.issue.pull_request = { url: 'https://api.github.com/repos/acme/trading/pulls/7' }
    p.comment.body = '/go-live attest stakeholders-notified'
    p.repository.full_name = 'acme/trading'
    const r = await run(
      'issue_comment',
      p,
      { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: BASE },
      CHECKLIST,
      'bundle'
    )
    expect(r.outputs.result).toBe('pass')
    expect(gh.requests.some(q => q.route === 'pulls.get')).toBe(true)
    expect(gh.state.statuses[HEAD][0].state).toBe('success')
    expect(posted()).toHaveLength(1)
  })

  it('a push finds the PR of the commit, and sets the status on the pushed commit', async () => {
    await setup()
    const p = payload('push')
    p.ref = 'refs/heads/main'
    p.after = HEAD
    p.repository.full_name = 'acme/trading'
    const r = await run('push', p, { GITHUB_REF: 'refs/heads/main' }, CHECKLIST, 'bundle')
    expect(r.outputs.result).toBe('pass')
    expect(gh.requests.filter(q => q.route === 'repos.listPullRequestsAssociatedWithCommit')).toHaveLength(1)
    expect(gh.state.statuses[HEAD][0].state).toBe('success')
    // a push is judged by the default branch's checklist, read at its tip
    expect(gh.requests.some(q => q.route === 'repos.getContent' && q.query.ref === BASE)).toBe(true)
  })

  it('a merge-group run gates the queue commit and reads the PR being merged', async () => {
    const MQ = 'c'.repeat(40)
    await setup(e => {
      e.state.checkRuns[MQ] = [{ name: 'build', status: 'completed', conclusion: 'success' }]
    })
    const p = payload('merge_group')
    p.merge_group.head_sha = MQ
    p.merge_group.head_ref = `refs/heads/gh-readonly-queue/main/pr-7-${HEAD}`
    p.merge_group.base_sha = BASE
    p.repository.full_name = 'acme/trading'
    const r = await run(
      'merge_group',
      p,
      { GITHUB_SHA: MQ, GITHUB_REF: p.merge_group.head_ref },
      CHECKLIST,
      'bundle'
    )
    expect(r.outputs.result).toBe('pass')
    expect(gh.requests.find(q => q.route === 'checks.listForRef')?.path).toContain(MQ)
    expect(gh.state.statuses[MQ][0]).toMatchObject({ context: 'go-live', state: 'success' })
  })

  it('a fork PR: no comment, no status, one warning, and the verdict still holds', async () => {
    await setup(e => (e.state.reviews[7] = []))
    gh.tokens.set(token, 'read')
    const r = await run('pull_request', prPayload({ fork: true }), {}, CHECKLIST, 'bundle')
    expect(r.code).toBe(1)
    expect(r.outputs.result).toBe('fail')
    expect(writes()).toEqual([])
    expect(r.stdout.match(/::warning::.*fork/g)).toHaveLength(1)
  })

  it('a read-only token on a same-repo PR: one warning, the verdict still holds', async () => {
    await setup()
    gh.tokens.set(token, 'read')
    const r = await run('pull_request', prPayload())
    expect(r.code).toBe(0)
    expect(r.outputs.result).toBe('pass')
    expect(r.stdout.match(/::warning::.*cannot write/g)).toHaveLength(1)
  })

  it('a PR that lowers the bar in the checklist is judged by the base checklist and needs the policy owner', async () => {
    const weakened = CHECKLIST.replace(
      'roles: [release-manager, security-officer]',
      'roles: [release-manager]'
    ).replace('within: 30d', 'within: 365d')
    await setup(e => {
      e.state.files[HEAD] = { '.github/go-live.yml': weakened }
      e.state.reviews[7] = [{ login: 'alice', state: 'APPROVED', commit: HEAD, at: '2025-03-01T10:00:00Z' }]
    })
    const r = await run('pull_request', prPayload(), {}, weakened)
    expect(r.outputs.result).toBe('fail')
    // the base's sign-off item still wants the Security Officer
    expect(r.summary).toMatch(/1 more from Security Officer/)
    expect(r.summary).toContain('This PR changes the checklist')
    expect(r.summary).toContain('-        with: { roles: [release-manager, security-officer] }')
    // approved by the release manager: the change item itself passes
    expect(r.summary).toMatch(/checklist-change|changes \.github\/go-live\.yml/)
  })

  it('no injected fault becomes a pass: a 5xx and a secondary rate limit are retried', async () => {
    await setup(e => {
      e.fault({ kind: 'server-error', route: 'pulls.listReviews' })
      e.fault({ kind: 'secondary-rate-limit', route: 'checks.listForRef', retryAfter: 1 })
    })
    const r = await run('pull_request', prPayload())
    expect(r.outputs.result).toBe('pass')
    expect(gh.requests.filter(q => q.route === 'pulls.listReviews').map(q => q.status)).toEqual([502, 200])
    expect(gh.requests.filter(q => q.route === 'checks.listForRef').map(q => q.status)).toEqual([403, 200])
  })

  it('a fault that persists is an error, never a pass', async () => {
    await setup(e => e.fault({ kind: 'server-error', route: 'actions.listWorkflowRuns', times: 10 }))
    const r = await run('pull_request', prPayload())
    expect(r.code).toBe(1)
    expect(r.outputs.result).toBe('fail')
    expect(r.summary).toMatch(/cannot list the runs of workflow rollback-drill\.yml: GitHub answered 502/)
  }, 60_000)
})
