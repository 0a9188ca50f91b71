import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { check as approvals } from '../../src/checks/approvals/index.js'
import { check as ciStatus } from '../../src/checks/ci-status/index.js'
import { PermissionError } from '../../src/errors.js'
import { testTimeUnit } from '../../src/github/client.js'
import { clientOf, context, fakeToken, item } from '../emulator/context.js'
import { releaseState } from '../emulator/fixtures.js'
import { startEmulator, type Emulator, type FaultKind } from '../emulator/server.js'

const signOff = {
  roles: ['release-manager'],
  count: 1,
  'dismiss-stale': true,
  'exclude-author': true,
  distinct: false,
  'exclude-pusher': false
}
const run = (gh: Emulator, token: string) =>
  approvals(
    signOff,
    item('sign-offs', 'approvals', signOff),
    context(clientOf(gh, token, { requestTimeoutMs: 300 }))
  )

describe('faults from GitHub', () => {
  let gh: Emulator
  let token: string
  beforeEach(async () => {
    gh = await startEmulator(releaseState())
    token = fakeToken()
    gh.tokens.set(token, 'write')
  })
  afterEach(() => gh.close())

  const kinds: FaultKind[] = ['server-error', 'secondary-rate-limit', 'timeout', 'truncated']

  it.each(kinds)('a passing %s is retried and the answer is the real one', async kind => {
    gh.fault({ kind, route: 'pulls.listReviews', retryAfter: 0 })
    const out = await run(gh, token)
    expect(out.status).toBe('pass')
    expect(gh.requests.filter(r => r.route === 'pulls.listReviews').map(r => r.fault ?? 'ok')).toEqual([
      kind,
      'ok'
    ])
  })

  it.each(kinds)('a lasting %s ends as an error, never a pass', async kind => {
    gh.fault({ kind, route: 'pulls.listReviews', times: 100, retryAfter: 0 })
    await expect(run(gh, token)).rejects.toThrow(/cannot list the reviews of PR #7/)
    expect(gh.requests.filter(r => r.route === 'pulls.listReviews').length).toBeGreaterThan(1)
  })

  it('a cut-off page in the middle of a paginated list is retried, not read as the end of the list', async () => {
    gh.state.checkRuns[releaseState().pulls[0].head.sha] = Array.from({ length: 150 }, (_, i) => ({
      name: `job-${i}`,
      status: 'completed' as const,
      conclusion: i === 140 ? 'failure' : 'success'
    }))
    let n = 0
    gh.onRequest = ({ route }) => {
      if (route === 'checks.listForRef' && ++n === 2) gh.fault({ kind: 'truncated', route })
    }
    const o = { wait: 0 }
    const out = await ciStatus(o, item('ci', 'ci-status', o), context(clientOf(gh, token)))
    expect(out.status).toBe('fail')
    expect(out.summary).toContain('job-140 (failure)')
  })

  it('a 403 names the missing permission', async () => {
    gh.deny.add('pulls.listReviews')
    const error = await run(gh, token).catch(e => e)
    expect(error).toBeInstanceOf(PermissionError)
    expect(error.message).toMatch(/token needs 'pull-requests: read'/)
    expect(error.message).not.toContain(token)
  })
})

describe('the test knob GO_LIVE_GATE_TEST_TIME_UNIT_MS', () => {
  const env = { GO_LIVE_GATE_TEST_TIME_UNIT_MS: '1' }

  it('shortens the waits against a loopback API only', () => {
    expect(testTimeUnit('http://127.0.0.1:4000', env)).toBe(1)
    expect(testTimeUnit('http://localhost:4000/api/v3', env)).toBe(1)
    expect(testTimeUnit('http://[::1]:4000', env)).toBe(1)
    expect(testTimeUnit('https://api.github.com', env)).toBeUndefined()
    expect(testTimeUnit('https://127.0.0.1.example.com', env)).toBeUndefined()
    expect(testTimeUnit('https://ghe.example.com/api/v3', env)).toBeUndefined()
    expect(testTimeUnit(undefined, env)).toBeUndefined()
    expect(testTimeUnit('http://127.0.0.1:4000', {})).toBeUndefined()
    expect(testTimeUnit('http://127.0.0.1:4000', { GO_LIVE_GATE_TEST_TIME_UNIT_MS: '-5' })).toBeUndefined()
  })
})
