import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { SaxesParser } from 'saxes'
import { tempRepo, tempTree } from '../helpers/context.js'
import { runInProcess } from '../helpers/in-process.js'
import { runAction, runCli } from '../helpers/run-dist.js'

const dirs: string[] = []
const tree = (files: Record<string, string> = {}) => {
  const d = tempTree(files)
  dirs.push(d)
  return d
}
afterAll(() => dirs.forEach(d => rmSync(d, { recursive: true, force: true })))

interface Node {
  name: string
  attributes: Record<string, string>
  children: Node[]
  text: string
}

/** Parses with saxes (strict XML 1.0): a malformed document throws. */
function parseXml(xml: string): Node {
  const parser = new SaxesParser()
  const root: Node = { name: '#document', attributes: {}, children: [], text: '' }
  const stack = [root]
  parser.on('error', e => {
    throw e
  })
  parser.on('opentag', tag => {
    const node: Node = {
      name: tag.name,
      attributes: tag.attributes as Record<string, string>,
      children: [],
      text: ''
    }
    stack[stack.length - 1].children.push(node)
    stack.push(node)
  })
  parser.on('text', t => (stack[stack.length - 1].text += t))
  parser.on('closetag', () => void stack.pop())
  parser.write(xml).close()
  return root.children[0]
}

const CHECKLIST = `version: 1
name: Payments
release: v2.0.0
sections:
  - title: Docs & <runbooks>
    items:
      - id: runbook
        title: Runbook exists
        check: file
        with: { path: docs/runbook.md }
      - id: rto
        title: "Runbook says RTO \\a \\u202E <now> & \\"then\\""
        check: file
        with: { path: docs/runbook.md, contains: "RTO" }
  - title: Config
    items:
      - id: config
        title: Config readable
        check: values
        with: { file: config/missing.yaml, assert: [{ path: mode, equals: production }] }
      - id: push-only
        title: Only on push
        when: { events: [push] }
      - id: sign-off
        title: Release manager signed off
`

describe('--junit', () => {
  it('one testcase per item, sections as testsuites, failure/error/skipped as the states say, valid XML', () => {
    // a checkout of the default branch: the action reads its checklist there
    const root = tempRepo([
      { date: new Date(), files: { 'docs/runbook.md': '# Runbook\n', '.github/go-live.yml': CHECKLIST } }
    ])
    dirs.push(root)
    const r = runCli(['check', '--junit', 'reports/gate.xml'], root)
    expect(r.code).toBe(1)
    const xml = readFileSync(path.join(root, 'reports/gate.xml'), 'utf8')
    expect([...xml].filter(c => '\u0007\u202E'.includes(c))).toEqual([])
    const doc = parseXml(xml)
    expect(doc.name).toBe('testsuites')
    expect(doc.attributes).toMatchObject({
      name: 'Go-live gate: Payments v2.0.0',
      tests: '5',
      failures: '1',
      errors: '1',
      skipped: '2'
    })
    expect(doc.children.map(s => [s.name, s.attributes.name, s.attributes.tests])).toEqual([
      ['testsuite', 'Docs & <runbooks>', '2'],
      ['testsuite', 'Config', '3']
    ])
    const cases = doc.children.flatMap(s => s.children)
    const outcome = (c: Node) => c.children.find(k => ['failure', 'error', 'skipped'].includes(k.name))
    expect(cases.map(c => [c.attributes.classname, c.attributes.name, outcome(c)?.name ?? 'pass'])).toEqual([
      ['Docs & <runbooks>', 'runbook: Runbook exists', 'pass'],
      ['Docs & <runbooks>', 'rto: Runbook says RTO   <now> & "then"', 'failure'],
      ['Config', 'config: Config readable', 'error'],
      ['Config', 'push-only: Only on push', 'skipped'],
      ['Config', 'sign-off: Release manager signed off', 'skipped']
    ])
    expect(outcome(cases[1])?.attributes.message).toBe('docs/runbook.md does not mention /RTO/')
    expect(outcome(cases[2])?.attributes.message).toMatch(/^config\/missing\.yaml does not exist/)
    expect(outcome(cases[3])?.attributes.message).toMatch(/^skipped: /)
    expect(outcome(cases[4])?.attributes.message).toMatch(/^pending: /)
    for (const c of cases) expect(Number(c.attributes.time)).toBeGreaterThanOrEqual(0)
  })

  it('never writes through a symlink, outside the workspace, or into a FIFO', async () => {
    const outside = tree({ 'victim.xml': 'keep\n' })
    // a checkout of the default branch: the action reads its checklist there
    const root = tempRepo([
      { date: new Date(), files: { 'docs/runbook.md': '# Runbook\n', '.github/go-live.yml': CHECKLIST } }
    ])
    dirs.push(root)
    symlinkSync(path.join(outside, 'victim.xml'), path.join(root, 'link.xml'))
    symlinkSync(outside, path.join(root, 'linkdir'))
    execFileSync('mkfifo', [path.join(root, 'fifo.xml')])
    const cases: [string, RegExp][] = [
      ['link.xml', /--junit 'link\.xml' is a symlink/],
      ['linkdir/victim.xml', /--junit 'linkdir\/victim\.xml': linkdir is not a folder/],
      [path.join(outside, 'victim.xml'), /must be a file inside the workspace/],
      ['../victim.xml', /must be a file inside the workspace/],
      ['fifo.xml', /--junit 'fifo\.xml' is not a regular file/]
    ]
    // the FIFO through the bundle (were it waited on, only that process would hang), the others through the
    // same code in this process
    for (const [file, message] of cases) {
      const r =
        file === 'fifo.xml'
          ? runCli(['check', '--junit', file], root)
          : await runInProcess(['check', '--junit', file], root)
      expect([file, r.code]).toEqual([file, 2])
      expect(r.stderr).toMatch(message)
      // refused before anything ran: no verdict printed
      expect(r.stdout).toBe('')
    }
    expect(readFileSync(path.join(outside, 'victim.xml'), 'utf8')).toBe('keep\n')
  })

  it('the action writes it from input junit', () => {
    // a checkout of the default branch: the action reads its checklist there
    const root = tempRepo([
      { date: new Date(), files: { 'docs/runbook.md': '# Runbook\n', '.github/go-live.yml': CHECKLIST } }
    ])
    dirs.push(root)
    mkdirSync(path.join(root, 'out'))
    writeFileSync(path.join(root, 'out/old.xml'), 'x')
    const r = runAction(root, { junit: 'out/junit.xml', mode: 'report' }, { GITHUB_WORKSPACE: root })
    expect(r.code).toBe(0)
    const doc = parseXml(readFileSync(path.join(root, 'out/junit.xml'), 'utf8'))
    expect(doc.attributes.tests).toBe('5')
  })
})
