import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import { BASE, HEAD } from '../emulator/fixtures.js'
import type { Emulator } from '../emulator/server.js'
import { startRelease } from './release.js'
import { prPayload } from './harness.js'
import { runCliAsync } from '../helpers/run-dist.js'

// The CLI (dist/cli.js) against the emulator: `check --repo --pr` judges a real PR as the action would,
// read-only; inside Actions the CLI takes the checklist from the default branch as the action does.

const CHECKLIST = `version: 1
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
      - id: stakeholders-notified
        title: Stakeholders notified
        check: manual
  - title: Testing
    items:
      - { id: ci-green, title: Integration tests completed, check: ci-status }
      - id: rollback-drill
        title: Rollback scripts tested
        check: workflow
        with: { workflow: rollback-drill.yml, branch: main, within: 30d }
      - { id: runbook, title: Rollback runbook, check: file, with: { path: docs/rollback.md } }
`

const dirs: string[] = []
function repo(checklist = CHECKLIST): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'glg-cli-gh-'))
  dirs.push(dir)
  mkdirSync(path.join(dir, '.github'))
  mkdirSync(path.join(dir, 'docs'))
  writeFileSync(path.join(dir, '.github/go-live.yml'), checklist)
  writeFileSync(path.join(dir, 'docs/rollback.md'), '# Rollback\n')
  const g = (...a: string[]) =>
    execFileSync('git', ['-c', 'user.email=a@b.invalid', '-c', 'user.name=a', ...a], {
      cwd: dir,
      stdio: 'ignore'
    })
  g('init', '-q', '-b', 'main')
  g('add', '-A')
  g('commit', '-qm', 'x')
  return dir
}

/** The bundled CLI in the repository, its home there (no user git config). */
const cli = (args: string[], cwd: string, env: Record<string, string>) =>
  runCliAsync(args, cwd, { HOME: cwd, ...env })

describe('the CLI against GitHub (the emulator)', () => {
  let gh: Emulator
  let token: string
  afterEach(async () => {
    await gh?.close()
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })

  async function setup() {
    ;({ gh, token } = await startRelease(CHECKLIST, 'stakeholders-notified'))
    gh.state.checkRuns[HEAD] = gh.state.checkRuns[HEAD].filter(c => c.name !== 'gate')
  }

  it('check --repo OWNER/NAME --pr N judges the PR as the action would, and writes nothing', async () => {
    await setup()
    const r = await cli(['check', '--repo', 'acme/trading', '--pr', '7', '--json', 'r.json'], repo(), {
      GITHUB_TOKEN: token,
      GITHUB_API_URL: gh.url
    })
    expect(r.stdout).toMatch(/attested by bob on PR #7/)
    expect(r.stdout).toMatch(/signed off: Release Manager \(role release-manager\) by alice/)
    // the local tree is not the PR head: the file item says how to check the head out, and is not judged
    expect(r.stdout).toMatch(
      /runbook +the working tree is [0-9a-f]{7}, not aaaaaaa, the commit this run reports on: .*git fetch origin/
    )
    expect(r.code).toBe(1)
    expect(gh.requests.filter(q => q.method !== 'GET')).toEqual([])
    expect(gh.requests.some(q => q.route === 'pulls.get' && q.path.endsWith('/pulls/7'))).toBe(true)
    expect(r.stdout + r.stderr).not.toContain(token)
  })

  it('without a token the GitHub items are grouped with what to do', async () => {
    const r = await cli(['check'], repo(), {})
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(
      '4 items need GitHub: run with --pr N and GITHUB_TOKEN (and --repo OWNER/NAME)'
    )
  })

  it('--pr without a token is a usage error', async () => {
    const r = await cli(['check', '--repo', 'acme/trading', '--pr', '7'], repo(), {})
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--pr needs GITHUB_TOKEN')
  })

  it('inside Actions the CLI judges by the default branch checklist, like the action', async () => {
    await setup()
    const weak = CHECKLIST.replace('roles: [release-manager, security-officer]', 'roles: [release-manager]')
    gh.state.files[HEAD] = { '.github/go-live.yml': weak }
    const ws = repo(weak)
    const event = path.join(ws, '..', `${path.basename(ws)}-event.json`)
    dirs.push(event)
    writeFileSync(event, JSON.stringify(prPayload()))
    const r = await cli(['check'], ws, {
      GITHUB_TOKEN: token,
      GITHUB_API_URL: gh.url,
      GITHUB_REPOSITORY: 'acme/trading',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_WORKSPACE: ws
    })
    // judged by main's checklist (both roles), the change itself waiting on the policy owner's review
    expect(r.stdout).toMatch(/checklist-change +signed off: Release Manager/)
    expect(r.stdout).toMatch(/sign-offs +signed off: .*Security Officer \(role security-officer\) by carol/)
    expect(gh.requests.some(q => q.route === 'repos.getContent' && q.query.ref === BASE)).toBe(true)
  })
})
