import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { check } from '../../src/checks/manual/index.js'
import { parseCommands, speakingText } from '../../src/checks/manual/commands.js'
import { clientOf, context, fakeToken, item, prEvent } from '../emulator/context.js'
import { HEAD, releaseState } from '../emulator/fixtures.js'
import { startEmulator, type Emulator } from '../emulator/server.js'

describe('manual attestations', () => {
  let gh: Emulator
  let token: string
  beforeEach(async () => {
    gh = await startEmulator(releaseState())
    gh.state.comments = []
    token = fakeToken()
    gh.tokens.set(token, 'write')
  })
  afterEach(() => gh.close())

  const say = (login: string, body: string, at: string) =>
    gh.state.comments.push({ issue: 7, login, body, at })
  const run = (id: string, owner?: string, o = { 'expires-on-push': false }, client = clientOf(gh, token)) =>
    check(o, item(id, 'manual', o, owner), context(client))

  it('passes on an attestation by a member of the owner role, naming who and when', async () => {
    say('bob', 'Rollback rehearsed.\n/go-live attest rollback-plan dr-runbook', '2025-03-01T12:00:00Z')
    const out = await run('rollback-plan', 'release-manager')
    expect(out.status).toBe('pass')
    expect(out.details).toMatchObject({ attestedBy: 'bob', at: '2025-03-01T12:00:00Z', ignored: [] })
    expect(out.summary).toBe('attested by bob on PR #7 at 2025-03-01T12:00:00Z')
    expect((await run('dr-runbook', 'release-manager')).status).toBe('pass')
  })

  it('ignores, and shows, an attestation by someone outside the owner role', async () => {
    say('eve', '/go-live attest rollback-plan', '2025-03-01T12:00:00Z')
    const out = await run('rollback-plan', 'release-manager')
    expect(out.status).toBe('pending')
    expect(out.details?.ignored).toEqual([
      { login: 'eve', reason: 'not a member of Release Manager (role release-manager)' }
    ])
    expect(out.summary).toContain('ignored: eve')
  })

  it('takes owners from teams', async () => {
    say('dave', '/go-live attest pentest-signed', '2025-03-01T12:00:00Z')
    expect((await run('pentest-signed', 'security-officer')).status).toBe('pass')
  })

  it('without an owner, needs write access (collaborator permission)', async () => {
    say('eve', '/go-live attest notify', '2025-03-01T12:00:00Z')
    say('bob', '/go-live attest notify', '2025-03-01T13:00:00Z')
    const out = await run('notify')
    expect(out.status).toBe('pass')
    expect(out.details).toMatchObject({
      attestedBy: 'bob',
      ignored: [{ login: 'eve', reason: 'no write access' }]
    })
    say('stranger', '/go-live attest other', '2025-03-01T13:00:00Z')
    expect((await run('other')).details?.ignored).toEqual([{ login: 'stranger', reason: 'no write access' }])
  })

  it('the latest command of each person counts: a revoke takes the attestation back', async () => {
    say('alice', '/go-live attest rollback-plan', '2025-03-01T12:00:00Z')
    say('alice', '/go-live revoke rollback-plan', '2025-03-01T13:00:00Z')
    expect((await run('rollback-plan', 'release-manager')).status).toBe('pending')
    say('alice', '/go-live attest rollback-plan', '2025-03-01T14:00:00Z')
    expect((await run('rollback-plan', 'release-manager')).status).toBe('pass')
  })

  it('does not read a quoted command, a bot comment or the gate comment as an attestation', async () => {
    say('alice', 'please comment "/go-live attest rollback-plan" when done', '2025-03-01T12:00:00Z')
    gh.state.comments.push({
      issue: 7,
      login: 'bot',
      bot: true,
      body: '/go-live attest rollback-plan',
      at: '2025-03-01T12:00:00Z'
    })
    expect((await run('rollback-plan', 'release-manager')).status).toBe('pending')
  })

  it('with expires-on-push, an attestation older than the head commit no longer counts', async () => {
    gh.state.pushes = [{ ref: 'refs/heads/release/v0.5.0', after: HEAD, at: '2025-03-01T15:00:00Z' }]
    say('alice', '/go-live attest rollback-plan', '2025-03-01T12:00:00Z')
    const out = await run('rollback-plan', 'release-manager', { 'expires-on-push': true })
    expect(out.status).toBe('pending')
    expect(out.details?.ignored).toEqual([
      { login: 'alice', reason: 'attested before the latest push (2025-03-01T15:00:00.000Z)' }
    ])
    say('alice', '/go-live attest rollback-plan', '2025-03-01T16:00:00Z')
    expect((await run('rollback-plan', 'release-manager', { 'expires-on-push': true })).status).toBe('pass')
  })

  it('reads all pages of comments', async () => {
    for (let i = 0; i < 120; i++) say('bob', `chatter ${i}`, '2025-03-01T10:00:00Z')
    say('bob', '/go-live attest rollback-plan', '2025-03-01T12:00:00Z')
    expect((await run('rollback-plan', 'release-manager')).status).toBe('pass')
    expect(gh.requests.filter(r => r.route === 'issues.listComments')).toHaveLength(2)
  })

  it('waits, telling how to attest, without GitHub or without a PR', async () => {
    const o = { 'expires-on-push': false }
    const none = await check(o, item('rollback-plan', 'manual', o, 'release-manager'), context(undefined))
    expect(none).toMatchObject({ status: 'pending', details: { ignored: [] } })
    expect(none.summary).toContain('"/go-live attest rollback-plan"')
    const push = await check(
      o,
      item('rollback-plan', 'manual', o),
      context(clientOf(gh, token), prEvent({ name: 'push', pr: undefined }))
    )
    expect(push.status).toBe('pending')
    expect(push.summary).toContain('someone with write access')
  })

  it('reads commands only where they speak: not in code (fenced, ~~~, indented), HTML comments or quotes', () => {
    const body = [
      '/go-live attest a',
      '~~~',
      '/go-live attest b',
      '~~~',
      '',
      '    /go-live attest c',
      '<!-- /go-live attest d',
      '/go-live attest e -->',
      '> /go-live attest f',
      '   /go-live attest g'
    ].join('\n')
    expect(speakingText(body).split('\n')).toHaveLength(10)
    const comment = { id: 1, body, user: { login: 'bob' }, created_at: 't', updated_at: 't', html_url: 'u' }
    expect(parseCommands([comment]).map(c => c.item)).toEqual(['a', 'g'])
  })

  it('orders commands by creation and marks edited comments', () => {
    const c = (id: number, body: string, created: string, updated = created) => ({
      id,
      body,
      user: { login: 'bob' },
      created_at: created,
      updated_at: updated,
      html_url: `u${id}`
    })
    const commands = parseCommands([
      c(2, '/go-live revoke x', '2025-03-02T00:00:00Z'),
      c(1, '/go-live attest x', '2025-03-01T00:00:00Z', '2025-03-05T00:00:00Z')
    ])
    expect(commands.map(x => `${x.action}:${x.edited}`)).toEqual(['attest:true', 'revoke:false'])
  })
})
