// Issue 9, local side: every attack a PR can mount through the tree, the checklist or the branch name, run
// against the bundle as a user runs it. Each test is named after the attack and asserts what the user sees.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseChecklist } from '../../src/checklist/load.js'
import { unifiedDiff } from '../../src/github/diff.js'
import { gitIn, writeFiles } from '../helpers/context.js'
import { runInProcess } from '../helpers/in-process.js'
import { runAction, runCli, runCliAsync, type Run } from '../helpers/run-dist.js'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const ROOT = path.resolve(HERE, '../..')
const BIN = path.join(ROOT, 'node_modules/.bin')
const NPM_PROJECT = path.join(ROOT, '__fixtures__/vulnerabilities/npm-project')

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

/** A work tree with the given files, committed on `branch` (git add -f: ignored files are committed too). */
function repo(files: Record<string, string>, branch = 'main'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'glg-hostile-'))
  dirs.push(dir)
  gitIn(dir, ['init', '-q', '-b', branch])
  writeFiles(dir, files)
  gitIn(dir, ['add', '-A', '-f'])
  gitIn(dir, ['commit', '-q', '-m', 'tree'])
  return dir
}

function checklist(items: string, head = ''): string {
  return `version: 1\nname: Hostile\n${head}sections:\n  - title: Checks\n    items:\n${items}`
}

