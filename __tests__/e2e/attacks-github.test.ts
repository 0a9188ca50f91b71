import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { checksummed } from '../../__fixtures__/secrets/corpus.js'
import { fakeToken } from '../emulator/context.js'
import { BASE, HEAD } from '../emulator/fixtures.js'
import type { Emulator } from '../emulator/server.js'
import { startRelease } from './release.js'
import {
  cleanup,
  commentPayload,
  payload,
  prPayload,
  runAction,
  runActionHere,
  type RunOptions
} from './harness.js'

// Issue 9: each attack of the security review, run against the emulator. Every test is named after the
// attack and shows the attack no longer makes the gate pass (or leak, or lie). The action's code runs in this
// process (harness.ts runActionHere); the baseline and the log-injection attack run the bundle as the runner
// does (runAction), and __tests__/e2e/action-here.test.ts shows both ways give the same run.

const MARKER = '<!-- go-live-gate:comment -->'

const CHECKLIST = `version: 1
name: Mech-Exo Trading System
roles:
  release-manager: { title: Release Manager, users: [alice, bob] }
  security-officer: { title: Security Officer, teams: [acme/security] }
  policy-owners: { title: Policy Owners, users: [frank] }
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
      - id: ci-green
        title: Integration tests completed
        check: ci-status
      - id: rollback-drill
        title: Rollback scripts tested
        check: workflow
        with: { workflow: rollback-drill.yml, branch: main, within: 30d }
`
const TRIVIAL = `version: 1
name: Mech-Exo Trading System
sections:
  - title: Testing
    items:
      - { id: ci-green, title: Integration tests completed, check: ci-status }
`
const WORKFLOW = `name: release
on: pull_request
permissions: { contents: read, pull-requests: write, statuses: write, checks: read, actions: read }
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: acme/go-live-gate@v1
        with:
          policy-owner: policy-owners
`

