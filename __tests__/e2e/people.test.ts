import { afterEach, describe, expect, it } from '@jest/globals'
import { fakeToken } from '../emulator/context.js'
import { BASE, HEAD } from '../emulator/fixtures.js'
import { cleanup, prPayload, runAction, runActionHere } from './harness.js'
import { startEmulator, userId, type Emulator } from '../emulator/server.js'
import { releaseState } from '../emulator/fixtures.js'

// Issue 14 against the emulator: the comment tells each role what to write, waivers, separation of duties.
// The first scenario runs the bundle as the runner does; the others run the action's code in this process
// (harness.ts runActionHere; __tests__/e2e/action-here.test.ts shows both ways give the same run).

const ROLES = `roles:
  release-manager: { title: Release Manager, users: [alice, bob] }
  security-officer: { title: Security Officer, users: [dave, erin] }
`
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

let gh: Emulator
let token: string
afterEach(async () => {
  cleanup()
  await gh?.close()
})

/** The action on the release PR #7 with `checklist` checked out; action inputs as INPUT_* in `extra`. */
const gate = (checklist: string, extra: Record<string, string> = {}, how: 'here' | 'bundle' = 'here') =>
  (how === 'bundle' ? runAction : runActionHere)(gh, token, {
    eventName: 'pull_request',
    event: prPayload(),
    files: { '.github/go-live.yml': checklist },
    env: extra
  })

async function setup(checklist: string, mutate?: (e: Emulator) => void) {
  gh = await startEmulator(releaseState())
  token = fakeToken()
  gh.tokens.set(token, 'write')
  gh.state.comments = []
  gh.state.files[BASE] = { '.github/go-live.yml': checklist }
  gh.state.files[HEAD] = { '.github/go-live.yml': checklist }
  mutate?.(gh)
}
const comment = (login: string, body: string, at = new Date().toISOString()) =>
  gh.state.comments.push({ issue: 7, login, body, at })
const sticky = () => gh.state.comments.filter(c => c.bot).at(-1)?.body ?? ''
const status = () => gh.state.statuses[HEAD][0]

describe('the people: one comment per role turns the gate green', () => {
  const CHECKLIST = `version: 1
name: Payments
${ROLES}sections:
  - title: Readiness
    items:
      - { id: rollback-plan, title: Rollback plan communicated, owner: release-manager }
      - { id: on-call-briefed, title: On-call team briefed, owner: release-manager }
      - { id: keys-rotated, title: Production keys rotated, owner: security-officer }
      - { id: pen-test, title: Pen test findings closed, owner: security-officer }
`
  it('groups what waits by role, with the ready-to-copy command; two comments from it pass the gate', async () => {
    await setup(CHECKLIST)
    const first = await gate(CHECKLIST, {}, 'bundle')
    expect(first.outputs.result).toBe('fail')
    const body = sticky()
    expect(body).toContain('### 🙋 Waiting for people (4)')
    expect(body).toContain(
      '**Release Manager (`release-manager`)** · alice, bob · 2 items: one of you comments'
    )
    expect(body).toContain(
      '**Security Officer (`security-officer`)** · dave, erin · 2 items: one of you comments'
    )
    // no one is notified unless the workflow asks for it (input mention: pending)
    expect(body).not.toMatch(/@alice|@dave/)
    const commands = [...body.matchAll(/```\n(\/go-live attest [^\n]+)\n```/g)].map(m => m[1])
    expect(commands).toEqual([
      '/go-live attest rollback-plan on-call-briefed',
      '/go-live attest keys-rotated pen-test'
    ])

    comment('alice', commands[0])
    comment('dave', commands[1])
    const second = await gate(CHECKLIST, {}, 'bundle')
    expect(second.code).toBe(0)
    expect(second.outputs.result).toBe('pass')
    expect(status()).toMatchObject({ context: 'go-live', state: 'success' })
    expect(sticky()).not.toContain('Waiting for people')
  })

  it('mentions the people waited for when asked to', async () => {
    await setup(CHECKLIST)
    await gate(CHECKLIST, { INPUT_MENTION: 'pending' })
    expect(sticky()).toContain('· @alice, @bob · 2 items')
  })
})

