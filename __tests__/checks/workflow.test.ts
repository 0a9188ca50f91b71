import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { check } from '../../src/checks/workflow/index.js'
import { clientOf, context, fakeToken, item } from '../emulator/context.js'
import { releaseState } from '../emulator/fixtures.js'
import { startEmulator, type Emulator } from '../emulator/server.js'

describe('workflow', () => {
  let gh: Emulator
  let token: string
  beforeEach(async () => {
    gh = await startEmulator(releaseState())
    token = fakeToken()
    gh.tokens.set(token, 'write')
  })
  afterEach(() => gh.close())

  const run = (o: Record<string, unknown>, now = '2025-03-03T00:00:00Z') =>
    check(
      { conclusion: 'success', ...o } as never,
      item('drill', 'workflow', o),
      context(clientOf(gh, token), undefined, now)
    )

  it('passes on a recent successful run of the workflow on the branch, with the run in details', async () => {
    const out = await run({ workflow: 'rollback-drill.yml', branch: 'main', within: '7d' })
    expect(out.status).toBe('pass')
    expect(out.details?.run).toEqual({
      id: 9000,
      conclusion: 'success',
      createdAt: '2025-03-01T00:00:00Z',
      url: 'https://github.com/acme/trading/actions/runs/9000'
    })
    expect(gh.requests.at(-1)?.query).toMatchObject({ branch: 'main', status: 'completed', per_page: '30' })
    expect(gh.violations()).toEqual([])
  })

  it('fails when the latest run is too old', async () => {
    const out = await run({ workflow: 'rollback-drill.yml', within: '7d' }, '2025-03-20T00:00:00Z')
    expect(out.status).toBe('fail')
    expect(out.summary).toBe('latest run of rollback-drill.yml is 19d old, more than 7d: run it again')
  })

  it('fails when the latest run concluded otherwise, even if an older one passed', async () => {
    gh.state.workflowRuns.push({
      workflow: 'rollback-drill.yml',
      branch: 'main',
      conclusion: 'failure',
      at: '2025-03-02T00:00:00Z'
    })
    const out = await run({ workflow: 'rollback-drill.yml', branch: 'main' })
    expect(out.status).toBe('fail')
    expect(out.summary).toContain('concluded failure, not success')
  })

  it('fails when there is no run on that branch', async () => {
    const out = await run({ workflow: 'rollback-drill.yml', branch: 'release/v1' })
    expect(out.status).toBe('fail')
    expect(out.summary).toBe(
      'rollback-drill.yml on release/v1 has no completed run from this repository on a trusted event (push, schedule, workflow_dispatch, release, repository_dispatch, deployment, merge_group): run it'
    )
  })

  it('is an error for a workflow file that does not exist or cannot be read', async () => {
    await expect(run({ workflow: 'nope.yml' })).rejects.toThrow(/actions: read.*does not exist/)
  })
})
