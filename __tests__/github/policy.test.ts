import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { unifiedDiff } from '../../src/github/diff.js'
import { policyItem, readPolicy } from '../../src/github/policy.js'
import { Workspace } from '../../src/workspace.js'
import { clientOf, fakeToken, prEvent } from '../emulator/context.js'
import { BASE, HEAD, releaseState } from '../emulator/fixtures.js'
import { startEmulator, type Emulator } from '../emulator/server.js'

const FILE = '.github/go-live.yml'
const base =
  'version: 1\nname: T\nsections:\n  - title: S\n    items:\n      - id: cov\n        title: c\n        check: coverage\n        with: { reports: lcov.info, min: { lines: 95 } }\n'
const lowered = base.replace('lines: 95', 'lines: 50')

const made: string[] = []
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true })
})

function workspaceWith(text: string): Workspace {
  const dir = mkdtempSync(path.join(tmpdir(), 'glg-pol-'))
  made.push(dir)
  mkdirSync(path.join(dir, '.github'))
  writeFileSync(path.join(dir, FILE), text)
  return new Workspace(dir)
}

describe('policy from the default branch', () => {
  let gh: Emulator
  let token: string
  beforeAll(async () => {
    gh = await startEmulator(releaseState())
    token = fakeToken()
    gh.tokens.set(token, 'read')
    gh.state.files[BASE] = { [FILE]: base }
    gh.state.files[HEAD] = { [FILE]: lowered }
  })
  afterAll(() => gh.close())

  it('a PR that lowers a threshold is judged by the default branch checklist, and the change is shown', async () => {
    const p = await readPolicy({
      github: clientOf(gh, token),
      event: prEvent(),
      workspace: workspaceWith(lowered),
      path: FILE,
      policyRef: 'base'
    })
    expect(p.text).toBe(base)
    expect(p.from).toBe('branch')
    expect(p.branch).toBe('main')
    expect(p.change).toMatchObject({ added: 1, removed: 1, introduced: false })
    expect(p.change?.diff).toContain('-        with: { reports: lcov.info, min: { lines: 95 } }')
    expect(p.change?.diff).toContain('+        with: { reports: lcov.info, min: { lines: 50 } }')
    const item = policyItem(p.change!, FILE, 'release-manager')
    expect(item).toMatchObject({
      check: 'approvals',
      severity: 'blocking',
      with: { roles: ['release-manager'], 'exclude-author': true }
    })
  })

  it('policy-ref head takes the PR version; a push is judged by the default branch too', async () => {
    const head = await readPolicy({
      github: clientOf(gh, token),
      event: prEvent(),
      workspace: workspaceWith(lowered),
      path: FILE,
      policyRef: 'head'
    })
    expect(head).toMatchObject({ text: lowered, from: 'head' })
    const push = await readPolicy({
      github: clientOf(gh, token),
      event: prEvent({ name: 'push', pr: undefined, defaultBranch: 'main' }),
      workspace: workspaceWith(lowered),
      path: FILE,
      policyRef: 'base'
    })
    expect(push).toMatchObject({ text: base, from: 'branch', change: { added: 1, removed: 1 } })
    const local = await readPolicy({
      event: { name: 'local' },
      workspace: workspaceWith(lowered),
      path: FILE,
      policyRef: 'base'
    })
    expect(local).toMatchObject({ text: lowered, from: 'workspace' })
  })

  it('a PR that adds the checklist needs the policy owner too', async () => {
    const gh2 = await startEmulator(releaseState())
    gh2.tokens.set(token, 'read')
    gh2.state.files[HEAD] = { [FILE]: lowered }
    try {
      const p = await readPolicy({
        github: clientOf(gh2, token),
        event: prEvent(),
        workspace: workspaceWith(lowered),
        path: FILE,
        policyRef: 'base'
      })
      expect(p.change).toMatchObject({ introduced: true, removed: 0 })
    } finally {
      await gh2.close()
    }
  })

  it('without a client, reads the default branch as blobs with git', async () => {
    const ws = workspaceWith(base)
    const g = (...a: string[]) => execFileSync('git', a, { cwd: ws.root, encoding: 'utf8' }).trim()
    g('init', '-q')
    g('-c', 'user.email=a@b', '-c', 'user.name=a', 'add', '.')
    g('-c', 'user.email=a@b', '-c', 'user.name=a', 'commit', '-qm', 'base')
    g('branch', '-M', 'main')
    g('checkout', '-q', '-b', 'feature')
    writeFileSync(path.join(ws.root, FILE), lowered)
    g('-c', 'user.email=a@b', '-c', 'user.name=a', 'commit', '-qam', 'lower')
    const head = g('rev-parse', 'HEAD')
    const event = prEvent({ sha: head, defaultBranch: 'main' })
    event.pr!.headSha = head
    const p = await readPolicy({ event, workspace: ws, path: FILE, policyRef: 'base' })
    expect(p.text).toBe(base)
    expect(p.change?.added).toBe(1)
  })

  it('diff hunks keep three lines of context', () => {
    const a = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n')
    const b = a.replace('l10', 'L10')
    expect(unifiedDiff(a, b, { before: 'a', after: 'b' }).text).toBe(
      ['--- a', '+++ b', '@@ -8,7 +8,7 @@', ' l7', ' l8', ' l9', '-l10', '+L10', ' l11', ' l12', ' l13'].join(
        '\n'
      )
    )
  })
})
