import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { GateResult, ItemResult } from '../../src/gate/types.js'
import { COMMENT_LIMIT, commentBody, publish, statusState } from '../../src/github/publish.js'
import { COMMENT_MARKER } from '../../src/github/marker.js'
import { clientOf, fakeToken, prEvent } from '../emulator/context.js'
import { HEAD, releaseState } from '../emulator/fixtures.js'
import { startEmulator, type Emulator } from '../emulator/server.js'

function result(statuses: ItemResult['status'][]): GateResult {
  const items = statuses.map((status, i) => ({ id: `i${i}`, severity: 'blocking', status }) as ItemResult)
  const bad = items.filter(i => !['pass', 'skipped'].includes(i.status)).length
  const count = (s: string) => statuses.filter(x => x === s).length
  return {
    checklist: { name: 'T', path: '.github/go-live.yml' },
    verdict: bad ? 'fail' : 'pass',
    counts: {
      pass: count('pass'),
      fail: count('fail'),
      pending: count('pending'),
      error: count('error'),
      skipped: count('skipped'),
      waived: count('waived')
    },
    items,
    blockingFailures: bad
  }
}

describe('publishing', () => {
  let gh: Emulator
  let token: string
  const warnings: string[] = []
  beforeEach(async () => {
    gh = await startEmulator(releaseState())
    gh.state.comments = []
    token = fakeToken()
    gh.tokens.set(token, 'write')
    warnings.length = 0
  })
  afterEach(() => gh.close())

  const go = (r: GateResult, more: Partial<Parameters<typeof publish>[0]> = {}) =>
    publish({
      github: clientOf(gh, token),
      event: prEvent({ runUrl: 'https://github.com/acme/trading/actions/runs/1' }),
      result: r,
      markdown: `${COMMENT_MARKER}\n## report`,
      comment: 'always',
      statusContext: 'go-live',
      warn: m => warnings.push(m),
      ...more
    })

  it('the status is success, pending while items wait for people, failure otherwise', () => {
    expect(statusState(result(['pass', 'skipped']))).toBe('success')
    expect(statusState(result(['pass', 'pending']))).toBe('pending')
    expect(statusState(result(['pending', 'error']))).toBe('failure')
  })

  it('posts one comment with the marker once, then edits it; sets the status linked to the run', async () => {
    const first = await go(result(['pending']))
    expect(first).toMatchObject({ comment: { action: 'created' }, status: { state: 'pending', sha: HEAD } })
    const second = await go(result(['pass']))
    expect(second.comment?.action).toBe('updated')
    expect(gh.state.comments).toHaveLength(1)
    expect(gh.state.comments[0].body.split(COMMENT_MARKER)).toHaveLength(2)
    expect(gh.state.statuses[HEAD][0]).toMatchObject({
      state: 'success',
      target_url: 'https://github.com/acme/trading/actions/runs/1'
    })
    expect(gh.violations()).toEqual([])
  })

  it('comment on-failure posts nothing for a pass, never posts nothing at all', async () => {
    expect((await go(result(['pass']), { comment: 'on-failure' })).comment).toBeUndefined()
    expect((await go(result(['fail']), { comment: 'never' })).comment).toBeUndefined()
    expect((await go(result(['fail']), { comment: 'on-failure' })).comment?.action).toBe('created')
    expect((await go(result(['fail']), { comment: 'on-failure', statusContext: '' })).status).toBeUndefined()
  })

  it('keeps the comment under 65,536 characters, with the shorter form when there is one', () => {
    const long = 'x | y\n'.repeat(20_000)
    const cut = commentBody(long, undefined, 'https://run')
    expect(cut.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(cut).toContain('the full report is in the job summary of https://run')
    expect(commentBody(long, '## short', undefined)).toMatch(/^<!-- go-live-gate:comment -->\n## short\n/)
  })

  it('a read-only token: no comment, no status, one warning', async () => {
    gh.tokens.set(token, 'read')
    const out = await go(result(['fail']))
    expect(out.comment).toBeUndefined()
    expect(out.status).toBeUndefined()
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/cannot write.*pull-requests: write/)
  })
})
