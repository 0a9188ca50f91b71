import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { createServer } from 'node:http'
import type { IncomingMessage, Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Item } from '../../src/checklist/types.js'
import { check } from '../../src/checks/vulnerabilities/index.js'
import type { Finding, Options } from '../../src/checks/vulnerabilities/index.js'
import { loaded } from '../helpers/options.js'
import type { CheckContext, SandboxedRun, ToolPort } from '../../src/checks/types.js'
import { CheckError, PermissionError } from '../../src/errors.js'
import type { GitHubClient } from '../../src/github/types.js'
import { Workspace } from '../../src/workspace.js'
import { ports } from '../helpers/context.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const fixtures = path.join(here, '../../__fixtures__/vulnerabilities')

function context(root: string, extra: Partial<CheckContext> = {}): CheckContext {
  return {
    workspace: new Workspace(root),
    ...ports(root),
    checklist: { path: '.github/go-live.yml', name: 'test', roles: {}, sections: [], items: [] },
    event: { name: 'local' },
    now: () => new Date('2025-06-15T12:00:00Z'),
    signal: new AbortController().signal,
    ...extra
  }
}

function item(options: Partial<Options>, timeout = 60): Item {
  return {
    id: 'dependency-audit',
    title: 'Dependency audit',
    section: 'Security',
    check: 'vulnerabilities',
    with: { ...options },
    severity: 'blocking',
    timeout
  }
}

async function run(options: Partial<Options>, root = fixtures, extra: Partial<CheckContext> = {}) {
  return check(loaded<Options>('vulnerabilities', options), item(options), context(root, extra))
}

const brief = (f: Finding[]) =>
  f.map(x => `${x.severity} ${x.package}@${x.version} ${x.id}${x.ignored ? ' ignored' : ''}`)

describe('npm 7+ report (vulnerabilities / via)', () => {
  const root = path.join(fixtures, 'npm-project')

  it('follows transitive causes to their advisories, counts each once, with installed versions', async () => {
    const outcome = await run({ report: 'npm-audit.json' }, root)
    expect(outcome.status).toBe('fail')
    expect(brief(outcome.details!.findings as Finding[])).toEqual([
      'critical minimist@0.0.8, 1.2.5 GHSA-xvch-5gv4-984h',
      'high lodash@4.17.20 GHSA-35jh-r3h4-6jhm',
      'moderate lodash@4.17.20 GHSA-29mw-wpgm-hmr9',
      'moderate minimist@0.0.8 GHSA-vh95-rmgr-6w4m'
    ])
    expect(outcome.summary).toBe(
      'npm audit: 1 critical, 1 high (fail-on high): minimist@0.0.8, 1.2.5 GHSA-xvch-5gv4-984h (fix: mkdirp@0.5.6), ' +
        'lodash@4.17.20 GHSA-35jh-r3h4-6jhm (fix: npm audit fix)'
    )
    expect(outcome.details!.expiredIgnores).toEqual([])
  })

  it('passes under fail-on critical once the critical advisory is ignored until a later date', async () => {
    const outcome = await run(
      {
        report: 'npm-audit.json',
        'fail-on': 'critical',
        ignore: [{ id: 'ghsa-xvch-5gv4-984h', reason: 'only parses our own CLI flags', until: '2025-07-01' }]
      },
      root
    )
    expect(outcome.status).toBe('pass')
    expect(outcome.summary).toBe(
      'npm audit: no advisories at or above critical (1 high, 2 moderate below critical; ' +
        'ignored: GHSA-xvch-5gv4-984h (only parses our own CLI flags, until 2025-07-01))'
    )
    const minimist = (outcome.details!.findings as Finding[]).find(f => f.id === 'GHSA-xvch-5gv4-984h')
    expect(minimist).toMatchObject({
      ignored: true,
      severity: 'critical',
      title: 'Prototype Pollution in minimist'
    })
  })

  it('an expired ignore no longer ignores, fails the item and is named', async () => {
    const outcome = await run(
      {
        report: 'npm-audit.json',
        'fail-on': 'critical',
        ignore: [
          { id: 'GHSA-xvch-5gv4-984h', reason: 'accepted until the upgrade', until: '2025-06-01' },
          { id: 'GHSA-aaaa-bbbb-cccc', reason: 'no longer reported', until: '2024-12-31' }
        ]
      },
      root
    )
    expect(outcome.status).toBe('fail')
    expect(outcome.details!.expiredIgnores).toEqual(['GHSA-xvch-5gv4-984h', 'GHSA-aaaa-bbbb-cccc'])
    expect((outcome.details!.findings as Finding[]).every(f => !f.ignored)).toBe(true)
    expect(outcome.summary).toContain(
      '1 critical (fail-on critical): minimist@0.0.8, 1.2.5 GHSA-xvch-5gv4-984h'
    )
    expect(outcome.summary).toContain(
      'expired ignores: GHSA-xvch-5gv4-984h (until 2025-06-01), GHSA-aaaa-bbbb-cccc (until 2024-12-31)'
    )
  })

  it('an expired ignore fails even when nothing reaches the threshold', async () => {
    const outcome = await run({
      report: 'npm11-clean.json',
      ignore: [{ id: '1179', reason: 'dev only', until: '2025-01-31' }]
    })
    expect(outcome.status).toBe('fail')
    expect(outcome.summary).toBe(
      'npm audit: expired ignores: 1179 (until 2025-01-31): renew with a new date or remove'
    )
  })

  it('a clean report passes', async () => {
    const outcome = await run({ report: 'npm11-clean.json' })
    expect(outcome).toMatchObject({ status: 'pass', summary: 'npm audit: no known vulnerabilities' })
    expect(outcome.details).toMatchObject({ findings: [], expiredIgnores: [] })
  })
})

