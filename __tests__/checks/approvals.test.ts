import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { check } from '../../src/checks/approvals/index.js'
import { clientOf, context, fakeToken, item, prEvent } from '../emulator/context.js'
import { HEAD, OLD_HEAD, releaseState } from '../emulator/fixtures.js'
import { startEmulator, type Emulator } from '../emulator/server.js'

const opts = (roles: string[], more: Record<string, unknown> = {}) => ({
  roles,
  count: 1,
  'dismiss-stale': true,
  'exclude-author': true,
  distinct: false,
  'exclude-pusher': false,
  ...more
})

describe('approvals', () => {
  let gh: Emulator
  let token: string
  beforeEach(async () => {
    gh = await startEmulator(releaseState())
    token = fakeToken()
    gh.tokens.set(token, 'write')
  })
  afterEach(() => gh.close())

  const run = (o: ReturnType<typeof opts>, event = prEvent()) =>
    check(o, item('sign-offs', 'approvals', o), context(clientOf(gh, token), event))

  it('passes when each role has an approving review of the head commit, by user and by team', async () => {
    const out = await run(opts(['release-manager', 'security-officer']))
    expect(out.status).toBe('pass')
    expect(out.details?.roles).toEqual([
      { role: 'release-manager', approvedBy: ['alice'], missing: 0 },
      { role: 'security-officer', approvedBy: ['carol'], missing: 0 }
    ])
    expect(out.summary).toMatch(/Release Manager.*alice.*Security Officer.*carol/)
    expect(gh.violations()).toEqual([])
  })

  it('waits for a role nobody of which approved, and names it', async () => {
    const out = await run(opts(['business-owner']))
    expect(out.status).toBe('pending')
    expect(out.summary).toContain('1 more from Business Owner (role business-owner)')
    expect(out.details?.roles).toEqual([{ role: 'business-owner', approvedBy: [], missing: 1 }])
  })

  it("counts each reviewer's latest state: a later request for changes withdraws the approval", async () => {
    gh.state.reviews[7].push({
      login: 'alice',
      state: 'CHANGES_REQUESTED',
      commit: HEAD,
      at: '2025-03-02T00:00:00Z'
    })
    gh.state.reviews[7].push({ login: 'alice', state: 'COMMENTED', commit: HEAD, at: '2025-03-02T01:00:00Z' })
    const out = await run(opts(['release-manager']))
    expect(out.status).toBe('pending')
  })

  it('with dismiss-stale, an approval of an older commit does not count; without it, it does', async () => {
    gh.state.reviews[7] = [{ login: 'bob', state: 'APPROVED', commit: OLD_HEAD, at: '2025-03-01T00:00:00Z' }]
    const stale = await run(opts(['release-manager']))
    expect(stale.status).toBe('pending')
    expect(stale.details?.staleApprovals).toEqual(['bob'])
    expect(stale.summary).toContain('older commit')
    const lax = await run(opts(['release-manager'], { 'dismiss-stale': false }))
    expect(lax.status).toBe('pass')
  })

  it("never counts the PR author's approval, whatever exclude-author says (contract section 12)", async () => {
    const event = prEvent()
    event.pr!.author = 'alice'
    gh.state.reviews[7] = [{ login: 'alice', state: 'APPROVED', commit: HEAD, at: '2025-03-01T00:00:00Z' }]
    expect((await run(opts(['release-manager']), event)).status).toBe('pending')
    const lax = await run(opts(['release-manager'], { 'exclude-author': false }), event)
    expect(lax.status).toBe('pending')
    expect(lax.summary).toContain('alice, the PR author cannot approve their own PR')
  })

  it('needs count approvals per role', async () => {
    const out = await run(opts(['security-officer'], { count: 2 }))
    expect(out.status).toBe('pending')
    expect(out.details?.roles).toEqual([{ role: 'security-officer', approvedBy: ['carol'], missing: 1 }])
    gh.state.reviews[7].push({ login: 'dave', state: 'APPROVED', commit: HEAD, at: '2025-03-02T00:00:00Z' })
    expect((await run(opts(['security-officer'], { count: 2 }))).status).toBe('pass')
  })

  it('reads every page of reviews', async () => {
    gh.state.reviews[7] = [
      ...Array.from({ length: 150 }, (_, i) => ({
        login: `u${i}`,
        state: 'COMMENTED' as const,
        commit: HEAD,
        at: '2025-03-01T00:00:00Z'
      })),
      { login: 'frank', state: 'APPROVED', commit: HEAD, at: '2025-03-02T00:00:00Z' }
    ]
    const out = await run(opts(['business-owner']))
    expect(out.status).toBe('pass')
    expect(gh.requests.filter(r => r.route === 'pulls.listReviews')).toHaveLength(2)
  })

  it('is an error naming read:org when the team members cannot be listed', async () => {
    gh.deny.add('teams.listMembersInOrg')
    gh.state.reviews[7] = [{ login: 'zed', state: 'APPROVED', commit: HEAD, at: '2025-03-01T00:00:00Z' }]
    await expect(run(opts(['security-officer']))).rejects.toThrow(/read:org/)
  })

  it('is an error without GitHub, and pending without a PR', async () => {
    const o = opts(['release-manager'])
    await expect(check(o, item('s', 'approvals', o), context(undefined))).rejects.toThrow(/GITHUB_TOKEN/)
    const out = await run(o, prEvent({ name: 'push', pr: undefined }))
    expect(out.status).toBe('pending')
    expect(out.summary).toContain('no pull request')
  })
})
