import { describe, expect, test, beforeAll, afterAll } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { check, type SecretsOptions, type SecretFinding } from '../../src/checks/secrets/index.js'
import { RULES } from '../../src/checks/secrets/rules.js'
import type { CheckContext, Outcome } from '../../src/checks/types.js'
import type { GateEvent } from '../../src/event.js'
import type { Item } from '../../src/checklist/types.js'
import { Workspace } from '../../src/workspace.js'
import { ports } from '../helpers/context.js'
import {
  buildCorpus,
  checksummed,
  CORPUS_SEED,
  CUSTOM_RULE,
  rnd,
  type Corpus
} from '../../__fixtures__/secrets/corpus.js'

const NOW = new Date('2026-03-01T12:00:00Z')

function context(dir: string, event: GateEvent = { name: 'local' }): CheckContext {
  return {
    workspace: new Workspace(dir),
    ...ports(dir),
    checklist: { path: '.github/go-live.yml', name: 'test', roles: {}, sections: [], items: [] },
    event,
    now: () => NOW,
    signal: new AbortController().signal
  }
}

const item = (options: SecretsOptions): Item => ({
  id: 'no-hardcoded-credentials',
  title: 'No hardcoded credentials in repository',
  section: 'Security',
  check: 'secrets',
  with: options as Record<string, unknown>,
  severity: 'blocking',
  timeout: 120
})

async function run(dir: string, options: SecretsOptions, event?: GateEvent): Promise<Outcome> {
  return check(options, item(options), context(dir, event))
}

function writeTree(dir: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), content)
  }
}

/** Every output a user or a log could see, as one string. */
const everything = (o: Outcome): string => JSON.stringify(o)

function expectNoLeak(output: string, secrets: string[]): void {
  for (const s of secrets) {
    expect(output.includes(s)).toBe(false)
    // nor any 8 characters of it past the 4 that `redacted` may show
    if (s.length >= 12) expect(output.includes(s.slice(4, 12))).toBe(false)
  }
}

describe(`secrets: recall and false positives on a planted corpus (seed ${CORPUS_SEED})`, () => {
  let dir: string
  let corpus: Corpus
  let outcome: Outcome
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'secrets-corpus-'))
    corpus = buildCorpus(NOW)
    writeTree(dir, corpus.files)
    outcome = await run(dir, { rules: { custom: [CUSTOM_RULE] } })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('the corpus plants at least one credential for every built-in rule', () => {
    const planted = new Set(corpus.plants.map(p => p.rule))
    expect(RULES.length).toBeGreaterThanOrEqual(40)
    expect(RULES.map(r => r.id).filter(id => !planted.has(id))).toEqual([])
  })

  test('every planted credential is found at its file and line, and nothing else is', () => {
    const findings = outcome.details?.findings as SecretFinding[]
    const got = findings.map(f => `${f.rule} ${f.file}:${f.line}`).sort()
    const want = corpus.plants.map(p => `${p.rule} ${p.file}:${p.line}`).sort()
    expect(got).toEqual(want)
    expect(outcome.status).toBe('fail')
  })

  test('the summary names the first findings and what to do', () => {
    expect(outcome.summary).toMatch(
      new RegExp(
        `^${corpus.plants.length} credentials found \\(.+ in .+:\\d+, .+, and \\d+ more\\): remove them, rotate them, and use a secret store$`
      )
    )
  })

  test('details follow the contract and never hold a secret', () => {
    const d = outcome.details as Record<string, unknown>
    expect(d.filesScanned).toBe(Object.keys(corpus.files).length)
    expect(d.bytesScanned).toBe(Object.values(corpus.files).reduce((n, c) => n + Buffer.byteLength(c), 0))
    for (const f of d.findings as SecretFinding[]) {
      expect(Object.keys(f).sort()).toEqual([
        'confidence',
        'file',
        'fingerprint',
        'level',
        'line',
        'redacted',
        'rule'
      ])
      expect(f.redacted).toMatch(/^.{0,4}…$/)
      expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/)
    }
    expect(outcome.annotations).toHaveLength(corpus.plants.length)
    expectNoLeak(
      everything(outcome),
      corpus.plants.map(p => p.secret)
    )
  })

  test('a second scan gives the same fingerprints (a baseline stays valid)', async () => {
    const again = await run(dir, { rules: { custom: [CUSTOM_RULE] } })
    expect((again.details?.findings as SecretFinding[]).map(f => f.fingerprint)).toEqual(
      (outcome.details?.findings as SecretFinding[]).map(f => f.fingerprint)
    )
  })
})

describe('secrets: suppression', () => {
  let dir: string
  const pat = checksummed('ghp_')
  const npm = checksummed('npm_')
  const pw = rnd.b62(16)
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'secrets-suppress-'))
    writeTree(dir, {
      'a.env': `GH=${pat}\nNPM=${npm} # go-live:allow test fixture\n`,
      'b.py': `password = "${pw}"\n`
    })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('go-live:allow on the line suppresses that finding only', async () => {
    const o = await run(dir, {})
    expect((o.details?.findings as SecretFinding[]).map(f => `${f.rule}:${f.file}:${f.line}`)).toEqual([
      'github-pat:a.env:1',
      'generic-password:b.py:1'
    ])
    expect(o.details?.suppressed).toEqual({ inline: 1, baseline: 0 })
  })

  test('a baseline of fingerprints accepts known findings and the gate passes', async () => {
    const first = await run(dir, {})
    const fps = (first.details?.findings as SecretFinding[]).map(f => f.fingerprint)
    writeFileSync(path.join(dir, '.secrets-baseline'), `# accepted\n${fps.join('\n')}\n`)
    const o = await run(dir, { baseline: '.secrets-baseline' })
    expect(o.status).toBe('pass')
    expect(o.summary).toBe(
      'no credentials in 3 files (232 B) (2 accepted by the baseline, 1 allowed inline)'.replace(
        '232 B',
        `${o.details?.bytesScanned} B`
      )
    )
  })

  test('a missing baseline file is an error, not a pass', async () => {
    await expect(run(dir, { baseline: 'nope.txt' })).rejects.toThrow(/nope\.txt does not exist/)
  })

  test('rules.disable turns a rule off; an unknown id is an error', async () => {
    const o = await run(dir, { rules: { disable: ['github-pat', 'generic-password'] } })
    expect(o.status).toBe('pass')
    await expect(run(dir, { rules: { disable: ['no-such-rule'] } })).rejects.toThrow(
      /unknown rule\(s\) no-such-rule/
    )
  })

  test('a custom rule with a catastrophic pattern is refused', async () => {
    await expect(run(dir, { rules: { custom: [{ id: 'bad', pattern: '(a+)+$' }] } })).rejects.toThrow(
      /nested quantifier/
    )
  })
})