async function listen(handler: (req: IncomingMessage, body: string) => { status: number; body: string }) {
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', d => (body += d))
    req.on('end', () => {
      const r = handler(req, body)
      res.writeHead(r.status, { 'content-type': 'application/json' })
      res.end(r.body)
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` }
}

function close(server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise(resolve => server.close(() => resolve()))
}

/** A made-up credential, built at run time so that none is committed. */
const canary = (tag: string) => `CANARY${tag}${createHash('sha256').update(tag).digest('hex').slice(0, 24)}`

describe('3: audit tools run sandboxed', () => {
  let trusted: { server: Server; url: string }
  let prRegistry: { server: Server; url: string }
  let prRequests = 0
  beforeAll(async () => {
    // the registry the workflow names: it knows the lodash advisory (shape of registry.npmjs.org's bulk answer)
    trusted = await listen(req =>
      req.url?.includes('/-/npm/v1/security/advisories/bulk')
        ? {
            status: 200,
            body: JSON.stringify({
              lodash: [
                {
                  id: 1106913,
                  url: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm',
                  title: 'Command Injection in lodash',
                  severity: 'high',
                  vulnerable_versions: '<4.17.21',
                  cwe: ['CWE-77', 'CWE-94'],
                  cvss: { score: 7.2, vectorString: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }
                }
              ]
            })
          }
        : { status: 404, body: '{}' }
    )
    // the registry a PR's .npmrc names: it says "no vulnerabilities" to everything
    prRegistry = await listen(() => {
      prRequests++
      return { status: 200, body: '{}' }
    })
  })
  afterAll(async () => {
    await close(trusted.server)
    await close(prRegistry.server)
  })

  it("a PR's .yarnrc yarn-path pointing at its own script does not run (and never sees the token)", async () => {
    const dir = repo({
      '.github/go-live.yml': checklist(
        '      - id: deps\n        title: Dependencies audited\n        check: vulnerabilities\n        with: { source: yarn-audit }\n'
      ),
      'package.json': '{"name":"app","version":"1.0.0","dependencies":{"lodash":"4.17.20"}}\n',
      'yarn.lock':
        '# yarn lockfile v1\n\n\nlodash@4.17.20:\n  version "4.17.20"\n  resolved "https://registry.yarnpkg.com/lodash/-/lodash-4.17.20.tgz"\n',
      '.yarnrc': 'yarn-path "./tools/yarn.js"\n',
      'tools/yarn.js':
        'require("fs").writeFileSync(require("path").join(__dirname, "env.json"), JSON.stringify(process.env)); console.log("1.22.22"); console.log(JSON.stringify({type:"auditSummary",data:{vulnerabilities:{}}}))\n'
    })
    const token = `ghs_${'t'.repeat(36)}`
    const r = await runCliAsync(['check', '--json', 'report.json'], dir, {
      PATH: `${BIN}${path.delimiter}${process.env.PATH}`,
      GITHUB_TOKEN: token,
      GO_LIVE_GATE_AUDIT_REGISTRY: trusted.url
    })
    expect(existsSync(path.join(dir, 'tools/env.json'))).toBe(false)
    expect(r.stdout + r.stderr).not.toContain(token)
    const item = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')).items[0]
    expect(item.status).not.toBe('pass')
  })

  it("a PR's .npmrc registry answering 'no vulnerabilities' is not asked: the workflow's registry is", async () => {
    prRequests = 0
    const dir = repo({
      '.github/go-live.yml': checklist(
        '      - id: deps\n        title: Dependencies audited\n        check: vulnerabilities\n'
      ),
      'package.json': readFileSync(path.join(NPM_PROJECT, 'package.json'), 'utf8'),
      'package-lock.json': readFileSync(path.join(NPM_PROJECT, 'package-lock.json'), 'utf8'),
      '.npmrc': `registry=${prRegistry.url}\naudit-level=critical\n`
    })
    const r = await runCliAsync(['check'], dir, { GO_LIVE_GATE_AUDIT_REGISTRY: trusted.url })
    expect(prRequests).toBe(0)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /✖ fail\s+deps\s+npm audit: 1 high \(fail-on high\): lodash@4\.17\.\d+ GHSA-35jh-r3h4-6jhm/
    )
  })
})

describe('15: secrets in committed files are scanned, whatever hides them', () => {
  // one run, an item per hiding place: each item scans only its own file
  const item = (id: string, file: string, extra = '') =>
    `      - id: ${id}\n        title: No credentials\n        check: secrets\n        with: { paths: [${file}], ${extra}rules: { custom: [{ id: canary, pattern: "CANARY[a-z]+[0-9a-f]{24}" }] } }\n`
  let r: Run
  beforeAll(() => {
    const dir = repo({
      '.github/go-live.yml': checklist(
        item('ignored', 'conf') +
          item('binary', 'data.bin') +
          item('large', 'dump.sql', 'max-file-size: 2KB, ')
      ),
      '.gitignore': 'conf/\n',
      'conf/prod.env': `KEY=${canary('ignored')}\n`,
      'data.bin': `\0\x01\x02KEY=${canary('binary')}\n`,
      'dump.sql': `-- ${canary('large')}\n` + 'x'.repeat(4096) + '\n'
    })
    r = runCli(['check'], dir)
  })

  it('a credential committed in a .gitignored path is found', () => {
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/✖ fail\s+ignored\s+1 credential found \(canary in conf\/prod\.env:1\)/)
  })

  it('a NUL byte in front of a credential does not hide it', () => {
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/✖ fail\s+binary\s+1 credential found \(canary in data\.bin:1\)/)
  })

  it('a committed file over max-file-size makes the item an error naming it, never a silent pass', () => {
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /! error\s+large\s+1 file\(s\) in scope could not be scanned \(dump\.sql: \d+ bytes, over max-file-size\)/
    )
  })
})

describe('16: fingerprints', () => {
  it('the published fingerprint does not confirm a guessed password', () => {
    const guess = `CANARYguess${'0123456789abcdef01234567'}`
    const other = `CANARYguess${'fedcba9876543210fedcba98'}`
    const fingerprints = [guess, other].map(secret => {
      const dir = repo({
        '.github/go-live.yml': checklist(
          '      - id: creds\n        title: No credentials\n        check: secrets\n        with: { exclude: [report.json], rules: { custom: [{ id: canary, pattern: "CANARY[a-z]+[0-9a-f]{24}" }] } }\n'
        ),
        'app.env': `KEY=${secret}\n`
      })
      runCli(['check', '--json', 'report.json'], dir)
      return JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')).items[0].details.findings[0]
        .fingerprint
    })
    const unkeyed = createHash('sha256').update(`canary\0app.env\0${guess}`).digest('hex').slice(0, 32)
    expect(fingerprints[0]).not.toBe(unkeyed)
    // the value is not in the hash at all: two secrets that look alike where they are shown give one fingerprint
    expect(fingerprints[0]).toBe(fingerprints[1])
  })
})

describe('17: values never print a credential', () => {
  it('four canaries (nested mapping, list, token under an innocent key, URL password) stay redacted', () => {
    const c = ['nested', 'listed', 'shaped', 'urlpass'].map(canary)
    const dir = repo({
      '.github/go-live.yml': checklist(
        '      - id: cfg\n        title: Config\n        check: values\n        with:\n          file: config.json\n          assert:\n            - { path: db, equals: 1 }\n            - { path: keys, exists: false }\n            - { path: webhook, equals: none }\n            - { path: dsn_url, equals: none }\n'
      ),
      'config.json': JSON.stringify({
        db: { host: 'db.internal', password: c[0] },
        keys: [`ghp_${c[1]}AbC123xYz`],
        webhook: `${c[2]}Zq9`,
        dsn_url: `postgres://app:${c[3]}@db.internal/prod`
      })
    })
    const r = runCli(['check', '--json', 'report.json', '--markdown', 'report.md'], dir)
    expect(r.code).toBe(1)
    const seen =
      r.stdout +
      r.stderr +
      readFileSync(path.join(dir, 'report.json'), 'utf8') +
      readFileSync(path.join(dir, 'report.md'), 'utf8')
    for (const secret of c) expect(seen).not.toContain(secret)
    expect(r.stdout).toContain('db is {"host":"db.internal","password":"[redacted]"}, expected 1')
  })
})

