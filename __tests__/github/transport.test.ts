// The GitHub client's transport (octokit over src/http/request.ts, no fetch) against the emulator: what a
// hostile or broken answer of the API cannot do.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { check as ciStatus } from '../../src/checks/ci-status/index.js'
import { createGitHubClient } from '../../src/github/client.js'
import { clientOf, context, fakeToken, item } from '../emulator/context.js'
import { HEAD, releaseState } from '../emulator/fixtures.js'
import { startEmulator, type Emulator } from '../emulator/server.js'

const o = { wait: 0 }
const judge = (gh: Emulator, token: string) =>
  ciStatus(o, item('ci', 'ci-status', o), context(clientOf(gh, token)))
const asked = (gh: Emulator) => gh.requests.filter(r => r.route === 'checks.listForRef')

describe('the GitHub client over its own HTTP client', () => {
  let gh: Emulator
  let token: string
  let elsewhere: Server
  let elsewhereUrl = ''
  const stolen: IncomingMessage['headers'][] = []
  beforeEach(async () => {
    gh = await startEmulator(releaseState())
    token = fakeToken()
    gh.tokens.set(token, 'write')
    // a failing check run: an empty list read from a broken answer would hide it
    gh.state.checkRuns[HEAD][1].conclusion = 'failure'
    stolen.length = 0
    elsewhere = createServer((req, res) => {
      stolen.push(req.headers)
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"total_count":0,"check_runs":[]}')
    })
    await new Promise<void>(r => elsewhere.listen(0, '127.0.0.1', r))
    elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`
  })
  afterEach(async () => {
    await gh.close()
    await new Promise<void>(r => elsewhere.close(() => r()))
  })

  it('answers as before: the failing check run is found', async () => {
    const out = await judge(gh, token)
    expect(out.status).toBe('fail')
    expect(gh.violations()).toEqual([])
  })

  it('a redirect to another host is not followed (the token stays home) and not retried', async () => {
    gh.fault({
      kind: 'redirect',
      route: 'checks.listForRef',
      location: `${elsewhereUrl}/repos/acme/trading/commits/${HEAD}/check-runs`
    })
    const error = await judge(gh, token).catch((e: Error) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(
      new RegExp(
        `GitHub answered 301 \\(a redirect to ${elsewhereUrl.replace(/\./g, '\\.')}, not followed \\(the token would go along\\): check GITHUB_API_URL and the repository name\\)`
      )
    )
    expect((error as Error).message).not.toContain(token)
    expect(stolen).toEqual([])
    expect(asked(gh).map(r => r.fault ?? 'ok')).toEqual(['redirect'])
  })

  it('a redirect on the same host is not followed either', async () => {
    gh.fault({
      kind: 'redirect',
      route: 'checks.listForRef',
      location: '/repositories/1/commits/x/check-runs'
    })
    await expect(judge(gh, token)).rejects.toThrow(/GitHub answered 301/)
    expect(gh.requests.filter(r => r.path.startsWith('/repositories/'))).toEqual([])
  })

  it('an answer marked gzip whose bytes are not gzip is never read as the empty list it spells: retried, then an error', async () => {
    const empty = { total_count: 0, check_runs: [] }
    gh.fault({ kind: 'mislabelled-gzip', route: 'checks.listForRef', body: empty })
    expect((await judge(gh, token)).status).toBe('fail')
    expect(asked(gh).map(r => r.fault ?? 'ok')).toEqual(['mislabelled-gzip', 'ok'])

    gh.fault({ kind: 'mislabelled-gzip', route: 'checks.listForRef', body: empty, times: 100 })
    await expect(judge(gh, token)).rejects.toThrow(/cannot .*check runs.*GitHub answered 500/i)
  })

  it('a token with a line break is refused before any request, without quoting it', () => {
    const count = gh.requests.length
    for (const bad of [`${token}\nX-Evil: 1`, `${token}\r`, `to ken`]) {
      let message = ''
      try {
        createGitHubClient({ token: bad, repository: 'acme/trading', apiUrl: gh.url })
      } catch (e) {
        message = (e as Error).message
      }
      expect(message).toBe(
        'the GitHub token holds a character that cannot go into an HTTP header (a space or a line break?): give the token alone'
      )
    }
    expect(gh.requests.length).toBe(count)
  })
})
