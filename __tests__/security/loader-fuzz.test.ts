// Fuzz-style: random and hostile YAML must never crash the loader. Every outcome is a checklist or located
// problems (PATH:LINE:COL: message), never a stack trace nor a Node warning; through the CLI, exit 0 or 2.
//
// The cases come from a seeded generator: the same ones on every run, so a failure can be replayed. For a
// longer or another run: GLG_FUZZ_CASES=20000 GLG_FUZZ_SEED=7 npx jest __tests__/security/loader-fuzz.test.ts
// (defaults 1500 and 20261201; the seed is in the failure message).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseChecklist } from '../../src/checklist/load.js'
import { cli } from '../../src/commands/dispatch.js'
import { ChecklistErrors } from '../../src/errors.js'
import { runCli, type Run } from '../helpers/run-dist.js'

const CASES = Number(process.env.GLG_FUZZ_CASES ?? 1500)
const SEED = Number(process.env.GLG_FUZZ_SEED ?? 20261201)

const BASE = `version: 1
name: Fuzz \${release}
release: v1
roles:
  release-manager: { title: RM, users: [alice] }
defaults: { severity: blocking, timeout: 60 }
sections:
  - title: S
    items:
      - id: a
        title: A
        owner: release-manager
      - id: b
        title: B
        check: file
        with: { path: "docs/*.md", contains: "Release \${release}", max-age: 30d }
      - id: c
        title: C
        check: values
        with: { file: c.json, assert: [{ path: "x.y[0]", lt: 5 }, { path: z, matches: "^a+$" }] }
      - id: d
        title: D
        check: approvals
        with: { roles: [release-manager], count: 1 }
      - id: e
        title: E
        check: secrets
        with: { paths: ["."], rules: { custom: [{ id: k, pattern: "K-[0-9]{4}" }] } }
`

const HOSTILE = [
  'toString',
  'constructor',
  'hasOwnProperty',
  '__proto__',
  'valueOf',
  'prototype',
  '__defineGetter__',
  '${release}',
  '${name}',
  '${env:HOME}',
  '(a+)+b',
  '[',
  '{',
  '}',
  ']',
  '*x',
  '&x',
  '!!binary AAAA',
  '!!js/function x',
  '? [a, b]',
  '? {a: 1}',
  '~',
  'null',
  '.inf',
  '-.nan',
  '0x1F',
  '1e400',
  '"\\u202e"',
  '"a\\rb"',
  '"\\u0000"',
  "'",
  '"',
  '|',
  '>',
  '- ',
  ': ',
  '#',
  '\t',
  '---',
  '...',
  '%YAML 1.1',
  '<<: *x',
  '&a [*a]',
  '[[[[[[[[[[[[[[]]]]]]]]]]]]]]',
  '../../etc/passwd',
  '/etc/passwd',
  'C:\\x',
  '~/x',
  '"' + 'x'.repeat(5000) + '"'
]

/** A small deterministic PRNG (mulberry32): the same cases on every run, so a failure can be replayed. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function mutate(text: string, random: () => number): string {
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]
  let lines = text.split('\n')
  const rounds = 1 + Math.floor(random() * 4)
  for (let r = 0; r < rounds; r++) {
    if (lines.length === 0) break
    const i = Math.floor(random() * lines.length)
    const line = lines[i]
    switch (Math.floor(random() * 7)) {
      case 0: // replace a value
        lines[i] = line.replace(/:\s*(.*)$/, `: ${pick(HOSTILE)}`)
        break
      case 1: // replace a key
        lines[i] = line.replace(/^(\s*-?\s*)[\w-]+:/, `$1${pick(HOSTILE)}:`)
        break
      case 2: // drop a line
        lines.splice(i, 1)
        break
      case 3: // duplicate a line
        lines.splice(i, 0, line)
        break
      case 4: // shift indentation
        lines[i] = random() < 0.5 ? ` ${line}` : line.replace(/^ /, '')
        break
      case 5: // insert a hostile line
        lines.splice(i, 0, `${' '.repeat(Math.floor(random() * 10))}${pick(HOSTILE)}: ${pick(HOSTILE)}`)
        break
      case 6: // cut the file
        lines = lines.slice(0, i)
        break
    }
  }
  return lines.join('\n')
}

const LOCATED = /^go-live\.yml:\d+:\d+: \S/

/** `n` random mutations of BASE, then every hostile token at the key and value positions; each text once. */
function cases(n: number): string[] {
  const random = rng(SEED)
  const out: string[] = []
  for (let i = 0; i < n; i++) out.push(mutate(BASE, random))
  // and every hostile token at every key and value position of one line
  for (const h of HOSTILE) {
    out.push(BASE.replace('check: file', `check: ${h}`))
    out.push(BASE.replace('owner: release-manager', `owner: ${h}`))
    out.push(BASE.replace('roles: [release-manager]', `roles: [${h}]`))
    out.push(BASE.replace('  release-manager: { title: RM', `  ${h}: { title: RM`))
  }
  // a mutation that comes out the same as an earlier one (a line dropped twice...) adds nothing: ~15%
  return [...new Set(out)]
}

