import { execFileSync } from 'node:child_process'
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { tempTree } from '../helpers/context.js'
import { runInProcess } from '../helpers/in-process.js'
import { runCli, type Run } from '../helpers/run-dist.js'

const VERSION: string = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8')
).version

const HERE = path.dirname(fileURLToPath(import.meta.url))
const FIXTURES = path.resolve(HERE, '../../__fixtures__/import')
const dirs: string[] = []
const tree = (files: Record<string, string> = {}) => {
  const d = tempTree(files)
  dirs.push(d)
  return d
}
afterAll(() => dirs.forEach(d => rmSync(d, { recursive: true, force: true })))

type Runner = (args: string[], cwd: string) => Run | Promise<Run>

/**
 * Imports a markdown file with the command line's code in this process (or the bundle: `runCli`), then
 * validates what came out, as a user would.
 */
async function importAndValidate(markdown: string, run: Runner = runInProcess) {
  const root = tree({ 'checklist.md': markdown })
  const imported = await run(['import', 'checklist.md'], root)
  let validated
  if (imported.code === 0) {
    mkdirSync(path.join(root, '.github'))
    writeFileSync(path.join(root, '.github/go-live.yml'), imported.stdout)
    validated = await run(['validate'], root)
  }
  return { imported, validated }
}

const titles = (yaml: string) => [...yaml.matchAll(/^ {8}title: "(.*)"$/gm)].map(m => m[1])

