import { describe, expect, it } from '@jest/globals'
import { rmSync } from 'node:fs'
import { gitIn, tempRepo, tempTree } from '../helpers/context.js'
import { runCli } from '../helpers/run-dist.js'

// the release the CLI names when the checklist names none: the tag on HEAD, else the branch, else the commit
const CHECKLIST = `version: 1
name: Shop
sections:
  - title: Docs
    items:
      - { id: readme, title: Readme, check: file, with: { path: README.md } }
`

function repo(): string {
  return tempRepo([
    { date: new Date(), files: { '.github/go-live.yml': CHECKLIST, 'README.md': '# Shop\n' } }
  ])
}

describe('go-live-gate check outside Actions: the release from git', () => {
  it('names the branch checked out', () => {
    const dir = repo()
    try {
      const r = runCli(['check'], dir)
      expect(r.code).toBe(0)
      expect(r.stdout.split('\n')[0]).toBe('Shop main (.github/go-live.yml, stage pre-release)')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('names the first tag on HEAD before the branch', () => {
    const dir = repo()
    try {
      gitIn(dir, ['tag', 'v2.0.0'])
      gitIn(dir, ['tag', '-a', '-m', 'release', 'v1.9.0'])
      const r = runCli(['check', '--json', '-'], dir)
      expect(r.code).toBe(0)
      // git tag --points-at lists in name order: v1.9.0 (annotated) before v2.0.0
      expect(JSON.parse(r.stdout).checklist.release).toBe('v1.9.0')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('names the short commit on a detached HEAD without a tag', () => {
    const dir = repo()
    try {
      gitIn(dir, ['checkout', '-q', '--detach'])
      const sha = gitIn(dir, ['rev-parse', 'HEAD']).trim()
      const r = runCli(['check'], dir)
      expect(r.code).toBe(0)
      expect(r.stdout.split('\n')[0]).toBe(`Shop ${sha.slice(0, 7)} (.github/go-live.yml, stage pre-release)`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('names no release outside a git repository and in one without commits, and still judges', () => {
    const plain = tempTree({ '.github/go-live.yml': CHECKLIST, 'README.md': '# Shop\n' })
    const empty = tempTree({ '.github/go-live.yml': CHECKLIST, 'README.md': '# Shop\n' })
    try {
      gitIn(empty, ['init', '-q', '-b', 'main'])
      for (const dir of [plain, empty]) {
        const r = runCli(['check'], dir)
        expect(r.stdout.split('\n')[0]).toBe('Shop unreleased (.github/go-live.yml, stage pre-release)')
        expect(r.stdout).toMatch(/pass\s+readme/)
      }
    } finally {
      rmSync(plain, { recursive: true, force: true })
      rmSync(empty, { recursive: true, force: true })
    }
  })
})
