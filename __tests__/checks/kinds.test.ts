import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseChecklist } from '../../src/checklist/load.js'
import { KINDS, kindSpec } from '../../src/checks/registry.js'
import { ChecklistErrors } from '../../src/errors.js'

const CHECKS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/checks')
const fragment = (kind: string) =>
  JSON.parse(readFileSync(path.join(CHECKS, kind, 'schema.json'), 'utf8')) as {
    withRequired: boolean
    options: { properties: Record<string, unknown> }
  }

const problems = (text: string): string[] => {
  try {
    parseChecklist(text, 'go-live.yml')
    return []
  } catch (e) {
    if (e instanceof ChecklistErrors) return e.problems.map(x => x.message)
    throw e
  }
}

describe('a kind is one folder', () => {
  it('every folder with a check is registered, and every registered kind has its folder', () => {
    const folders = readdirSync(CHECKS, { withFileTypes: true })
      .filter(d => d.isDirectory() && readdirSync(path.join(CHECKS, d.name)).includes('index.ts'))
      .map(d => d.name)
    expect([...KINDS].sort()).toEqual(folders.sort())
  })

  it.each([...KINDS])('%s: the options its spec names are options of its schema', kind => {
    const spec = kindSpec(kind)!
    const options = Object.keys(fragment(kind).options.properties ?? {})
    const named = [
      ...(spec.paths ?? []),
      ...(spec.regexes ?? []),
      ...(spec.durations ?? []),
      ...(spec.roles ?? [])
    ]
    expect(named.filter(o => !options.includes(o))).toEqual([])
    // a kind that needs options says which
    expect(fragment(kind).withRequired && !spec.needs).toBe(false)
  })

  it('a name that is not a kind has no spec, whatever the object prototype holds', () => {
    for (const name of ['toString', '__proto__', 'constructor', 'jira'])
      expect(kindSpec(name)).toBeUndefined()
  })
})

describe('roles named by the checklist', () => {
  const checklist = (owner: string) => `version: 1
name: T
roles:
  release-manager: { users: [alice] }
sections:
  - title: S
    items:
      - { id: a, title: A, owner: ${owner} }
      - { id: b, title: B, check: approvals, with: { roles: [${owner}] } }
`
  it('a role is defined only by the roles of the file, not by the object prototype', () => {
    expect(problems(checklist('release-manager'))).toEqual([])
    const found = problems(checklist('constructor'))
    expect(found.filter(m => m.includes("role 'constructor' is not defined"))).toHaveLength(2)
  })
})