describe('import keeps every box', () => {
  it('ordered lists, nesting, fences and empty boxes: every box kept or reported, and the output validates', async () => {
    const markdown = readFileSync(path.join(FIXTURES, 'ordered-nested-fenced-empty.md'), 'utf8')
    // through the bundle, as a user runs it; the other cases through the same code in this process
    const { imported, validated } = await importAndValidate(markdown, runCli)
    expect({ imported, validated }).toEqual(await importAndValidate(markdown))
    expect(imported.code).toBe(0)
    expect(titles(imported.stdout)).toEqual([
      'Tag the release',
      'Publish the changelog',
      'Link it from the status page',
      'Announce in #releases',
      'Database backups',
      'Daily snapshot configured',
      'Restore drill done this quarter',
      'Retention 30 days',
      'Off-site copy verified',
      'Security officer signed off',
      'Sign-offs: untitled box at line 39',
      'Release manager signed off',
      'Release manager signed off',
      'Runbook linked'
    ])
    // sections follow the headings, the ordered-only one included
    expect(imported.stdout).toContain('  - title: "Release steps"\n    items:\n      - id: tag-the-release\n')
    expect(imported.stdout).toContain('  - title: "Setext section"\n')
    expect(imported.stdout).toContain('      # group: Database backups (this item and the 3 under it)\n')
    expect(imported.stdout).toContain('      - id: release-manager-signed-off-2\n')
    expect(imported.stdout.split('\n')[0]).toBe(
      `# yaml-language-server: $schema=https://cdn.jsdelivr.net/npm/go-live-gate@${VERSION}/checklist.schema.json`
    )
    expect(imported.stdout).toContain('name: "Payments API go-live"\n')
    // boxes in code fences and HTML comments are not items
    expect(imported.stdout).not.toMatch(/fence|comment|example/i)
    expect(imported.stderr).toBe(
      'checklist.md:39:1: empty box: titled "Sign-offs: untitled box at line 39"; give it a title in the checklist\n' +
        'checklist.md: 14 boxes imported as manual items, 1 of them empty (titled from their context: give them a title)\n'
    )
    expect(validated?.code).toBe(0)
    expect(validated?.stdout).toBe('.github/go-live.yml: valid (14 items in 4 sections)\n')
  })

  it('the seed checklist: all 145 boxes, groups included, and it validates', async () => {
    const seed = readFileSync(path.resolve(HERE, '../../examples/mech-exo/go-live-checklist.md'), 'utf8')
    const boxes = seed.match(/^\s*(?:[-*+]|\d+[.)]) \[[ xX]\]/gm)?.length
    expect(boxes).toBe(145)
    const { imported, validated } = await importAndValidate(seed)
    expect(imported.code).toBe(0)
    expect(imported.stdout.match(/^ {6}- id: /gm)?.length).toBe(145)
    expect(imported.stdout).toContain('  - title: "Security & Access Management"')
    expect(imported.stdout).toContain(
      '      # group: API Key Rotation (this item and the 6 under it)\n      - id: api-key-rotation\n'
    )
    expect(validated?.code).toBe(0)
  })

  it('a file with no boxes is refused with exit 2 and nothing on standard output', async () => {
    const { imported } = await importAndValidate(
      '# Notes\n\n- a plain list\n\n```\n- [ ] only in a fence\n```\n'
    )
    expect(imported.code).toBe(2)
    expect(imported.stdout).toBe('')
    expect(imported.stderr).toMatch(
      /^checklist\.md:1:1: no checklist boxes found: .*"- \[ \] Backups tested"/
    )
  })

  it('an unclosed code fence or HTML comment: the boxes it hides are reported, not dropped silently', async () => {
    const { imported, validated } = await importAndValidate(
      '## S\n- [ ] one\n  - [ ] nested\n      ```\n      code\n- [ ] two\n- [ ] three\n'
    )
    expect(imported.code).toBe(0)
    expect(titles(imported.stdout)).toEqual(['one', 'nested'])
    expect(imported.stderr).toBe(
      'checklist.md:4:1: this code fence is never closed, so the 2 boxes after it were not imported: close it\n' +
        'checklist.md: 2 boxes imported as manual items\n'
    )
    expect(validated?.code).toBe(0)
    const comment = await importAndValidate('## S\n\n<!--\n- [ ] two\n')
    expect(comment.imported.code).toBe(2)
    expect(comment.imported.stderr).toContain(
      'checklist.md:3:1: this HTML comment is never closed, so the 1 box after it was not imported: close it'
    )
    // a fence indented in a nested list closes where it is indented
    const nested = await importAndValidate(
      '## S\n- [ ] a\n  - [ ] b\n      ```\n      - [ ] x\n      ```\n- [ ] c\n'
    )
    expect(titles(nested.imported.stdout)).toEqual(['a', 'b', 'c'])
    // a box followed by a comment that spans lines is kept
    const trailing = await importAndValidate('## S\n- [ ] kept <!-- a note\n- [ ] hidden\n-->\n- [ ] after\n')
    expect(titles(trailing.imported.stdout)).toEqual(['kept', 'after'])
  })

  it('hostile titles: control, bidi and zero-width characters and YAML syntax never reach the output', async () => {
    const { imported, validated } = await importAndValidate(
      '## S\n- [ ] a\u202Eb\u200Bc\u0007 "q": [x] {y} &anchor *alias # not a comment\n- [ ] \u200B\n'
    )
    expect(imported.code).toBe(0)
    expect(titles(imported.stdout)[0]).toBe('a b c \\"q\\": [x] {y} &anchor *alias # not a comment')
    expect([...imported.stdout].filter(c => '\u202E\u200B\u0007'.includes(c))).toEqual([])
    expect(imported.stderr).toContain('checklist.md:3:1: empty box: titled "S: untitled box at line 3"')
    expect(validated?.code).toBe(0)
  })

  it('a FIFO or a directory is refused, never waited on', async () => {
    const root = tree()
    mkdirSync(path.join(root, 'dir.md'))
    const r = await runInProcess(['import', 'dir.md'], root)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('dir.md is not a regular file')
    symlinkSync('/dev/zero', path.join(root, 'zero.md'))
    const z = await runInProcess(['import', 'zero.md'], root)
    expect(z.code).toBe(2)
    expect(z.stderr).toContain('zero.md is not a regular file')
    execFileSync('mkfifo', [path.join(root, 'fifo.md')])
    // the FIFO through the bundle: were it waited on, only that process would hang (and time out)
    const f = runCli(['import', 'fifo.md'], root)
    expect(f.code).toBe(2)
    expect(f.stderr).toContain('fifo.md is not a regular file')
  })
})