describe('18: nothing evaluated, nothing passed', () => {
  it('a run where every item is skipped does not pass', () => {
    const dir = repo({
      '.github/go-live.yml': checklist(
        '      - id: only-on-release\n        title: Release only\n        check: file\n        with: { path: README.md }\n        when: { events: [release] }\n'
      ),
      'README.md': '# app\n'
    })
    const r = runCli(['check'], dir)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('FAIL Go-live gate failed: every item was skipped, so nothing was verified')
  })
})

describe('19: no workflow command or broken table from a name', () => {
  it('a lone CR and a bidi override in the checklist do not forge ::error lines nor break the summary table', () => {
    const title = 'Runbook fresh\r::error::forged by the PR\u202e txt.exe'
    const dir = repo({
      '.github/go-live.yml': checklist(
        `      - id: runbook\n        title: ${JSON.stringify(title)}\n        check: file\n        with: { path: "missing\\r::warning::forged-path.md" }\n`
      )
    })
    const r = runAction(dir, {})
    const lines = r.stdout.split(/\r\n|\r|\n/)
    expect(lines.filter(l => l.includes('forged'))).not.toEqual([])
    expect(lines.filter(l => /^::(error|warning)::forged/.test(l))).toEqual([])
    expect(r.stdout).not.toMatch(/[\r\u202e]/)
    expect(r.summary).not.toMatch(/[\r\u202e]/)
    // the row stays one table row
    expect(r.summary.split('\n').filter(l => l.includes('Runbook fresh'))[0]).toMatch(/^\| .* \|$/)
  })
})

describe('20: the release is literal text', () => {
  it('a branch named (a+)+b interpolated into `contains` does not hang the gate', async () => {
    const dir = repo(
      {
        '.github/go-live.yml': checklist(
          '      - id: notes\n        title: Release notes name the release\n        check: file\n        with: { path: NOTES.md, contains: "Release ${release}" }\n'
        ),
        'NOTES.md': `Release ${'a'.repeat(40)}\n`
      },
      '(a+)+b'
    )
    const r = await runCliAsync(['check'], dir, {}, 30_000)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/✖ fail\s+notes\s+NOTES\.md does not mention/)
  })

  it('a slow pattern the static check lets through is stopped at its time budget: error, not a hang', async () => {
    const dir = repo({
      '.github/go-live.yml': checklist(
        '      - id: notes\n        title: Release notes\n        check: file\n        with: { path: NOTES.md, contains: "^(a|a)*b" }\n'
      ),
      'NOTES.md': `${'a'.repeat(60)}\n`
    })
    // the budget shortened to 50 ms (GO_LIVE_GATE_REGEX_BUDGET_MS): the same bound, not 2 s of CPU per run
    const r = await runCliAsync(['check'], dir, { GO_LIVE_GATE_REGEX_BUDGET_MS: '50' }, 30_000)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /! error\s+notes\s+the pattern \/\^\(a\|a\)\*b\/ ran for more than 50 ms: simplify it/
    )
  })

  it('a branch named to redirect an http item (evil.example/#) cannot change the host it asks', () => {
    const text = checklist(
      '      - id: up\n        title: Up\n        check: http\n        with: { url: "https://${release}.preview.example/health" }\n'
    )
    const url = parseChecklist(text, 'go-live.yml', { release: 'evil.example/#' }).items[0].with.url as string
    let host: string | undefined
    try {
      host = new URL(url).host
    } catch {
      host = undefined // not a URL any more: the item is an error, it asks nobody
    }
    expect(host).not.toBe('evil.example')
    expect(url).toBe('https://evil.example%2F%23.preview.example/health')
  })
})

describe('21: checklist diff', () => {
  it('a huge rewritten checklist is summarised, not diffed line by line', () => {
    const side = (tag: string) => Array.from({ length: 30_000 }, (_, i) => `# ${tag} line ${i}`).join('\n')
    const d = unifiedDiff(side('base'), side('head'), { before: 'a/go-live.yml', after: 'b/go-live.yml' })
    expect(d.text.split('\n')).toHaveLength(3)
    expect(d.text).toContain('too large to show as a diff: 30000 lines before, 30000 lines after')
  })
})

