import { afterAll, describe, expect, test } from '@jest/globals'
import { rmSync } from 'node:fs'
import { checksummed } from '../../__fixtures__/secrets/corpus.js'
import type { Item } from '../../src/checklist/types.js'
import { check, type SecretFinding } from '../../src/checks/secrets/index.js'
import { context, gitIn, tempTree, writeFiles } from '../helpers/context.js'

const dirs: string[] = []
afterAll(() => dirs.forEach(d => rmSync(d, { recursive: true, force: true })))

describe('secrets history: since-tag when HEAD is the first tag', () => {
  test('scans every commit from the root, and says so', async () => {
    const dir = tempTree()
    dirs.push(dir)
    const token = checksummed('ghp_')
    gitIn(dir, ['init', '-q', '-b', 'main'])
    writeFiles(dir, { 'deploy.sh': `export GH=${token}\n` })
    gitIn(dir, ['add', '.'])
    gitIn(dir, ['commit', '-q', '-m', 'add'])
    const addedIn = gitIn(dir, ['rev-parse', 'HEAD']).trim()
    writeFiles(dir, { 'deploy.sh': 'export GH="$GH_TOKEN"\n' })
    gitIn(dir, ['commit', '-q', '-am', 'remove'])
    gitIn(dir, ['tag', 'v1.0.0'])
    const item = { id: 's', title: 'S' } as Item
    const o = await check({ history: 'since-tag', paths: ['.'] }, item, context(dir))
    expect(o.status).toBe('fail')
    expect((o.details?.findings as SecretFinding[]).map(f => [f.file, f.commit])).toEqual([
      ['deploy.sh', addedIn]
    ])
    expect(JSON.stringify(o)).not.toContain(token.slice(4, 12))
  })

  test('a clean history passes and names what was scanned', async () => {
    const dir = tempTree()
    dirs.push(dir)
    gitIn(dir, ['init', '-q', '-b', 'main'])
    writeFiles(dir, { 'README.md': '# app\n' })
    gitIn(dir, ['add', '.'])
    gitIn(dir, ['commit', '-q', '-m', 'first'])
    gitIn(dir, ['tag', 'v0.1.0'])
    const item = { id: 's', title: 'S' } as Item
    const o = await check({ history: 'since-tag', paths: ['.'] }, item, context(dir))
    expect([o.status, o.summary]).toEqual([
      'pass',
      expect.stringContaining('and 1 commits up to v0.1.0 (the first tag, from the root commit)')
    ])
  })
})