describe('waivers', () => {
  const CHECKLIST = `version: 1
name: Payments
${ROLES}sections:
  - title: Testing
    items:
      - { id: ci-green, title: Integration tests green, check: ci-status, owner: security-officer }
`
  const failingCi = (e: Emulator) => (e.state.checkRuns[HEAD][1].conclusion = 'failure')

  it('a waiver by a member of the owner role makes the item waived: the status is green and says so', async () => {
    await setup(CHECKLIST, failingCi)
    comment('dave', `/go-live waive ci-green until ${day(10)}: flaky suite, fix booked for next sprint`)
    const r = await gate(CHECKLIST)
    expect(r.code).toBe(0)
    expect(r.outputs.result).toBe('pass')
    expect(status().state).toBe('success')
    expect(status().description).toContain('1 waived')
    const body = sticky()
    expect(body).toContain('### 🔕 Waived (1)')
    expect(body).toContain(`| dave | ${day(10)} | flaky suite, fix booked for next sprint |`)
    expect(r.summary).toContain('🔕 1 waived')
  })

  it("the PR author's waiver is ignored and listed with the reason; the gate stays red", async () => {
    await setup(CHECKLIST, failingCi)
    comment('dev', `/go-live waive ci-green until ${day(5)}: trust me`)
    const r = await gate(CHECKLIST)
    expect(r.outputs.result).toBe('fail')
    expect(status().state).toBe('failure')
    expect(r.summary).toContain('| waiver until ' + day(5) + ' | dev |  |')
    expect(r.summary).toContain('ignored: the PR author cannot waive items of their own PR')
  })

  it('an expired waiver is named and counts for nothing: the item blocks again', async () => {
    await setup(CHECKLIST, failingCi)
    comment(
      'dave',
      `/go-live waive ci-green until ${day(-1)}: accepted for the last release`,
      new Date(Date.now() - 20 * 86_400_000).toISOString()
    )
    const r = await gate(CHECKLIST)
    expect(r.outputs.result).toBe('fail')
    expect(r.summary).toContain(`(the waiver by dave expired on ${day(-1)}: it no longer counts)`)
  })

  it('/go-live unwaive takes a waiver back; a waiver longer than 90 days is refused', async () => {
    await setup(CHECKLIST, failingCi)
    comment(
      'dave',
      `/go-live waive ci-green until ${day(10)}: flaky`,
      new Date(Date.now() - 60_000).toISOString()
    )
    comment('dave', '/go-live unwaive ci-green')
    const taken = await gate(CHECKLIST)
    expect(taken.outputs.result).toBe('fail')
    expect(taken.summary).toContain('taken back by dave')
    gh.state.comments = []
    comment('erin', `/go-live waive ci-green until ${day(120)}: later`)
    const long = await gate(CHECKLIST)
    expect(long.outputs.result).toBe('fail')
    expect(long.summary).toContain('a waiver lasts at most 90 days')
  })

  it('a waiver in the checklist (reviewed like any change of it) holds too, and is recorded with its source', async () => {
    const withWaiver = `${CHECKLIST}waivers:
  - { item: ci-green, until: "${day(30)}", reason: "vendor outage, accepted by security", by: erin }
`
    await setup(withWaiver, failingCi)
    const r = await gate(withWaiver, { INPUT_REPORT: 'report.json' })
    expect(r.outputs.result).toBe('pass')
    expect(r.summary).toContain('waived by erin until')
  })
})

describe('separation of duties', () => {
  const checklist = (options: string) => `version: 1
name: Payments
roles:
  tech-lead: { title: Tech Lead, users: [carol] }
  security-officer: { title: Security Officer, users: [carol, frank] }
sections:
  - title: Sign-offs
    items:
      - id: sign-offs
        title: Tech Lead and Security Officer approved
        check: approvals
        with: { roles: [tech-lead, security-officer], ${options} }
`
  const reviews =
    (...logins: string[]) =>
    (e: Emulator) =>
      (e.state.reviews[7] = logins.map((login, i) => ({
        login,
        state: 'APPROVED' as const,
        commit: HEAD,
        at: `2025-03-01T1${i}:00:00Z`
      })))

  it('distinct: one person in two roles counts for one of them only', async () => {
    await setup(checklist('distinct: true'), reviews('carol'))
    const alone = await gate(checklist('distinct: true'))
    expect(alone.outputs.result).toBe('fail')
    expect(alone.summary).toContain('1 more from Security Officer (role security-officer)')

    reviews('frank', 'carol')(gh)
    const two = await gate(checklist('distinct: true'))
    expect(two.outputs.result).toBe('pass')
    // carol is needed as tech lead, so frank serves as security officer, whatever order they approved in
    expect(two.summary).toContain(
      'signed off: Tech Lead (role tech-lead) by carol; Security Officer (role security-officer) by frank'
    )
  })

  it('without distinct, the same person serves both roles', async () => {
    await setup(checklist('distinct: false'), reviews('carol'))
    const r = await gate(checklist('distinct: false'))
    expect(r.outputs.result).toBe('pass')
  })

  it('exclude-pusher: the one who pushed the head commit cannot approve it; the record says why', async () => {
    await setup(checklist('exclude-pusher: true'), e => {
      reviews('carol', 'frank')(e)
      e.state.pushes = [
        { ref: 'refs/heads/release/v0.5.0', after: HEAD, at: '2025-03-01T09:00:00Z', actor: 'carol' }
      ]
    })
    const r = await gate(checklist('exclude-pusher: true'), { INPUT_REPORT: 'r.json' })
    expect(r.outputs.result).toBe('fail')
    expect(r.summary).toContain('carol, pushed the head commit aaaaaaa (exclude-pusher)')
    expect(r.summary).toContain(`| approval | carol |  |`)
  })

  it('records each sign-off with the numeric user id, the role and its source', async () => {
    await setup(checklist('distinct: true'), reviews('carol', 'frank'))
    const r = await gate(checklist('distinct: true'))
    expect(r.outputs.result).toBe('pass')
    expect(r.summary).toContain('| approval | carol | `tech-lead` | 2025-03-01T10:00:00Z | counted |')
    expect(r.summary).toContain('| approval | frank | `security-officer` | 2025-03-01T11:00:00Z | counted |')
    expect(userId('carol')).toBeGreaterThan(0)
  })
})
