import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { treeProblem } from '../../src/gate/tree.js'
import { gitPort } from '../../src/git.js'
import { prEvent } from '../emulator/context.js'

// The working tree is judged only when it is the commit the verdict goes on (issue 9, finding 1).

const dir = mkdtempSync(path.join(tmpdir(), 'glg-tree-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const g = (...a: string[]) =>
  execFileSync('git', ['-c', 'user.email=a@b.invalid', '-c', 'user.name=a', ...a], {
    cwd: dir,
    encoding: 'utf8'
  }).trim()

g('init', '-q', '-b', 'main')
writeFileSync(path.join(dir, 'a'), '1\n')
g('add', '-A')
g('commit', '-qm', 'base')
const base = g('rev-parse', 'HEAD')
g('checkout', '-q', '-b', 'feature')
writeFileSync(path.join(dir, 'b'), '2\n')
g('add', '-A')
g('commit', '-qm', 'head')
const head = g('rev-parse', 'HEAD')
g('checkout', '-q', 'main')
writeFileSync(path.join(dir, 'c'), '3\n')
g('add', '-A')
g('commit', '-qm', 'main moves on')
g('merge', '-q', '--no-ff', '-m', 'merge', 'feature')
const merge = g('rev-parse', 'HEAD')

const event = (name: string) => {
  const e = prEvent({ name, sha: head })
  e.pr = { ...e.pr!, headSha: head, baseSha: base }
  return e
}

describe('the gated tree', () => {
  it('pull_request: the merge commit GitHub makes of the head is the head change', async () => {
    expect(
      await treeProblem({ git: gitPort(dir), event: event('pull_request'), githubSha: merge })
    ).toBeUndefined()
  })

  it('issue_comment and pull_request_target with another commit checked out: the problem and the fix', async () => {
    for (const name of ['issue_comment', 'pull_request_target']) {
      const problem = await treeProblem({ git: gitPort(dir), event: event(name), githubSha: merge })
      expect(problem).toContain(`the working tree is ${merge.slice(0, 7)}, not ${head.slice(0, 7)}`)
      expect(problem).toContain(`actions/checkout with ref: ${head}, persist-credentials: false`)
    }
  })

  it('the head itself is always fine; a folder without git only when it is the runner commit', async () => {
    g('checkout', '-q', head)
    expect(await treeProblem({ git: gitPort(dir), event: event('issue_comment') })).toBeUndefined()
    g('checkout', '-q', 'main')
    const plain = mkdtempSync(path.join(tmpdir(), 'glg-tree-plain-'))
    try {
      expect(
        await treeProblem({ git: gitPort(plain), event: event('push'), githubSha: head })
      ).toBeUndefined()
      expect(
        await treeProblem({ git: gitPort(plain), event: event('issue_comment'), githubSha: base })
      ).toContain('not a git checkout')
    } finally {
      rmSync(plain, { recursive: true, force: true })
    }
  })
})