describe('issue 9 attacks on the GitHub side, against the emulator', () => {
  let gh: Emulator
  let token: string
  afterEach(async () => {
    await gh?.close()
    cleanup()
  })
  const extra: string[] = []
  afterAll(() => {
    for (const d of extra) rmSync(d, { recursive: true, force: true })
  })

  /** The release PR of the fixtures, with every GitHub kind green: the old code passed it. */
  async function setup(mutate?: (e: Emulator) => void) {
    ;({ gh, token } = await startRelease(CHECKLIST, 'stakeholders-notified'))
    mutate?.(gh)
  }
  const run = (o: Partial<RunOptions> = {}, how: 'here' | 'bundle' = 'here') =>
    (how === 'bundle' ? runAction : runActionHere)(gh, token, {
      eventName: 'pull_request',
      event: prPayload(),
      files: { '.github/go-live.yml': CHECKLIST },
      ...o
    })
  const status = (sha = HEAD) => gh.state.statuses[sha]?.[0]?.state
  const posted = () => gh.state.comments.filter(c => c.bot)
  // the item's row in the sections' tables
  const item = (r: { summary: string }, title: string) =>
    r.summary.split('\n').find(l => l.startsWith('|') && l.includes(title)) ?? ''

  it('the baseline: the release PR passes and its status is success', async () => {
    await setup()
    const r = await run({}, 'bundle')
    expect(r.outputs.result).toBe('pass')
    expect(status()).toBe('success')
  })

  it('1: issue_comment with the default branch checked out: file kinds do not vouch for the PR head', async () => {
    await setup(e => {
      e.state.files[BASE]['.github/go-live.yml'] = CHECKLIST + FILE_ITEM
      e.state.files[HEAD]['.github/go-live.yml'] = CHECKLIST + FILE_ITEM
    })
    const r = await run({
      eventName: 'issue_comment',
      event: commentPayload('/go-live attest stakeholders-notified'),
      files: { '.github/go-live.yml': CHECKLIST + FILE_ITEM, 'docs/rollback.md': '# plan\n' },
      // the runner checked out the default branch: a commit that is not the PR head
      prepare: ws => gitCommit(ws),
      env: { GITHUB_REF: 'refs/heads/main' }
    })
    expect(r.outputs.result).toBe('fail')
    expect(item(r, 'Rollback runbook')).toMatch(/not aaaaaaa, the commit this run reports on: check out/)
    expect(item(r, 'Rollback runbook')).toContain('persist-credentials: false')
    expect(status()).toBe('failure')
  })

  it('2: a checklist symlinked to .git/config does not put the checkout token in the PR comment', async () => {
    const secret = fakeToken('checkout')
    const header = Buffer.from(`x-access-token:${secret}`).toString('base64')
    await setup(e => {
      delete e.state.files[HEAD]['.github/go-live.yml']
      e.state.symlinks = { [HEAD]: { '.github/go-live.yml': '../.git/config' } }
    })
    const r = await run({
      files: {
        '.git/config': `[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${header}\n`
      },
      prepare: ws => {
        mkdirSync(path.join(ws, '.github'))
        symlinkSync('../.git/config', path.join(ws, '.github/go-live.yml'))
      }
    })
    const everything = [r.stdout, r.summary, ...gh.state.comments.map(c => c.body)].join('\n')
    expect(everything).not.toContain(header)
    expect(everything).not.toContain('extraheader')
    // the link is a change of policy the owner must approve; the gate judges by main's checklist
    expect(r.summary).toContain('This PR changes the checklist')
    expect(r.summary).toContain('+(not a file: .github/go-live.yml)')
  })

  it('19: a lone CR in the PR checklist does not reach the log or the comment as a workflow command', async () => {
    const injected = CHECKLIST + '# note\r::error file=x::injected by the PR\n'
    await setup(e => (e.state.files[HEAD]['.github/go-live.yml'] = injected))
    const r = await run({ files: { '.github/go-live.yml': injected } }, 'bundle')
    expect(r.summary).toContain('This PR changes the checklist')
    expect(r.stdout).not.toContain('\r')
    expect(r.stdout).not.toMatch(/^::error file=x::injected/m)
    expect(posted()[0].body).not.toContain('\r')
  })

  it('4: a PR against a base branch the writer created, with a trivial checklist, is judged by main', async () => {
    const EVIL = 'e'.repeat(40)
    await setup(e => {
      e.state.files[EVIL] = { '.github/go-live.yml': TRIVIAL }
      e.state.files[HEAD] = { '.github/go-live.yml': TRIVIAL }
      e.state.branches!['evil-base'] = { sha: EVIL }
      e.state.reviews[7] = []
    })
    const r = await run({
      event: prPayload({ base: EVIL, baseRef: 'evil-base' }),
      files: { '.github/go-live.yml': TRIVIAL }
    })
    expect(r.outputs.result).toBe('fail')
    expect(r.summary).toMatch(/waits for approving reviews/)
    expect(status()).not.toBe('success')
  })

  it('4: a push to release/evil with its own trivial checklist is judged by main, and the change needs the owner', async () => {
    const EVIL = 'e'.repeat(40)
    await setup(e => {
      e.state.files[EVIL] = { '.github/go-live.yml': TRIVIAL }
      e.state.checkRuns[EVIL] = [{ name: 'build', status: 'completed', conclusion: 'success' }]
    })
    const p = payload('push')
    p.ref = 'refs/heads/release/evil'
    p.after = EVIL
    const r = await run({
      eventName: 'push',
      event: p,
      files: { '.github/go-live.yml': TRIVIAL },
      env: { GITHUB_SHA: EVIL, GITHUB_REF: 'refs/heads/release/evil' }
    })
    expect(r.outputs.result).toBe('fail')
    expect(r.summary).toContain('Release Manager and Security Officer approved')
    expect(r.summary).toMatch(/checklist-change/)
    expect(status(EVIL)).not.toBe('success')
  })

  it('5: a PR that edits the workflow running the gate (policy-ref: head) needs the policy owner', async () => {
    const edited = WORKFLOW.replace(
      'policy-owner: policy-owners',
      'policy-owner: policy-owners\n          policy-ref: head'
    )
    await setup(e => {
      e.state.files[BASE]['.github/workflows/release.yml'] = WORKFLOW
      e.state.files[HEAD]['.github/workflows/release.yml'] = edited
    })
    const r = await run({ env: { 'INPUT_POLICY-OWNER': 'policy-owners' } })
    expect(r.outputs.result).toBe('fail')
    expect(r.summary).toContain('the workflow running the gate (`.github/workflows/release.yml`)')
    expect(r.summary).toContain('+          policy-ref: head')
    expect(item(r, 'approved by role policy-owners')).toMatch(/waits for approving reviews/)
    // the policy owner approves the head: the change counts
    gh.state.reviews[7].push({ login: 'frank', state: 'APPROVED', commit: HEAD, at: '2025-03-01T13:00:00Z' })
    const again = await run({ env: { 'INPUT_POLICY-OWNER': 'policy-owners' } })
    expect(again.outputs.result).toBe('pass')
  })

  it('5: a PR that edits a local action wrapping the gate (mode: report) needs the policy owner', async () => {
    const wrapper = `name: release gate\nruns:\n  using: composite\n  steps:\n    - uses: acme/go-live-gate@v1\n      with: { policy-owner: policy-owners }\n`
    await setup(e => {
      e.state.files[BASE]['.github/actions/release-gate/action.yml'] = wrapper
      e.state.files[HEAD]['.github/actions/release-gate/action.yml'] = wrapper.replace(
        'policy-owner: policy-owners',
        'policy-owner: policy-owners, mode: report'
      )
    })
    const r = await run({ env: { 'INPUT_POLICY-OWNER': 'policy-owners' } })
    expect(r.outputs.result).toBe('fail')
    expect(r.summary).toContain('`.github/actions/release-gate/action.yml`')
    expect(item(r, 'approved by role policy-owners')).toMatch(/waits for approving reviews/)
  })

  it('6: a PR that adds its finding to the secrets baseline does not pass without the policy owner', async () => {
    const cred = checksummed('ghp_')
    const withSecrets = CHECKLIST + SECRETS_ITEM
    await setup(e => {
      e.state.files[BASE]['.github/go-live.yml'] = withSecrets
      e.state.files[HEAD]['.github/go-live.yml'] = withSecrets
      e.state.files[BASE]['.github/secrets-baseline'] = '# accepted findings\n'
    })
    const files = { '.github/go-live.yml': withSecrets, 'config/app.env': `TOKEN=${cred}\n` }
    // the fingerprint, as a writer would take it from the report
    const first = await run({
      files: { ...files, '.github/secrets-baseline': '' },
      env: { INPUT_REPORT: 'r.json' }
    })
    const report = JSON.parse(readFileSync(path.join(first.ws, 'r.json'), 'utf8'))
    const fp = report.items.find((i: { id: string }) => i.id === 'no-secrets').details.findings[0].fingerprint
    gh.state.files[HEAD]['.github/secrets-baseline'] = `${fp}\n`
    const r = await run({
      files: { ...files, '.github/secrets-baseline': `${fp}\n` },
      env: { 'INPUT_POLICY-OWNER': 'policy-owners' }
    })
    expect(r.outputs.result).toBe('fail')
    expect(item(r, 'No credentials')).toMatch(
      /1 credential found.*do not count until role policy-owners approves it/
    )
    expect(r.stdout + r.summary).not.toContain(cred)
  })

  it('6: a PR that adds a go-live:allow marker next to its credential does not pass without the policy owner', async () => {
    const cred = checksummed('ghp_')
    const withSecrets = CHECKLIST + SECRETS_ITEM
    await setup(e => {
      e.state.files[BASE]['.github/go-live.yml'] = withSecrets
      e.state.files[HEAD]['.github/go-live.yml'] = withSecrets
    })
    const r = await run({
      files: {
        '.github/go-live.yml': withSecrets,
        '.github/secrets-baseline': '',
        'config/app.env': `TOKEN=${cred} # go-live:allow\n`
      },
      env: { 'INPUT_POLICY-OWNER': 'policy-owners' }
    })
    expect(r.outputs.result).toBe('fail')
    expect(item(r, 'No credentials')).toMatch(
      /1 credential found.*do not count until role policy-owners approves it/
    )
    // the policy owner approves the head: the new marker counts
    gh.state.reviews[7].push({ login: 'frank', state: 'APPROVED', commit: HEAD, at: '2025-03-01T13:00:00Z' })
    const approved = await run({
      files: {
        '.github/go-live.yml': withSecrets,
        '.github/secrets-baseline': '',
        'config/app.env': `TOKEN=${cred} # go-live:allow\n`
      },
      env: { 'INPUT_POLICY-OWNER': 'policy-owners' }
    })
    expect(approved.outputs.result).toBe('pass')
  })

  it('7: an attest comment edited by a maintainer does not count, and touching an old comment does not undo a revoke', async () => {
    await setup(e => {
      e.state.comments = [
        // carol never wrote this: a maintainer edited her comment
        {
          issue: 7,
          login: 'bob',
          body: 'LGTM\n\n/go-live attest stakeholders-notified',
          at: '2025-03-01T12:00:00Z',
          updatedAt: '2025-03-02T09:00:00Z'
        }
      ]
    })
    const edited = await run()
    expect(edited.outputs.result).toBe('fail')
    expect(item(edited, 'Stakeholders notified')).toContain('bob, the comment was edited after it was posted')

    gh.state.comments = [
      {
        issue: 7,
        login: 'bob',
        body: '/go-live attest stakeholders-notified',
        at: '2025-03-01T12:00:00Z',
        updatedAt: '2025-03-03T00:00:00Z'
      },
      { issue: 7, login: 'bob', body: '/go-live revoke stakeholders-notified', at: '2025-03-02T12:00:00Z' }
    ]
    const revoked = await run()
    expect(revoked.outputs.result).toBe('fail')
    expect(item(revoked, 'Stakeholders notified')).toMatch(/waits for someone with write access/)
  })

  it('8: commands inside a code fence, an HTML comment or a quote do not count', async () => {
    // three comments of an officer on the PR, one run: had any of them counted, the item would pass
    const bodies = [
      'How to attest:\n```\n/go-live attest stakeholders-notified\n```',
      '<!--\n/go-live attest stakeholders-notified\n-->',
      '> /go-live attest stakeholders-notified\n\nno, not yet'
    ]
    await setup(
      e =>
        (e.state.comments = bodies.map((body, i) => ({
          issue: 7,
          login: 'bob',
          body,
          at: `2025-03-01T12:0${i}:00Z`
        })))
    )
    const r = await run()
    expect(r.outputs.result).toBe('fail')
    expect(item(r, 'Stakeholders notified')).toMatch(/waits for someone with write access/)
  })

  it('9: the PR author attesting their own PR does not count', async () => {
    await setup(e => {
      e.state.permissions.dev = 'write'
      e.state.comments = [
        { issue: 7, login: 'dev', body: '/go-live attest stakeholders-notified', at: '2025-03-01T12:00:00Z' }
      ]
    })
    const r = await run()
    expect(r.outputs.result).toBe('fail')
    expect(item(r, 'Stakeholders notified')).toContain('dev, the PR author cannot attest their own PR')
  })

  it('10: a back-dated commit does not keep an older attestation alive under expires-on-push', async () => {
    const expiring = CHECKLIST.replace(
      '        check: manual\n',
      '        check: manual\n        with: { expires-on-push: true }\n'
    )
    await setup(e => {
      e.state.files[BASE]['.github/go-live.yml'] = expiring
      e.state.files[HEAD]['.github/go-live.yml'] = expiring
      // the pusher dated the commit before the attestation; GitHub received the push after it
      e.state.commits[HEAD] = '2025-03-01T09:00:00Z'
      e.state.pushes = [{ ref: 'refs/heads/release/v0.5.0', after: HEAD, at: '2025-03-01T14:00:00Z' }]
    })
    const r = await run({ files: { '.github/go-live.yml': expiring } })
    expect(r.outputs.result).toBe('fail')
    expect(item(r, 'Stakeholders notified')).toContain(
      'attested before the latest push (2025-03-01T14:00:00.000Z)'
    )
  })

  it("11: the gate never edits a stranger's comment that carries its marker", async () => {
    const planted = `${MARKER}\n## ✅ Go-live gate passed (planted by mallory)`
    await setup(e =>
      e.state.comments.push({ issue: 7, login: 'mallory', body: planted, at: '2025-03-01T13:00:00Z' })
    )
    await run()
    expect(gh.state.comments.find(c => c.login === 'mallory')?.body).toBe(planted)
    expect(gh.requests.some(q => q.route === 'issues.updateComment')).toBe(false)
    expect(posted()).toHaveLength(1)
    expect(posted()[0].body).toContain(MARKER)
  })

  it('12: a comment that cannot be written never leaves a stale success; an error writes failure', async () => {
    await setup()
    expect((await run()).outputs.result).toBe('pass')
    expect(status()).toBe('success')
    gh.state.checkRuns[HEAD][1].conclusion = 'failure'
    gh.deny.add('issues.updateComment')
    const r = await run()
    expect(r.outputs.result).toBe('fail')
    expect(status()).toBe('failure')

    gh.state.checkRuns[HEAD][1].conclusion = 'success'
    gh.deny.clear()
    expect((await run()).outputs.result).toBe('pass')
    gh.state.files[BASE]['.github/go-live.yml'] = 'version: 1\nsections: [oops'
    const broken = await run()
    expect(broken.code).not.toBe(0)
    expect(status()).toBe('failure')
  })

  it('13: a later look-alike check run of the same name does not hide a failing one', async () => {
    await setup(e => {
      e.state.checkRuns[HEAD] = [
        { name: 'test', status: 'completed', conclusion: 'failure', app: 15368, suite: 1 },
        // a workflow the PR added, or another app, reports "test" again, later and green
        { name: 'test', status: 'completed', conclusion: 'success', app: 15368, suite: 2 },
        { name: 'test', status: 'completed', conclusion: 'success', app: 999, suite: 3 }
      ]
    })
    const r = await run()
    expect(r.outputs.result).toBe('fail')
    expect(item(r, 'Integration tests completed')).toContain('test (failure)')

    // the same with commit statuses: a later success of the same context by someone else
    gh.state.checkRuns[HEAD] = [{ name: 'build', status: 'completed', conclusion: 'success' }]
    gh.state.statuses[HEAD] = [
      { context: 'ci/lint', state: 'success', creator: 'mallory', at: '2025-03-01T11:00:00Z' },
      { context: 'ci/lint', state: 'failure', creator: 'ci-bot', at: '2025-03-01T10:00:00Z' }
    ]
    const statuses = await run()
    expect(statuses.outputs.result).toBe('fail')
    expect(item(statuses, 'Integration tests completed')).toContain('ci/lint (failure)')
  })

  it("14: a fork's run of the workflow from its own main does not count", async () => {
    await setup(e => {
      e.state.workflowRuns = [
        {
          workflow: 'rollback-drill.yml',
          branch: 'main',
          conclusion: 'failure',
          at: new Date(Date.now() - 2 * 86400_000).toISOString()
        },
        {
          workflow: 'rollback-drill.yml',
          branch: 'main',
          conclusion: 'success',
          at: new Date(Date.now() - 3600_000).toISOString(),
          event: 'pull_request',
          headRepo: 'mallory/trading'
        }
      ]
    })
    const r = await run()
    expect(r.outputs.result).toBe('fail')
    expect(item(r, 'Rollback scripts tested')).toMatch(/concluded failure/)
  })

  it('23: the JSON report and the SARIF are not written through a symlink out of the workspace', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'glg-outside-'))
    extra.push(outside)
    writeFileSync(path.join(outside, 'victim'), 'untouched\n')
    await setup()
    const r = await run({
      prepare: ws => {
        symlinkSync(path.join(outside, 'victim'), path.join(ws, 'go-live-report.json'))
        mkdirSync(path.join(ws, 'out'))
        symlinkSync(outside, path.join(ws, 'out/sarif'))
      },
      env: { INPUT_REPORT: 'go-live-report.json' }
    })
    expect(r.code).not.toBe(0)
    expect(r.stdout).toContain("input 'report' 'go-live-report.json' is a symlink: not written through it")
    expect(readFileSync(path.join(outside, 'victim'), 'utf8')).toBe('untouched\n')
    const s = await run({
      prepare: ws => {
        mkdirSync(path.join(ws, 'out'))
        symlinkSync(outside, path.join(ws, 'out/sarif'))
      },
      env: { INPUT_SARIF: 'out/sarif/x.sarif' }
    })
    expect(s.code).not.toBe(0)
    expect(s.stdout).toContain("input 'sarif' 'out/sarif/x.sarif': sarif is not a folder (a symlink?)")
    expect(existsSync(path.join(outside, 'x.sarif'))).toBe(false)
    const up = await run({ env: { INPUT_REPORT: '../escape.json' } })
    expect(up.stdout).toContain("input 'report' '../escape.json' must be a file inside the workspace")
    expect(existsSync(path.join(up.ws, '../escape.json'))).toBe(false)
  })
})

const FILE_ITEM = `  - title: Rollback
    items:
      - { id: runbook, title: Rollback runbook, check: file, with: { path: docs/rollback.md } }
`
const SECRETS_ITEM = `  - title: Secrets
    items:
      - { id: no-secrets, title: No credentials, check: secrets, with: { paths: config, baseline: .github/secrets-baseline } }
`

/** A git repository of the workspace: one commit, which is not the PR head. */
function gitCommit(ws: string): void {
  const g = (...a: string[]) =>
    execFileSync('git', ['-c', 'user.email=a@b.invalid', '-c', 'user.name=a', ...a], {
      cwd: ws,
      stdio: 'ignore'
    })
  g('init', '-q', '-b', 'main')
  g('add', '-A')
  g('commit', '-qm', 'main')
}
