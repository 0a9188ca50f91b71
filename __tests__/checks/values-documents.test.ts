import { afterAll, describe, expect, it } from '@jest/globals'
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Item } from '../../src/checklist/types.js'
import { check, type ValuesOptions } from '../../src/checks/values/index.js'
import { context, gitIn, tempTree } from '../helpers/context.js'
import { runCli } from '../helpers/run-dist.js'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const MANIFEST = readFileSync(path.resolve(HERE, '../../__fixtures__/values/helm-template-api.yaml'), 'utf8')
const dirs: string[] = []
const tree = (files: Record<string, string>) => {
  const d = tempTree(files)
  dirs.push(d)
  return d
}
afterAll(() => dirs.forEach(d => rmSync(d, { recursive: true, force: true })))

const item = { id: 'v', title: 'V' } as Item
const run = (options: Partial<ValuesOptions>) =>
  check(
    { file: 'k8s.yaml', format: 'auto', assert: [], ...options },
    item,
    context(tree({ 'k8s.yaml': MANIFEST }))
  ).catch((e: Error) => ({ status: 'error', summary: e.message }))

describe('values on multi-document YAML', () => {
  it('select picks the one document with those values', async () => {
    const outcome = await run({
      select: { kind: 'Deployment', 'metadata.name': 'api' },
      assert: [
        { path: 'spec.replicas', gte: 2 },
        { path: 'spec.template.spec.containers[0].image', matches: '(?i):1\\.4\\.\\d+$' }
      ]
    })
    expect([outcome.status, outcome.summary]).toEqual([
      'pass',
      'k8s.yaml [kind=Deployment, metadata.name=api]: 2 assertions hold'
    ])
    const worker = await run({
      select: { kind: 'Deployment', 'metadata.name': 'worker' },
      assert: [{ path: 'spec.replicas', gte: 2 }]
    })
    expect([worker.status, worker.summary]).toEqual([
      'fail',
      'spec.replicas is 1, expected >= 2 (k8s.yaml [kind=Deployment, metadata.name=worker])'
    ])
  })

  it('a syntax error in a later document names its line, never its text', async () => {
    const broken = check(
      { file: 'k.yaml', format: 'auto', assert: [{ path: 'kind', exists: true }], document: 0 },
      item,
      context(tree({ 'k.yaml': 'kind: A\n---\nkind: B\ntoken: "abc\n' }))
    )
    await expect(broken).rejects.toThrow(
      'cannot parse k.yaml (YAML: this quote is never closed (the parser noticed only at line 5): close it at line 4, column 8)'
    )
    await expect(broken).rejects.not.toThrow(/abc/)
  })

  it('document: N is 0-based among the non-empty documents', async () => {
    const outcome = await run({ document: 1, assert: [{ path: 'kind', equals: 'Service' }] })
    expect([outcome.status, outcome.summary]).toEqual(['pass', 'k8s.yaml [document 1]: 1 assertion holds'])
  })

  it('cannot tell which document: error, never pass', async () => {
    expect(await run({ assert: [{ path: 'kind', exists: true }] })).toEqual({
      status: 'error',
      summary:
        "k8s.yaml holds 4 documents: pick one with 'document: N' (0-based) or 'select: { kind: Deployment, metadata.name: api }'"
    })
    expect(await run({ select: { kind: 'Deployment' }, assert: [{ path: 'kind', exists: true }] })).toEqual({
      status: 'error',
      summary: `2 documents of k8s.yaml have kind="Deployment": add a key to 'select' so that one matches`
    })
    expect(await run({ select: { kind: 'StatefulSet' }, assert: [{ path: 'kind', exists: true }] })).toEqual({
      status: 'error',
      summary: `no document of k8s.yaml (4 documents) has kind="StatefulSet": check 'select'`
    })
    expect(await run({ document: 4, assert: [{ path: 'kind', exists: true }] })).toEqual({
      status: 'error',
      summary: `k8s.yaml has 4 documents, so there is no document 4 (0-based): check 'document'`
    })
    // a prototype key is not a value of the document
    expect(
      (await run({ select: { 'metadata.constructor': 'x' }, assert: [{ path: 'kind', exists: true }] }))
        .status
    ).toBe('error')
  })

  it('through the CLI: x- keys hold anchors, select validates, both options at once is a checklist error', () => {
    const checklist = `version: 1
name: K8s
x-api: &api { kind: Deployment, metadata.name: api }
sections:
  - title: S
    items:
      - id: replicas
        title: At least 2 replicas
        check: values
        with: { file: k8s.yaml, select: *api, assert: [{ path: spec.replicas, gte: 2 }] }
`
    // a document whose key is a list: the parser's warning about it (with the key's text) is never printed
    const hostile = '---\n? [x-hostile, "::error::forged"]\n: 1\n'
    const root = tree({ 'k8s.yaml': MANIFEST + hostile, '.github/go-live.yml': checklist })
    gitIn(root, ['init', '-q'])
    expect(runCli(['validate'], root).stdout).toBe('.github/go-live.yml: valid (1 item in 1 section)\n')
    const r = runCli(['check'], root)
    expect(r.stdout).toMatch(
      /✔ pass\s+replicas\s+k8s\.yaml \[kind=Deployment, metadata\.name=api\]: 1 assertion holds/
    )
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')

    const bad = tree({
      '.github/go-live.yml': `version: 1
name: K8s
anchors: {}
sections:
  - title: S
    items:
      - id: replicas
        title: R
        check: values
        with: { file: k8s.yaml, document: 0, select: { "a[": 1 }, assert: [{ path: kind, exists: true }] }
`
    })
    const v = runCli(['validate'], bad)
    expect(v.code).toBe(2)
    expect(v.stderr.trim().split('\n')).toEqual([
      `.github/go-live.yml:3:1: unknown field 'anchors'; expected one of: version, name, release, roles, defaults, stages, sections, waivers (or an x- key, such as x-anchors, for YAML anchors)`,
      `.github/go-live.yml:10:54: use 'document' or 'select', not both`,
      `.github/go-live.yml:10:56: 'select' path 'a[' is malformed: unclosed '[' at character 2`
    ])
  })
})