describe('secrets: scope', () => {
  let dir: string
  let outside: string
  const tok = checksummed('ghp_')
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'secrets-scope-'))
    outside = mkdtempSync(path.join(tmpdir(), 'secrets-outside-'))
    writeFileSync(path.join(outside, 'leak.env'), `GH=${checksummed('ghp_')}\n`)
    writeTree(dir, {
      '.gitignore': 'build/\n*.log\n',
      'src/app.ts': `const t = '${tok}'\n`,
      'build/out.js': `const t = '${checksummed('ghp_')}'\n`,
      'debug.log': `token ${checksummed('ghp_')}\n`,
      'vendor/lib.js': `const t = '${checksummed('ghp_')}'\n`,
      'big.txt': `GH=${checksummed('ghp_')}\n` + 'a'.repeat(4000) + '\n',
      '.git/config': `[remote]\n  url = https://x:${checksummed('ghp_')}@github.com/a/b\n`
    })
    writeFileSync(
      path.join(dir, 'image.bin'),
      Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(`ghp=${checksummed('ghp_')}`)])
    )
    symlinkSync(path.join(outside, 'leak.env'), path.join(dir, 'link.env'))
  })
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
    rmSync(outside, { recursive: true, force: true })
  })

  test('.gitignore, exclude, .git/ and symlinks out of the repository; binary files are scanned too', async () => {
    const o = await run(dir, { exclude: ['vendor', 'big.txt'], 'max-file-size': '2KB' })
    expect((o.details?.findings as SecretFinding[]).map(f => `${f.file}:${f.line}`)).toEqual([
      'image.bin:1',
      'src/app.ts:1'
    ])
    // the symlink is not even listed: links are never followed
    expect(o.details?.skipped).toEqual({ binary: 0, tooLarge: 0, symlinks: 0, unreadable: 0, gitignored: 2 })
    expect(o.details?.filesScanned).toBe(3) // .gitignore, image.bin and src/app.ts
  })

  test('a file over max-file-size is not skipped silently: the item is an error naming it', async () => {
    await expect(run(dir, { exclude: 'vendor', 'max-file-size': '2KB' })).rejects.toThrow(
      /1 file\(s\) in scope could not be scanned \(big\.txt: 4\d+ bytes, over max-file-size\)/
    )
  })

  test('paths limits the scan', async () => {
    const o = await run(dir, { paths: ['vendor'] })
    expect((o.details?.findings as SecretFinding[]).map(f => f.file)).toEqual(['vendor/lib.js'])
    expect(o.details?.filesScanned).toBe(1)
  })
})

describe('secrets: history', () => {
  let dir: string
  const removed = checksummed('ghp_')
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@e',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@e'
      }
    }).trim()
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'secrets-history-'))
    git('init', '-q', '-b', 'main')
    writeTree(dir, { 'README.md': '# app\n' })
    git('add', '.')
    git('commit', '-q', '-m', 'first')
    git('tag', 'v1.0.0')
    writeTree(dir, { 'src/deploy.sh': `#!/bin/sh\necho deploy\nexport GH=${removed}\n` })
    git('add', '.')
    git('commit', '-q', '-m', 'add deploy')
    writeTree(dir, { 'src/deploy.sh': '#!/bin/sh\necho deploy\nexport GH="$GH_TOKEN"\n' })
    git('commit', '-q', '-am', 'remove token')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('since-tag finds a credential added and removed since the last tag, and names the commit', async () => {
    const o = await run(dir, { history: 'since-tag' })
    const addedIn = git('rev-list', '-1', 'HEAD~1')
    expect(o.status).toBe('fail')
    expect(o.details?.findings).toEqual([
      expect.objectContaining({ rule: 'github-pat', file: 'src/deploy.sh', line: 3, commit: addedIn })
    ])
    expect(o.summary).toContain(`github-pat in src/deploy.sh:3 (commit ${addedIn.slice(0, 7)})`)
    expectNoLeak(everything(o), [removed])
  })

  test('pr scans base..head of the pull request', async () => {
    const base = git('rev-parse', 'v1.0.0')
    const head = git('rev-parse', 'HEAD')
    const pr = {
      number: 7,
      headSha: head,
      headRef: 'f',
      baseSha: base,
      baseRef: 'main',
      author: 'a',
      fork: false
    }
    const o = await run(dir, { history: 'pr' }, { name: 'pull_request', sha: head, pr })
    expect((o.details?.findings as SecretFinding[]).map(f => f.commit)).toEqual([git('rev-parse', 'HEAD~1')])
  })

  test('pr without a pull request is an error that says why', async () => {
    await expect(run(dir, { history: 'pr' }, { name: 'push' })).rejects.toThrow(
      /needs a pull request.*'push'/
    )
  })
})