describe('22: only regular files are read', () => {
  afterEach(() => undefined)

  it('a FIFO as the checklist is refused at once, not waited on', async () => {
    const dir = repo({ 'README.md': '# app\n' })
    execFileSync('mkfifo', [path.join(dir, 'go-live.yml')])
    const r = await runCliAsync(['validate', '--checklist', 'go-live.yml'], dir, {}, 20_000)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      'go-live.yml: cannot read the checklist (is not a regular file (a FIFO): refused)'
    )
  })

  it('a FIFO as a values file is an error, not a hang', async () => {
    const dir = repo({
      '.github/go-live.yml': checklist(
        '      - id: perf\n        title: Perf\n        check: values\n        with: { file: perf.json, assert: [{ path: p95, lt: 500 }] }\n'
      )
    })
    execFileSync('mkfifo', [path.join(dir, 'perf.json')])
    const r = await runCliAsync(['check'], dir, {}, 20_000)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/! error\s+perf\s+perf\.json is not a regular file \(a FIFO\): refused/)
  })

  it('/dev/zero as the checklist is refused before it is read', async () => {
    const dir = repo({ 'README.md': '# app\n' })
    const r = await runCliAsync(['validate', '--checklist', '/dev/zero'], dir, {}, 20_000)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/cannot read the checklist \(is not a regular file/)
  })

  it('a checklist symlinked to a file out of the tree is not followed', async () => {
    const dir = repo({ 'README.md': '# app\n' })
    symlinkSync('/etc/passwd', path.join(dir, 'go-live.yml'))
    const r = await runCliAsync(['validate', '--checklist', 'go-live.yml'], dir, {}, 20_000)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('is a symlink: it is not followed')
    expect(r.stderr).not.toContain('root:')
  })
})

describe('22: no item reads or passes through a symlink out of the tree', () => {
  // the loader reads no disk: the links are refused by validate's link step and by the gate when the item runs
  const setup = () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'glg-outside-'))
    dirs.push(outside)
    writeFiles(outside, { 'secret.md': 'TOP SECRET\n' })
    const dir = repo({
      '.github/go-live.yml': checklist(
        '      - { id: through-dir, title: A, check: file, with: { path: linked/secret.md } }\n' +
          '      - { id: glob-in-dir, title: B, check: file, with: { path: "linked/*.md" } }\n' +
          '      - { id: linked-file, title: C, check: file, with: { path: doc.md } }\n' +
          '      - { id: inside, title: D, check: file, with: { path: README.md } }\n'
      ),
      'README.md': '# app\n'
    })
    symlinkSync(outside, path.join(dir, 'linked'))
    symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'doc.md'))
    return dir
  }

  it('check: each such item is an error saying what to do, never a pass; the others run', () => {
    const r = runCli(['check'], setup())
    expect(r.code).toBe(1)
    const fix = 'leads through a symlink out of the repository: name a path inside the repository'
    expect(r.stdout).toMatch(new RegExp(`! error\\s+through-dir\\s+'linked/secret\\.md' ${fix}`))
    expect(r.stdout).toMatch(new RegExp(`! error\\s+glob-in-dir\\s+'linked/\\*\\.md' ${fix}`))
    expect(r.stdout).toMatch(new RegExp(`! error\\s+linked-file\\s+'doc\\.md' ${fix}`))
    expect(r.stdout).toMatch(/✔ pass\s+inside\s+README\.md exists/)
  })

  it('validate: each such path at PATH:LINE:COL', () => {
    const r = runCli(['validate'], setup())
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toEqual([
      ".github/go-live.yml:6:65: 'linked/secret.md' leads through a symlink out of the repository",
      ".github/go-live.yml:7:65: 'linked/*.md' leads through a symlink out of the repository",
      ".github/go-live.yml:8:65: 'doc.md' leads through a symlink out of the repository"
    ])
  })
})

