// The bundle loads nothing from node_modules at run time: on a runner there is none, and in dev or in a
// bench a module found there would make start-up and behaviour differ from the runner's. fdir (under
// tinyglobby) tries `require("picomatch")` when it loads; scripts/build.mjs resolves it to absent at build
// time. Node's own module log (NODE_DEBUG=module) shows every require the bundle makes; the bundle in this
// repository sits above node_modules, so a require that looked there would find picomatch and load it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runCli } from '../helpers/run-dist.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bundle-requires-'))
  mkdirSync(path.join(dir, '.github'))
  mkdirSync(path.join(dir, 'docs'))
  writeFileSync(path.join(dir, 'docs/a.md'), '# a\n')
  writeFileSync(path.join(dir, 'lcov.info'), 'TN:\nSF:docs/a.md\nDA:1,1\nend_of_record\n')
  writeFileSync(
    path.join(dir, '.github/go-live.yml'),
    [
      'version: 1',
      'name: Requires',
      'sections:',
      '  - title: Checks',
      '    items:',
      '      - { id: docs, title: Docs, check: file, with: { path: "docs/*.md" } }',
      '      - { id: cov, title: Coverage, check: coverage, with: { reports: [lcov.info], min: { lines: 50 } } }',
      ''
    ].join('\n')
  )
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the bundle at run time', () => {
  it('requires only node built-ins (a glob and a coverage report: tinyglobby, fdir, the lcov kernel)', () => {
    const run = runCli(['check'], dir, { NODE_DEBUG: 'module' })
    expect(run.stdout).toMatch(/Go-live gate passed/)
    expect(run.code).toBe(0)
    // node's module log is on (it names the built-ins loaded); the bundle's require() calls, if any, are in it
    expect(run.stderr).toMatch(/^MODULE \d+: load built-in module node:fs$/m)
    const requests = [...run.stderr.matchAll(/Module\._load REQUEST (\S+)/g)].map(m => m[1])
    expect(requests.filter(r => !/^(node:)?[a-z_]+(\/[a-z_]+)?$/.test(r) || r === 'picomatch')).toEqual([])
    expect(run.stderr).not.toMatch(/looking for "picomatch"/)
  })
})