describe(`loader fuzz (seed ${SEED}, ${CASES} random cases)`, () => {
  const dirs: string[] = []
  afterAll(() => dirs.forEach(d => rmSync(d, { recursive: true, force: true })))

  it('random and hostile YAML gives a checklist or located problems, never a crash nor a warning', async () => {
    const warnings: string[] = []
    const onWarning = (w: Error) => warnings.push(w.message)
    process.on('warning', onWarning)
    const crashes: string[] = []
    try {
      for (const text of cases(CASES)) {
        try {
          parseChecklist(text, 'go-live.yml', { release: '(a+)+b' })
        } catch (e) {
          if (!(e instanceof ChecklistErrors)) {
            crashes.push(`${(e as Error).message}\n--- input ---\n${text.slice(0, 400)}`)
            continue
          }
          for (const p of e.problems)
            if (!LOCATED.test(p.toString()) || /\n/.test(p.toString()))
              crashes.push(`unlocated: ${p.toString()}`)
        }
      }
    } finally {
      // Node emits warnings on a later tick
      await new Promise(resolve => setImmediate(resolve))
      process.off('warning', onWarning)
    }
    expect(crashes.slice(0, 3)).toEqual([])
    expect(warnings).toEqual([])
  })

  describe('through the command line: exit 0 or 2, located lines only, no stack trace, no Node warning', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'glg-fuzz-'))
    dirs.push(dir)
    /** `go-live-gate validate` in this process: the command's own code, its output and exit code */
    async function validate(text: string): Promise<Run> {
      writeFileSync(path.join(dir, 'go-live.yml'), text)
      let stdout = ''
      let stderr = ''
      const code = await cli({
        argv: ['validate', '--checklist', 'go-live.yml'],
        cwd: dir,
        env: {},
        stdout: s => (stdout += s),
        stderr: s => (stderr += s),
        color: false
      })
      return { code, stdout, stderr }
    }
    const seen = (r: Run) => {
      expect([0, 2]).toContain(r.code)
      const unlocated = (r.code === 2 ? r.stderr.trim().split('\n') : []).filter(
        line => !/^(go-live\.yml:\d+:\d+: \S|go-live-gate: )/.test(line)
      )
      expect(unlocated).toEqual([])
      expect(r.stderr).not.toMatch(/\n\s+at |Warning|TypeError|RangeError|internal error/)
    }
    // every hostile token at every position, in this process; then a few of them, one of each outcome, through
    // the bundle (a process each: ~0.15 s of CPU), which must print what this process printed
    const hostile = [BASE, ...cases(0)]
    const outcomes: { text: string; run: Run }[] = []
    const warnings: string[] = []
    beforeAll(async () => {
      const onWarning = (w: Error) => warnings.push(w.message)
      process.on('warning', onWarning)
      try {
        for (const text of hostile) outcomes.push({ text, run: await validate(text) })
      } finally {
        await new Promise(resolve => setImmediate(resolve))
        process.off('warning', onWarning)
      }
    })

    it('in this process, every hostile case', () => {
      expect(outcomes).toHaveLength(hostile.length)
      for (const { run } of outcomes) seen(run)
      expect(warnings).toEqual([])
      // both outcomes are there: a valid checklist (BASE), and problems
      expect(new Set(outcomes.map(o => o.run.code))).toEqual(new Set([0, 2]))
    })

    it('through the bundle, a case of each outcome prints the same', () => {
      // valid, or which layer found the first problem: the YAML parser, the schema, or the loader's own rules
      const outcome = (r: Run) => {
        const first = r.stderr.replace(/^go-live\.yml:\d+:\d+: /, '')
        if (r.code === 0) return 'valid'
        if (first.startsWith('YAML: ')) return 'yaml'
        return /^'[^']*' must /.test(first) ? 'schema' : 'rules'
      }
      const picked = new Map<string, { text: string; run: Run }>()
      for (const o of outcomes) if (!picked.has(outcome(o.run))) picked.set(outcome(o.run), o)
      expect([...picked.keys()].sort()).toEqual(['rules', 'schema', 'valid', 'yaml'])
      const sample = [...picked.values()]
      for (const { text, run } of sample) {
        writeFileSync(path.join(dir, 'go-live.yml'), text)
        const r = runCli(['validate', '--checklist', 'go-live.yml'], dir)
        seen(r)
        expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual(run)
      }
    })
  })
})
