// The worker-thread scan runs only from the bundle (under ts-jest there is no worker script, so the scan stays
// in-thread): run the built CLI on a tree large enough for workers and compare with the in-thread scan.
// Needs `npm run build` first, as the other tests of dist/ do.
import { describe, expect, test, beforeAll, afterAll } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { check, type SecretsOptions, type SecretFinding } from '../../src/checks/secrets/index.js'
import type { Item } from '../../src/checklist/types.js'
import { Workspace } from '../../src/workspace.js'
import { ports } from '../helpers/context.js'
import { buildCorpus, checksummed, CUSTOM_RULE, type Corpus } from '../../__fixtures__/secrets/corpus.js'
import { CLI, countingWorkers, runCli, type Run } from '../helpers/run-dist.js'

const WORKER = path.join(path.dirname(CLI), 'secrets-worker.js')
const STARTED = 'test: secret scan worker thread started'

const OPTIONS: SecretsOptions = { rules: { custom: [CUSTOM_RULE] } }
const CHECKLIST = `version: 1
name: Worker scan
sections:
  - title: Security
    items:
      - id: no-hardcoded-credentials
        title: No hardcoded credentials in repository
        check: secrets
        with: ${JSON.stringify(OPTIONS)}
`

/** Innocuous source text: many lines, some with keywords of the rules but no credential. */
function filler(n: number): string {
  const lines: string[] = [`// generated file ${n}`]
  for (let i = 0; i < 220; i++)
    lines.push(
      i % 11 === 0
        ? `const token${i} = readToken(config.tokenName) // the password comes from process.env.PASSWORD_${i}`
        : `export function step${i}(value: number): number { return value * ${i} + ${n} /* plain code */ }`
    )
  return lines.join('\n') + '\n'
}

function writeTree(dir: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), content)
  }
}

const key = (f: SecretFinding): string => `${f.rule} ${f.file}:${f.line} ${f.fingerprint}`

describe('secrets: the worker-thread scan of the bundle', () => {
  let dir: string
  let corpus: Corpus
  let cli: Run
  let inThread: SecretFinding[]
  beforeAll(async () => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npm run build\` first`)
    dir = mkdtempSync(path.join(tmpdir(), 'secrets-workers-'))
    const now = new Date()
    corpus = buildCorpus(now)
    const files: Record<string, string> = { '.github/go-live.yml': CHECKLIST }
    // the corpus three times, at the start, the middle and the end of the file order, so that its findings
    // come back from different batches and workers
    for (const prefix of ['a', 'm', 'z'])
      for (const [file, content] of Object.entries(corpus.files)) files[`${prefix}/${file}`] = content
    for (let n = 0; n < 400; n++) files[`${['b', 'n', 'y'][n % 3]}/src/f${n}.ts`] = filler(n)
    writeTree(dir, files)
    cli = runCli(['check', '--json', '-'], dir, { NODE_OPTIONS: countingWorkers(STARTED) })
    const item: Item = {
      id: 'no-hardcoded-credentials',
      title: 'No hardcoded credentials in repository',
      section: 'Security',
      check: 'secrets',
      with: OPTIONS as Record<string, unknown>,
      severity: 'blocking',
      timeout: 120
    }
    const outcome = await check(OPTIONS, item, {
      workspace: new Workspace(dir),
      ...ports(dir),
      checklist: { path: '.github/go-live.yml', name: 'test', roles: {}, sections: [], items: [] },
      event: { name: 'local' },
      now: () => now,
      signal: new AbortController().signal
    })
    inThread = outcome.details?.findings as SecretFinding[]
  }, 60_000)
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  test('the CLI scans in worker threads', () => {
    expect(cli.stderr).toContain(STARTED)
  })

  test('finds what the in-thread scan finds, in the same order', () => {
    expect(cli.code).toBe(1)
    const report = JSON.parse(cli.stdout) as {
      items: { id: string; status: string; details?: { findings: SecretFinding[] } }[]
    }
    const secrets = report.items.find(i => i.id === 'no-hardcoded-credentials')
    expect(secrets?.status).toBe('fail')
    const viaWorkers = (secrets?.details?.findings ?? []).map(key)
    // every planted credential, three times
    expect(inThread.length).toBe(3 * corpus.plants.length)
    expect(viaWorkers).toEqual(inThread.map(key))
  })

  test('no credential value appears in the output', () => {
    const output = cli.stdout + cli.stderr
    for (const { secret } of corpus.plants) {
      const probes = secret.length >= 12 ? [secret, secret.slice(4, 12)] : [secret]
      for (const probe of probes) expect(output.includes(probe)).toBe(false)
    }
  })
})

describe('secrets: a directory reached through a symlink is never scanned', () => {
  test('neither as a path nor under a glob, and it is counted', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'secrets-links-'))
    const outside = mkdtempSync(path.join(tmpdir(), 'secrets-outside-'))
    try {
      writeTree(outside, { 'sub/leak.env': `GH=${checksummed('ghp_')}\n` })
      writeTree(dir, { 'src/app.ts': 'export const x = 1\n' })
      symlinkSync(outside, path.join(dir, 'vendor'))
      for (const paths of [['vendor/sub'], ['vendor/sub/*.env'], ['vendor/*/leak.env'], ['.']]) {
        const options: SecretsOptions = { paths }
        const o = await check(
          options,
          {
            id: 's',
            title: 's',
            section: 's',
            check: 'secrets',
            with: options as Record<string, unknown>,
            severity: 'blocking',
            timeout: 60
          },
          {
            workspace: new Workspace(dir),
            ...ports(dir),
            checklist: { path: '.github/go-live.yml', name: 'test', roles: {}, sections: [], items: [] },
            event: { name: 'local' },
            now: () => new Date(),
            signal: new AbortController().signal
          }
        )
        expect([paths, o.status, o.details?.findings]).toEqual([paths, 'pass', []])
        // a pattern that would go through the link counts it; `.` never lists the link at all
        expect((o.details?.skipped as { symlinks: number }).symlinks).toBe(paths[0] === '.' ? 0 : 1)
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
      rmSync(outside, { recursive: true, force: true })
    }
  })
})
