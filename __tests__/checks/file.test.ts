import { describe, expect, it } from '@jest/globals'
import { symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { check, type FileOptions } from '../../src/checks/file/index.js'
import type { Item } from '../../src/checklist/types.js'
import { context, DAY, gitIn, tempRepo, tempTree } from '../helpers/context.js'

const item = { id: 'doc', title: 'Doc' } as Item
const NOW = new Date('2026-06-01T12:00:00Z')
const run = (root: string, options: FileOptions) => check(options, item, context(root, { now: () => NOW }))

describe('file', () => {
  it('passes for a fresh document that says what it must', async () => {
    const root = tempRepo([
      {
        date: new Date(NOW.getTime() - 10 * DAY),
        files: { 'docs/runbook.md': '# Runbook\nRollback: run rollback.sh\n' }
      }
    ])
    const outcome = await run(root, {
      path: 'docs/runbook.md',
      contains: ['^# Runbook', 'rollback\\.sh'],
      'max-age': '30d'
    })
    expect(outcome.status).toBe('pass')
    expect(outcome.summary).toBe('docs/runbook.md exists, says what it must, last changed 10d ago (max 30d)')
    expect(outcome.details).toEqual({ files: ['docs/runbook.md'], age: 10 })
  })

  it('fails for a stale document and says how old it is, by its last commit', async () => {
    const root = tempRepo([
      { date: new Date(NOW.getTime() - 200 * DAY), files: { 'RUNBOOK.md': 'v1' } },
      { date: new Date(NOW.getTime() - 1 * DAY), files: { 'other.txt': 'later commit of another file' } }
    ])
    const outcome = await run(root, { path: 'RUNBOOK.md', 'max-age': '180d' })
    expect(outcome.status).toBe('fail')
    expect(outcome.summary).toBe('RUNBOOK.md was last changed 200d ago (max 180d): review and update it')
    expect(outcome.details?.age).toBe(200)
  })

  it('fails when nothing matches, when a phrase is missing, and when a forbidden one is there', async () => {
    const root = tempTree({ 'a.md': 'hello\nTODO: finish\n', 'b.md': 'hello\n' })
    expect((await run(root, { path: 'docs/*.md' })).summary).toBe(
      'no file matches docs/*.md: write it and commit it'
    )
    const missing = await run(root, { path: '*.md', contains: 'finish' })
    expect([missing.status, missing.summary]).toEqual(['fail', 'b.md does not mention /finish/'])
    const forbidden = await run(root, { path: '*.md', 'not-contains': '^TODO' })
    expect([forbidden.status, forbidden.summary]).toEqual(['fail', 'a.md:2 matches /^TODO/'])
  })

  it('is an error, never a guess, when the age cannot be known', async () => {
    const untracked = tempRepo([{ date: NOW, files: { 'x.txt': 'x' } }])
    const outcome = run(untracked, { path: 'x.txt', 'max-age': '1d' })
    await expect(outcome).resolves.toMatchObject({ status: 'pass' })
    const { writeFileSync } = await import('node:fs')
    writeFileSync(path.join(untracked, 'new.md'), 'new')
    await expect(run(untracked, { path: 'new.md', 'max-age': '1d' })).rejects.toThrow(
      'new.md has never been committed, so its age is unknown: commit it'
    )

    // A shallow clone has every file in its one commit: the real age is unknown.
    const origin = tempRepo([
      { date: new Date(NOW.getTime() - 400 * DAY), files: { 'OLD.md': 'old' } },
      { date: new Date(NOW.getTime() - 1 * DAY), files: { 'NEW.md': 'new' } }
    ])
    const clone = tempTree()
    gitIn(clone, ['clone', '-q', '--depth', '1', `file://${origin}`, 'repo'])
    await expect(run(path.join(clone, 'repo'), { path: 'OLD.md', 'max-age': '180d' })).rejects.toThrow(
      'the clone is shallow, so the last commit of OLD.md is unknown: check out with fetch-depth: 0'
    )
  })

  it('never reads through a symlink out of the repository', async () => {
    const outside = tempTree({ 'secret.md': 'password' })
    const root = tempTree()
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'doc.md'))
    await expect(run(root, { path: 'doc.md', contains: 'password' })).rejects.toThrow(
      'doc.md is a symlink that points out of the repository'
    )
  })

  it('ages every file of a glob from one walk of the history, as git log -1 gives them', async () => {
    const at = (days: number) => new Date(NOW.getTime() - days * DAY)
    const odd = 'docs/with space \u00e9.md'
    const root = tempRepo([
      { date: at(300), files: { 'docs/a.md': 'a', 'docs/b.md': 'b', 'docs/c.md': 'c' } },
      { date: at(200), files: { 'docs/b.md': 'b2', [odd]: 'odd' } },
      { date: at(100), files: { 'docs/c.md': 'c2' } }
    ])
    gitIn(root, ['checkout', '-q', '-b', 'side', 'HEAD~1'])
    writeFileSync(path.join(root, 'docs/a.md'), 'a on a side branch')
    gitIn(root, ['commit', '-qam', 'side'], {
      GIT_AUTHOR_DATE: at(50).toISOString(),
      GIT_COMMITTER_DATE: at(50).toISOString()
    })
    gitIn(root, ['checkout', '-q', 'main'])
    gitIn(root, ['merge', '-q', '--no-ff', '-m', 'merge', 'side'], {
      GIT_AUTHOR_DATE: at(10).toISOString(),
      GIT_COMMITTER_DATE: at(10).toISOString()
    })
    const outcome = await run(root, { path: 'docs/**', 'max-age': '150d' })
    const problems = outcome.details?.problems as string[]
    expect(outcome.status).toBe('fail')
    // each file's age is the one git itself gives for that file alone
    for (const file of outcome.details?.files as string[]) {
      const ct = Number(gitIn(root, ['log', '-1', '--format=%ct', '--', file]).trim())
      const days = Math.round((NOW.getTime() - ct * 1000) / DAY)
      const stale = problems.some(p => p.startsWith(`${file} was last changed ${days}d ago`))
      expect([file, days, stale]).toEqual([file, days, days > 150])
    }
    expect(problems).toHaveLength(2)
    expect(outcome.details?.age).toBe(200)
  })
})
