import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseChecklist } from '../../src/checklist/load.js'
import { KINDS, kindSpec, loadCheck } from '../../src/checks/registry.js'
import { ChecklistErrors } from '../../src/errors.js'
import type { Check } from '../../src/checks/types.js'
import type { check as secretsCheck } from '../../src/checks/secrets/index.js'
import type { SecretsOptions } from '../../src/checks/secrets/options.gen.js'
import { context } from '../helpers/context.js'

const CHECKS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/checks')
const fragment = (kind: string) =>
  JSON.parse(readFileSync(path.join(CHECKS, kind, 'schema.json'), 'utf8')) as {
    withRequired: boolean
    options: { properties: Record<string, { default?: unknown }> }
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

  it('each kind reads its options as the type generated from its schema fragment (options.gen.ts)', () => {
    const handWritten = ['secrets']
    for (const kind of KINDS.filter(k => !handWritten.includes(k)))
      expect(readFileSync(path.join(CHECKS, kind, 'index.ts'), 'utf8')).toMatch(
        /^import type \{ \w+Options \} from '\.\/options\.gen\.js'$/m
      )
  })

  it('a name that is not a kind has no spec, whatever the object prototype holds', () => {
    for (const name of ['toString', '__proto__', 'constructor', 'jira'])
      expect(kindSpec(name)).toBeUndefined()
  })
})

// Kinds that still declare their options by hand are checked at compile time (npm run typecheck): the options
// the loader gives (the generated type, defaults filled in) must be what the check accepts.
type Accepts<O, C extends Check<O>> = C
type _SecretsAccepts = Accepts<SecretsOptions, typeof secretsCheck>

describe('defaults live in the schema fragments only', () => {
  const item = (kind: string, w = '') => {
    const text = `version: 1\nname: T\nsections:\n  - title: S\n    items:\n      - { id: a, title: A, check: ${kind}${w} }\n`
    return parseChecklist(text, 'go-live.yml').items[0]
  }

  it.each([...KINDS].filter(k => !fragment(k).withRequired))(
    '%s: an item without with: gets each default its fragment gives, and nothing else',
    kind => {
      const defaults = Object.entries(fragment(kind).options.properties).filter(([, o]) => 'default' in o)
      const w = item(kind).with
      expect(Object.keys(w).sort()).toEqual(defaults.map(([k]) => k).sort())
      const plain = defaults.filter(([, o]) => typeof o.default !== 'object')
      expect(plain.map(([name]) => w[name])).toEqual(plain.map(([, o]) => o.default))
    }
  )

  it("the kind judges by the schema's default: vulnerabilities fails at fail-on high when the item names none", async () => {
    const loaded = item('vulnerabilities', ', with: { report: npm-audit.json }')
    expect(loaded.with['fail-on']).toBe('high')
    const check = await loadCheck('vulnerabilities')
    const root = path.resolve(CHECKS, '../../__fixtures__/vulnerabilities/npm-project')
    const outcome = await check(loaded.with, loaded, context(root))
    expect(outcome.status).toBe('fail')
    expect(outcome.summary).toMatch(/^npm audit: 1 critical, 1 high \(fail-on high\): /)
    expect(outcome.details!.failOn).toBe('high')
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
