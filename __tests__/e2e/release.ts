import { fakeToken } from '../emulator/context.js'
import { BASE, HEAD, releaseState } from '../emulator/fixtures.js'
import { startEmulator, type Emulator } from '../emulator/server.js'

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
