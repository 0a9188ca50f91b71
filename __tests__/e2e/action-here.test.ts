import { afterEach, describe, expect, it } from '@jest/globals'
import type { Emulator } from '../emulator/server.js'
import { RELEASE_CHECKLIST as CHECKLIST, startRelease } from './release.js'
import {
  cleanup,
  commentPayload,
  prPayload,
  runAction,
  runActionHere,
  type Run,
  type RunOptions
} from './harness.js'

// Most e2e scenarios run the action's code in the test process (harness.ts runActionHere) and keep one bundle run
// per kind of event. That holds only if a run here is the run the runner makes: the same scenario both ways
// gives the same outputs, summary, log, requests and writes to GitHub.

interface Seen {
  run: Omit<Run, 'ws'>
  requests: { method: string; route: string; status: number; body?: unknown }[]
  comments: string[]
  statuses: unknown
}

const emulators: Emulator[] = []
/** the rollback drill ran a day ago, the same time in both runs */
const DRILL = new Date(Date.now() - 86400_000).toISOString()
afterEach(async () => {
  cleanup()
  for (const gh of emulators.splice(0)) await gh.close()
})

/** One run of the scenario on a fresh emulator, by `runner`, and what GitHub and the user saw of it. */
async function scenario(
  runner: typeof runAction,
  o: Omit<RunOptions, 'files'>,
  mutate?: (gh: Emulator) => void
): Promise<Seen> {
  const { gh, token } = await startRelease(CHECKLIST, 'stakeholders-notified')
  emulators.push(gh)
  gh.state.workflowRuns[0].at = DRILL
  mutate?.(gh)
  const r = await runner(gh, token, { ...o, files: { '.github/go-live.yml': CHECKLIST } })
  const { ws, ...run } = r
  const local = (text: string) => text.split(ws).join('<ws>').split(token).join('<token>')
  return {
    run: { ...run, stdout: local(run.stdout), summary: local(run.summary) },
    // the items run at once: their reads reach the API in either order
    requests: gh.requests
      .map(q => ({ method: q.method, route: q.route, status: q.status, body: q.body }))
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
    comments: gh.state.comments.filter(c => c.bot).map(c => c.body),
    // what the gate wrote (the emulator numbers and times them itself)
    statuses: JSON.parse(
      JSON.stringify(gh.state.statuses, (k, v) => (k === 'at' || k === 'id' ? undefined : v))
    )
  }
}

/** the fixtures' attestation of rollback-plan taken away: the release manager's sign-off is waited for */
const unsigned = (gh: Emulator) => {
  gh.state.comments = gh.state.comments.filter(c => !c.body.includes('rollback-plan'))
}

describe('the action run in the test process is the run the runner makes', () => {
  it('a release PR waiting for one sign-off: the same verdict, summary, log, requests and writes', async () => {
    const o = { eventName: 'pull_request', event: prPayload() }
    const bundle = await scenario(runAction, o, unsigned)
    const here = await scenario(runActionHere, o, unsigned)
    expect(bundle.run.outputs.result).toBe('fail')
    expect(bundle.run.summary).toContain('Rollback plan communicated')
    expect(bundle.requests.length).toBeGreaterThan(5)
    expect(here).toEqual(bundle)
  })

  it('the attestation comment on issue_comment that turns it green: the same both ways', async () => {
    const o = {
      eventName: 'issue_comment',
      event: commentPayload('/go-live attest rollback-plan'),
      env: { GITHUB_REF: 'refs/heads/main' }
    }
    const attest = (gh: Emulator) => {
      unsigned(gh)
      gh.state.comments.push({
        issue: 7,
        login: 'alice',
        body: '/go-live attest rollback-plan',
        at: '2025-03-01T13:00:00Z'
      })
    }
    const bundle = await scenario(runAction, o, attest)
    const here = await scenario(runActionHere, o, attest)
    expect(bundle.run.code).toBe(0)
    expect(bundle.run.outputs.result).toBe('pass')
    expect(here).toEqual(bundle)
  })
})