describe('npm 6 report (advisories)', () => {
  it('reads advisories with their findings, GHSA ids where given, fixes from actions', async () => {
    const outcome = await run({ report: 'npm6-audit.json', 'fail-on': 'moderate' })
    expect(outcome.status).toBe('fail')
    expect(brief(outcome.details!.findings as Finding[])).toEqual([
      'high lodash@4.17.15 1523',
      'high lodash@4.17.15, 4.17.19 1673',
      'moderate marked@0.3.19 GHSA-rrrm-qjm4-v8hf',
      'low minimist@0.0.8 1179'
    ])
    expect(outcome.summary).toBe(
      'npm audit: 2 high, 1 moderate (fail-on moderate): lodash@4.17.15 1523 (fix: lodash@4.17.21), ' +
        'lodash@4.17.15, 4.17.19 1673 (fix: lodash@4.17.21), marked@0.3.19 GHSA-rrrm-qjm4-v8hf (fix: >=4.0.10)'
    )
  })

  it('ignores match CVE aliases and npm numbers', async () => {
    const outcome = await run({
      report: 'npm6-audit.json',
      ignore: [
        { id: 'CVE-2019-10744', reason: 'not reachable', until: '2025-12-31' },
        { id: '1673', reason: 'template() unused', until: '2025-12-31' }
      ]
    })
    expect(outcome.status).toBe('pass')
    expect((outcome.details!.findings as Finding[]).filter(f => f.ignored).map(f => f.id)).toEqual([
      '1523',
      '1673'
    ])
  })

  it("npm's error object is an error with npm's own reason", async () => {
    await expect(run({ report: 'npm6-enoaudit.json' })).rejects.toThrow(
      new CheckError(
        'the audit failed: ENOAUDIT: Your configured registry (https://npm.internal.example/) does not support audit requests.'
      )
    )
  })
})

