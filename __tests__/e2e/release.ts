import { fakeToken } from '../emulator/context.js'
import { BASE, HEAD, releaseState } from '../emulator/fixtures.js'
import { startEmulator, type Emulator } from '../emulator/server.js'

/**
 * The release PR's checklist: every GitHub kind, `rollback-plan` waiting for the release manager,
 * `stakeholders-notified` attested by startRelease's comment when asked to.
 */
export const RELEASE_CHECKLIST = `version: 1
name: Mech-Exo Trading System
roles:
  release-manager: { title: Release Manager, users: [alice, bob] }
  security-officer: { title: Security Officer, teams: [acme/security] }
sections:
  - title: Sign-offs
    items:
      - id: sign-offs
        title: Release Manager and Security Officer approved
        check: approvals
        with: { roles: [release-manager, security-officer] }
      - id: rollback-plan
        title: Rollback plan communicated
        owner: release-manager
      - id: stakeholders-notified
        title: Stakeholders notified
        check: manual
        with: { expires-on-push: true }
  - title: Testing
    items:
      - id: ci-green
        title: Integration tests completed
        check: ci-status
      - id: rollback-drill
        title: Rollback scripts tested
        check: workflow
        with: { workflow: rollback-drill.yml, branch: main, within: 30d }
`

/**
 * The release PR of the fixtures with every GitHub kind green: the emulator and a token that may write,
 * `checklist` on the base and the head commit, `/go-live attest <attested>` by bob, and the rollback drill
 * run a day ago.
 */
export async function startRelease(
  checklist: string,
  attested: string
): Promise<{ gh: Emulator; token: string }> {
  const gh = await startEmulator(releaseState())
  const token = fakeToken()
  gh.tokens.set(token, 'write')
  gh.state.comments.push({
    issue: 7,
    login: 'bob',
    body: `/go-live attest ${attested}`,
    at: '2025-03-01T12:30:00Z'
  })
  gh.state.files[BASE] = { '.github/go-live.yml': checklist }
  gh.state.files[HEAD] = { '.github/go-live.yml': checklist }
  gh.state.workflowRuns[0].at = new Date(Date.now() - 86400_000).toISOString()
  return { gh, token }
}
