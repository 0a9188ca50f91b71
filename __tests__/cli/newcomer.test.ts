import { afterAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gitIn, tempTree, writeFiles } from '../helpers/context.js'
import { runInProcess } from '../helpers/in-process.js'
import { runCli } from '../helpers/run-dist.js'

const VERSION: string = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8')
).version

const HERE = path.dirname(fileURLToPath(import.meta.url))
const REPO = path.resolve(HERE, '../..')
const dirs: string[] = []
const tree = (files: Record<string, string> = {}) => {
  const d = tempTree(files)
  dirs.push(d)
  return d
}
afterAll(() => dirs.forEach(d => rmSync(d, { recursive: true, force: true })))

describe('init: a starter a newcomer can use as it is', () => {
  it('outside a repository holding the package, the schema comment is the published URL of this version', () => {
    const root = tree()
    expect(runCli(['init'], root).code).toBe(0)
    const text = readFileSync(path.join(root, '.github/go-live.yml'), 'utf8')
    expect(text.split('\n')[0]).toBe(
      `# yaml-language-server: $schema=https://cdn.jsdelivr.net/npm/go-live-gate@${VERSION}/checklist.schema.json`
    )
    expect(text).not.toMatch(/OWNER|[Tt]rading|[Oo]rder execution/)
    expect(runCli(['validate'], root).code).toBe(0)
  })

  it('inside a repository holding the package, a relative path to its checklist.schema.json that exists', () => {
    // this repository stands for a project with the package inside it (node_modules/go-live-gate)
    const dir = mkdtempSync(path.join(REPO, '.tmp-init-'))
    dirs.push(dir)
    const file = `${path.basename(dir)}/ci/go-live.yml`
    expect(runCli(['init', '--checklist', file], REPO).code).toBe(0)
    const first = readFileSync(path.join(REPO, file), 'utf8').split('\n')[0]
    const rel = first.replace('# yaml-language-server: $schema=', '')
    expect(rel).toBe('../../checklist.schema.json')
    expect(path.resolve(dir, 'ci', rel)).toBe(path.join(REPO, 'checklist.schema.json'))
  })

  // (init through the bundle above; this refusal through the same code in this process)
  it('--force never writes through a symlink', async () => {
    const root = tree({ 'outside.txt': 'keep\n' })
    writeFiles(root, { '.github/.keep': '' })
    symlinkSync(path.join(root, 'outside.txt'), path.join(root, '.github/go-live.yml'))
    const r = await runInProcess(['init', '--force'], root)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('.github/go-live.yml is a symlink')
    expect(readFileSync(path.join(root, 'outside.txt'), 'utf8')).toBe('keep\n')
  })
})

describe('${version}: the release without its leading v', () => {
  it('names files of tools that drop the v', () => {
    const root = tree({
      'docs/release-notes/1.4.2.md': '# 1.4.2\n',
      '.github/go-live.yml': `version: 1
name: Api
release: v1.4.2
sections:
  - title: Docs
    items:
      - id: notes
        title: Release notes for \${version} (\${release})
        check: file
        with: { path: "docs/release-notes/\${version}.md" }
`
    })
    gitIn(root, ['init', '-q'])
    const r = runCli(['check'], root)
    expect(r.stdout).toMatch(/✔ pass\s+notes\s+docs\/release-notes\/1\.4\.2\.md exists/)
    expect(r.code).toBe(0)
    expect(existsSync(path.join(root, 'docs/release-notes/v1.4.2.md'))).toBe(false)
  })
})