describe('recorded failures of a real npm (11.x)', () => {
  it('the registry refusing the bulk request is an error naming the refusal', async () => {
    await expect(run({ report: 'npm11-registry-refused.json' })).rejects.toThrow(
      'the audit failed: 405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk'
    )
  })

  it('a missing lockfile is an error with the hint npm gives', async () => {
    await expect(run({ report: 'npm11-enolock.json' })).rejects.toThrow(
      /^the audit failed: ENOLOCK: This command requires an existing lockfile\. \(Try creating one first with: npm i --package-lock-only/
    )
  })

  it('text that is not JSON, an empty report and a missing report are errors', async () => {
    await expect(run({ report: 'not-json.txt' })).rejects.toThrow(
      /not-json\.txt is not valid JSON \(line 1\)/
    )
    const dir = await mkdtemp(path.join(tmpdir(), 'vuln-'))
    try {
      await writeFile(path.join(dir, 'audit.json'), '\n')
      await writeFile(path.join(dir, 'other.json'), '{"name": "x", "version": "1.0.0"}')
      await expect(run({ report: 'audit.json' }, dir)).rejects.toThrow('audit.json is empty')
      await expect(run({ report: 'other.json' }, dir)).rejects.toThrow(
        'is not the --json output of npm audit'
      )
      await expect(run({ report: 'missing.json' }, dir)).rejects.toThrow('missing.json does not exist')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('pnpm and yarn reports', () => {
  it('pnpm audit --json', async () => {
    const outcome = await run({ source: 'pnpm-audit', report: 'pnpm-audit.json', 'fail-on': 'high' })
    expect(outcome.status).toBe('fail')
    expect(brief(outcome.details!.findings as Finding[])).toEqual([
      'high braces@4.0.5 GHSA-grv7-fg5c-xmjg',
      'moderate axios@1.5.1 GHSA-wf5p-g6vw-rhxx',
      'low express@4.18.1 GHSA-qw6h-vgh9-j6wx'
    ])
    expect(outcome.summary).toBe(
      'pnpm audit: 1 high (fail-on high): braces@4.0.5 GHSA-grv7-fg5c-xmjg (fix: >=3.0.3)'
    )
  })

  it('yarn classic: JSON lines, one advisory per path, de-duplicated', async () => {
    const outcome = await run({
      source: 'yarn-audit',
      report: 'yarn-classic-audit.ndjson',
      'fail-on': 'critical'
    })
    expect(outcome.status).toBe('fail')
    expect(brief(outcome.details!.findings as Finding[])).toEqual([
      'critical minimist@1.2.5 GHSA-xvch-5gv4-984h',
      'high json5@1.0.1 GHSA-9c47-m6qq-7p4h'
    ])
    expect(outcome.summary).toBe(
      'yarn audit: 1 critical (fail-on critical): minimist@1.2.5 GHSA-xvch-5gv4-984h (fix: >=1.2.6)'
    )
    const clean = await run({ source: 'yarn-audit', report: 'yarn-classic-clean.ndjson' })
    expect(clean.summary).toBe('yarn audit: no known vulnerabilities')
  })

  it("yarn classic's error line is an error", async () => {
    await expect(run({ source: 'yarn-audit', report: 'yarn-classic-error.ndjson' })).rejects.toThrow(
      /^the audit failed: An unexpected error occurred: ".*audits\/quick: Request failed \\"503 Service Unavailable\\""/
    )
  })

  it('yarn 4 (berry) lines, deprecations left out', async () => {
    const outcome = await run({
      source: 'yarn-audit',
      report: 'yarn-berry-audit.ndjson',
      'fail-on': 'moderate'
    })
    expect(brief(outcome.details!.findings as Finding[])).toEqual([
      'high ws@8.13.0, 8.16.0 GHSA-3h5v-q93c-6h6q',
      'moderate semver@7.5.1 GHSA-c2qf-rxjj-qqgw'
    ])
    expect(outcome.status).toBe('fail')
  })

  it('yarn 2/3 (berry) report without installed versions shows the vulnerable range', async () => {
    const outcome = await run({ source: 'yarn-audit', report: 'yarn-berry3-audit.json' })
    expect(brief(outcome.details!.findings as Finding[])).toEqual([
      'high ansi-html@<0.0.8 GHSA-whgm-jr23-g3j9'
    ])
    expect(outcome.status).toBe('fail')
  })
})

describe('running the tool', () => {
  let registry: Server
  let registryUrl: string
  let dir: string

  beforeAll(async () => {
    // a registry that refuses audits the way registry.npmjs.org does on this machine
    registry = createServer((req, res) => {
      res.writeHead(405, { allow: 'GET,HEAD', 'content-length': '0' })
      res.end()
    })
    await new Promise<void>(resolve => registry.listen(0, '127.0.0.1', resolve))
    registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`
    dir = await mkdtemp(path.join(tmpdir(), 'vuln-run-'))
    await cp(path.join(fixtures, 'npm-project/package.json'), path.join(dir, 'package.json'))
    await cp(path.join(fixtures, 'npm-project/package-lock.json'), path.join(dir, 'package-lock.json'))
    // the workflow (never the PR's .npmrc) names the registry audits go to
    process.env.GO_LIVE_GATE_AUDIT_REGISTRY = registryUrl
  })

  afterAll(async () => {
    delete process.env.GO_LIVE_GATE_AUDIT_REGISTRY
    registry.closeAllConnections()
    await new Promise(resolve => registry.close(resolve))
    await rm(dir, { recursive: true, force: true })
  })

  it('npm audit refused by the registry is an error with npm’s reason, never a pass', async () => {
    const outcome = run({}, dir)
    await expect(outcome).rejects.toBeInstanceOf(CheckError)
    await expect(outcome).rejects.toThrow(
      /405 Method Not Allowed - POST http:\/\/127\.0\.0\.1:\d+\/-\/npm\/v1\/security\/advisories\/bulk/
    )
  })

  it('the audit reaches the tools port: npm audit against the port’s registry, given only manifests and lockfiles', async () => {
    const root = path.join(fixtures, 'npm-project')
    const runs: SandboxedRun[] = []
    const tools: ToolPort = {
      registry: 'https://mirror.example.invalid/npm/',
      run: async r => {
        runs.push(r)
        const stdout = await readFile(path.join(root, 'npm-audit.json'), 'utf8')
        return { command: [r.file, ...r.args].join(' '), stdout, stderr: '', code: 1 }
      }
    }
    const outcome = await run({}, root, { tools })
    expect(runs.map(r => [r.file, ...r.args].join(' '))).toEqual([
      'npm audit --json --registry=https://mirror.example.invalid/npm/'
    ])
    expect(runs[0].inputs).toEqual([
      'package.json',
      'package-lock.json',
      'npm-shrinkwrap.json',
      'yarn.lock',
      'pnpm-lock.yaml'
    ])
    expect(outcome.status).toBe('fail')
    expect(outcome.summary).toMatch(/^npm audit: 1 critical, 1 high \(fail-on high\): /)
  })

  it('a tool that is not installed is an error', async () => {
    const saved = process.env.PATH
    process.env.PATH = dir
    try {
      await expect(run({ source: 'pnpm-audit' }, dir)).rejects.toThrow(/pnpm is not installed/)
    } finally {
      process.env.PATH = saved
    }
  })
})

describe('Dependabot alerts', () => {
  const require = createRequire(import.meta.url)
  const spec = require('@octokit/openapi/generated/api.github.com.json') as {
    components: { examples: Record<string, { value: Record<string, unknown>[] }> }
  }
  const example = spec.components.examples['dependabot-alerts-for-repository'].value
  const openAlert = example.find(a => a.state === 'open')!
  let server: Server
  let requests: { url: string; auth: string | undefined }[]
  let respond: (req: IncomingMessage) => { status: number; body: unknown; headers?: Record<string, string> }

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push({ url: req.url!, auth: req.headers.authorization })
      const { status, body, headers } = respond(req)
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(JSON.stringify(body))
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  })
  afterAll(() => {
    server.closeAllConnections()
    return new Promise(resolve => server.close(resolve))
  })

  function github(): GitHubClient {
    const port = (server.address() as AddressInfo).port
    return {
      octokit: getOctokit('test-' + 'token', { baseUrl: `http://127.0.0.1:${port}` }),
      owner: 'acme',
      repo: 'trading'
    }
  }

  it('reads every page of open alerts and judges them by severity', async () => {
    requests = []
    const port = (server.address() as AddressInfo).port
    const second = {
      ...openAlert,
      number: 7,
      security_advisory: {
        ...(openAlert.security_advisory as object),
        ghsa_id: 'GHSA-jfh8-c2jp-5v3q',
        cve_id: 'CVE-2021-44228',
        summary: 'Remote code injection in Log4j',
        severity: 'critical',
        identifiers: [{ type: 'GHSA', value: 'GHSA-jfh8-c2jp-5v3q' }]
      },
      security_vulnerability: {
        package: { ecosystem: 'maven', name: 'org.apache.logging.log4j:log4j-core' },
        severity: 'critical',
        vulnerable_version_range: '>= 2.13.0, < 2.15.0',
        first_patched_version: { identifier: '2.15.0' }
      },
      dependency: {
        package: { ecosystem: 'maven', name: 'org.apache.logging.log4j:log4j-core' },
        manifest_path: 'pom.xml',
        scope: 'runtime'
      }
    }
    respond = req =>
      req.url!.includes('page=2')
        ? { status: 200, body: [second] }
        : {
            status: 200,
            body: [openAlert],
            headers: {
              link: `<http://127.0.0.1:${port}/repos/acme/trading/dependabot/alerts?state=open&per_page=100&page=2>; rel="next"`
            }
          }
    const outcome = await run({ source: 'dependabot' }, fixtures, { github: github() })
    expect(requests.map(r => r.url)).toEqual([
      '/repos/acme/trading/dependabot/alerts?state=open&per_page=100',
      '/repos/acme/trading/dependabot/alerts?state=open&per_page=100&page=2'
    ])
    expect(requests[0].auth).toBe('token test-token')
    expect(brief(outcome.details!.findings as Finding[])).toEqual([
      'critical org.apache.logging.log4j:log4j-core@>= 2.13.0, < 2.15.0 GHSA-jfh8-c2jp-5v3q',
      // GitHub's `medium` is npm's `moderate`
      'moderate ansible@< 2.8.19 GHSA-8f4m-hccc-8qph'
    ])
    expect(outcome.status).toBe('fail')
    expect(outcome.summary).toContain('Dependabot: 1 critical (fail-on high): ')
    expect(outcome.summary).toContain('GHSA-jfh8-c2jp-5v3q (fix: 2.15.0)')
  })

  it('a 403 names the permission the token needs', async () => {
    respond = () => ({
      status: 403,
      body: {
        message: 'Resource not accessible by integration',
        documentation_url:
          'https://docs.github.com/rest/dependabot/alerts#list-dependabot-alerts-for-a-repository',
        status: '403'
      }
    })
    const outcome = run({ source: 'dependabot' }, fixtures, { github: github() })
    await expect(outcome).rejects.toBeInstanceOf(PermissionError)
    await expect(outcome).rejects.toThrow(
      /HTTP 403.*`security-events: read` \(fine-grained token: "Dependabot alerts: read"/
    )
  })

  it('a 404 is a permission error too, and no token means an error that says how to give one', async () => {
    respond = () => ({
      status: 404,
      body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' }
    })
    await expect(run({ source: 'dependabot' }, fixtures, { github: github() })).rejects.toThrow(
      /cannot read the Dependabot alerts of acme\/trading \(HTTP 404/
    )
    await expect(run({ source: 'dependabot' })).rejects.toThrow(/set GITHUB_TOKEN and GITHUB_REPOSITORY/)
  })
})