describe('24: no lookup reaches Object.prototype', () => {
  const KINDS = ['toString', 'constructor', 'hasOwnProperty', '__proto__']
  // one checklist, one item per name: validate reports each at its line
  let kinds: { text: string; r: Run }
  // validate's own code in this process (validate through the bundle above, and for the list used as a key below,
  // whose Node warning only a child process shows)
  beforeAll(async () => {
    const text = checklist(
      KINDS.map(
        (kind, i) =>
          `      - id: a${i}\n        title: A\n        check: ${kind}\n        with: { paths: ["."] }\n`
      ).join('')
    )
    kinds = { text, r: await runInProcess(['validate'], repo({ '.github/go-live.yml': text })) }
  })

  it.each(KINDS)('check: %s is a located error (exit 2), not a crash', kind => {
    const { text, r } = kinds
    expect(r.code).toBe(2)
    const line = text.split('\n').indexOf(`        check: ${kind}`) + 1
    expect(line).toBeGreaterThan(0)
    expect(r.stderr).toMatch(
      new RegExp(`^\\.github/go-live\\.yml:${line}:16: 'check' must be one of: .* \\(got "${kind}"\\)$`, 'm')
    )
    expect(r.stderr).not.toMatch(/\n\s+at |is not iterable|TypeError/)
  })

  it('owner: constructor and roles: [constructor] are undefined roles, not valid ones', async () => {
    const dir = repo({
      '.github/go-live.yml': checklist(
        '      - id: a\n        title: A\n        owner: constructor\n      - id: b\n        title: B\n        check: approvals\n        with: { roles: [constructor, to-string] }\n',
        'roles:\n  release-manager: { users: [alice] }\n'
      )
    })
    const r = await runInProcess(['validate'], dir)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      ".github/go-live.yml:10:16: role 'constructor' is not defined (defined: release-manager)"
    )
    expect(r.stderr).toContain(".github/go-live.yml:14:25: role 'constructor' is not defined")
  })

  it('a list or mapping used as a key is a located error, with no Node warning', () => {
    const dir = repo({ '.github/go-live.yml': 'version: 1\nname: x\n? [a, b]\n: c\nsections: []\n' })
    const r = runCli(['validate'], dir)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      '.github/go-live.yml:3:3: a key must be plain text, not a list, a mapping or an alias'
    )
    expect(r.stderr).not.toMatch(/Warning|stringified/)
  })
})

describe('25: what cannot be read is an error', () => {
  // one run, an item per unreadable input
  const vuln = (id: string, report: string) =>
    `      - id: ${id}\n        title: Deps\n        check: vulnerabilities\n        with: { report: ${report}, fail-on: low }\n`
  const SEVERITIES = [['"severe"'], ['null'], ['""']]
  const severityReport = (sev: string) => {
    const report = JSON.parse(readFileSync(path.join(NPM_PROJECT, 'npm-audit.json'), 'utf8'))
    for (const v of Object.values(report.vulnerabilities) as { via: unknown[] }[])
      for (const via of v.via)
        if (typeof via === 'object' && via) (via as { severity: unknown }).severity = JSON.parse(sev)
    return JSON.stringify(report)
  }
  let r: Run
  beforeAll(() => {
    const dir = repo({
      '.github/go-live.yml': checklist(
        vuln('empty', 'audit.json') +
          SEVERITIES.map((_, i) => vuln(`severity-${i}`, `audit-${i}.json`)).join('') +
          '      - id: lic\n        title: Licences\n        check: licenses\n        with: { allow: [MIT] }\n' +
          '      - id: cfg\n        title: Config\n        check: values\n        with: { file: config.json, schema: schema.json }\n'
      ),
      'audit.json': '{}\n',
      ...Object.fromEntries(SEVERITIES.map(([sev], i) => [`audit-${i}.json`, severityReport(sev)])),
      'package-lock.json': JSON.stringify({
        lockfileVersion: 3,
        packages: { '': {}, 'node_modules/evil': null }
      }),
      'config.json': '{"a": 1}\n',
      'schema.json': '{"$ref": "#"}\n'
    })
    r = runCli(['check'], dir)
  })

  it('an empty npm audit report {} is an error, not "no known vulnerabilities"', () => {
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/! error\s+empty\s+audit\.json is not the --json output/)
  })

  it.each(SEVERITIES.map(([sev], i) => [sev, i]))(
    'an advisory of severity %s is an error even under fail-on: low',
    (_sev, i) => {
      expect(r.code).toBe(1)
      expect(r.stdout).toMatch(new RegExp(`! error\\s+severity-${i}\\s+an advisory has an unknown severity`))
    }
  )

  it('a lockfile with a null package is an error naming the entry, not a crash', () => {
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /! error\s+lic\s+package-lock\.json: the entry "node_modules\/evil" is not an object/
    )
  })

  it('a JSON Schema {"$ref":"#"} is an error saying so, not a stack overflow', () => {
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/! error\s+cfg\s+schema\.json loops on itself/)
  })
})
