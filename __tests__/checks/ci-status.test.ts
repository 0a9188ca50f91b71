import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { check } from '../../src/checks/ci-status/index.js'
import { clientOf, context, fakeToken, item } from '../emulator/context.js'
import { HEAD, releaseState } from '../emulator/fixtures.js'
import { startEmulator, type Emulator } from '../emulator/server.js'

describe('ci-status', () => {
  let gh: Emulator
  let token: string
  beforeEach(async () => {
    gh = await startEmulator(releaseState())
    token = fakeToken()
    gh.tokens.set(token, 'write')
  })
  afterEach(() => gh.close())

  const run = (o: Record<string, unknown>, ctx = context(clientOf(gh, token))) =>
    check({ wait: 0, ...o }, item('ci-green', 'ci-status', o), ctx)

  it("passes when the other checks and statuses are green, leaving out the gate's own job and status", async () => {
    gh.state.statuses[HEAD].unshift({ context: 'go-live', state: 'pending' })
    const out = await run({})
    expect(out.status).toBe('pass')
    expect(out.summary).toBe('3 check(s) on aaaaaaa green')
    expect(out.details?.checks).toEqual([
      { name: 'build', status: 'completed', conclusion: 'success' },
      { name: 'ci/lint', status: 'completed', conclusion: 'success' },
      { name: 'test', status: 'completed', conclusion: 'success' }
    ])
    expect(gh.violations()).toEqual([])
  })

  it('fails on a red check or status, naming it', async () => {
    gh.state.checkRuns[HEAD][1].conclusion = 'failure'
    gh.state.statuses[HEAD].unshift({ context: 'ci/lint', state: 'error' })
    const out = await run({})
    expect(out.status).toBe('fail')
    expect(out.summary).toBe('2 check(s) on aaaaaaa not green: ci/lint (failure), test (failure)')
  })

  it('with require, looks only at the named checks and waits for one not reported', async () => {
    gh.state.checkRuns[HEAD][1].conclusion = 'failure'
    expect((await run({ require: ['build'] })).status).toBe('pass')
    const out = await run({ require: ['build', 'load-test'] })
    expect(out.status).toBe('pending')
    expect(out.summary).toContain('not reported yet: load-test')
  })

  it('is pending while a check runs, and with wait polls until it finishes', async () => {
    gh.state.checkRuns[HEAD].push({ name: 'e2e', status: 'in_progress' })
    expect((await run({})).status).toBe('pending')
    gh.onRequest = ({ route, count }) => {
      if (route === 'checks.listForRef' && count === 3)
        gh.state.checkRuns[HEAD][3] = { name: 'e2e', status: 'completed', conclusion: 'success' }
    }
    const out = await run({ wait: '10s' })
    expect(out.status).toBe('pass')
    expect(gh.requests.filter(r => r.route === 'checks.listForRef')).toHaveLength(3)
  })

  it('stops waiting when the item is aborted (its timeout)', async () => {
    gh.state.checkRuns[HEAD].push({ name: 'e2e', status: 'in_progress' })
    const ctx = context(clientOf(gh, token))
    const controller = new AbortController()
    ctx.signal = controller.signal
    gh.onRequest = ({ route, count }) => {
      if (route === 'checks.listForRef' && count === 2) controller.abort()
    }
    await expect(run({ wait: '1h' }, ctx)).rejects.toThrow(/timed out while waiting for checks/)
    expect(gh.requests.filter(r => r.route === 'checks.listForRef')).toHaveLength(2)
  })

  it('reads every page of check runs', async () => {
    gh.state.checkRuns[HEAD] = Array.from({ length: 230 }, (_, i) => ({
      name: `job-${i}`,
      status: 'completed' as const,
      conclusion: 'success'
    }))
    gh.state.checkRuns[HEAD][222].conclusion = 'timed_out'
    const out = await run({})
    expect(out.summary).toContain('job-222 (timed_out)')
    expect(gh.requests.filter(r => r.route === 'checks.listForRef')).toHaveLength(3)
  })

  it('is pending when nothing else has reported, and an error naming checks: read when refused', async () => {
    gh.state.checkRuns[HEAD] = []
    gh.state.statuses[HEAD] = []
    expect((await run({})).status).toBe('pending')
    gh.deny.add('checks.listForRef')
    await expect(run({})).rejects.toThrow(/checks: read/)
  })
})
