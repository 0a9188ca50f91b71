import { afterEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { rmSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Item } from '../../src/checklist/types.js'
import type { CheckContext } from '../../src/checks/types.js'
import { check } from '../../src/checks/vulnerabilities/index.js'
import type { Finding, Options } from '../../src/checks/vulnerabilities/index.js'
import { loaded } from '../helpers/options.js'
import { context as baseContext, tempTree } from '../helpers/context.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const fixtures = path.join(here, '../../__fixtures__/vulnerabilities/tools')

const temps: string[] = []
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true })
})
function tree(files: Record<string, string>): string {
  const dir = tempTree(files)
  temps.push(dir)
  return dir
}

function context(root: string): CheckContext {
  return baseContext(root, { now: () => new Date('2026-12-01T12:00:00Z') })
}
const item = (options: Partial<Options>): Item => ({
  id: 'dependency-audit',
  title: 'Dependency audit',
  section: 'Security',
  check: 'vulnerabilities',
  with: { ...options },
  severity: 'blocking',
  timeout: 60
})
const run = (options: Partial<Options>, root = fixtures) =>
  check(loaded<Options>('vulnerabilities', options), item(options), context(root))
const brief = (f: unknown) =>
  (f as Finding[]).map(x => `${x.severity} ${x.package}@${x.version} ${x.id}${x.ignored ? ' ignored' : ''}`)

describe('pip-audit', () => {
  it('has no severities: every advisory is unknown and fails at any fail-on; aliases merge PYSEC and GHSA', async () => {
    const outcome = await run({ source: 'pip-audit', report: 'pip-audit.json', 'fail-on': 'critical' })
    expect(outcome.status).toBe('fail')
    expect(brief(outcome.details!.findings)).toEqual([
      'unknown jinja2@3.1.2 GHSA-h5c8-rqwp-cp95',
      'unknown jinja2@3.1.2 GHSA-h75v-3vvj-5mfj',
      'unknown requests@2.31.0 GHSA-9wx4-h78v-vm56',
      'unknown urllib3@2.0.6 GHSA-g4mx-q9vg-27p4'
    ])
    expect(outcome.summary).toBe(
      'pip-audit: 4 unknown (fail-on critical): jinja2@3.1.2 GHSA-h5c8-rqwp-cp95 (fix: 3.1.3), ' +
        'jinja2@3.1.2 GHSA-h75v-3vvj-5mfj (fix: 3.1.4), requests@2.31.0 GHSA-9wx4-h78v-vm56 (fix: 2.32.0), ' +
        'urllib3@2.0.6 GHSA-g4mx-q9vg-27p4 (fix: 2.0.7); pip-audit gives no severity, so every advisory fails at ' +
        'any fail-on: fix, ignore with a reason, or use osv-scanner for severities; 1 not audited by pip-audit: mech-exo-trading'
    )
    expect(outcome.details!.skipped).toEqual([
      {
        package: 'mech-exo-trading',
        reason: 'Dependency not found on PyPI and could not be audited: mech-exo-trading (0.5.0)'
      }
    ])
  })

  it('an ignore by any alias (CVE, PYSEC) hides the advisory, and its reason is shown', async () => {
    const ignore = [
      { id: 'CVE-2024-22195', reason: 'we never pass user keys to xmlattr', until: '2027-01-31' },
      { id: 'cve-2024-34064', reason: 'same filter, same reason', until: '2027-01-31' },
      { id: 'PYSEC-2024-60', reason: 'verify is never disabled', until: '2027-01-31' },
      { id: 'GHSA-g4mx-q9vg-27p4', reason: 'no redirects followed', until: '2027-01-31' }
    ]
    const outcome = await run({ source: 'pip-audit', report: 'pip-audit.json', ignore })
    expect(outcome.status).toBe('pass')
    expect(outcome.summary).toBe(
      'pip-audit: no advisories at or above high (ignored: GHSA-h5c8-rqwp-cp95 (we never pass user keys to xmlattr, until 2027-01-31), ' +
        'GHSA-h75v-3vvj-5mfj (same filter, same reason, until 2027-01-31), GHSA-9wx4-h78v-vm56 (verify is never disabled, until 2027-01-31), ' +
        'GHSA-g4mx-q9vg-27p4 (no redirects followed, until 2027-01-31); 1 not audited by pip-audit: mech-exo-trading)'
    )
    const findings = outcome.details!.findings as Finding[]
    expect(findings.find(f => f.id === 'GHSA-9wx4-h78v-vm56')).toMatchObject({
      ignored: true,
      reason: 'verify is never disabled',
      until: '2027-01-31'
    })
  })
})

describe('osv-scanner', () => {
  it('rates from database_specific, then CVSS v3/v4 vectors; groups are one advisory; unrated is unknown', async () => {
    const outcome = await run({ source: 'osv-scanner', report: 'osv-scanner.json' })
    expect(outcome.status).toBe('fail')
    expect(brief(outcome.details!.findings)).toEqual([
      'unknown pillow@10.0.0 CVE-2023-44271',
      'high cryptography@41.0.3 GHSA-jfhm-5ghh-2f97',
      'high pillow@10.0.0 GHSA-j7hp-h8jx-5ppr',
      'moderate jinja2@3.1.2 GHSA-h5c8-rqwp-cp95',
      'moderate requests@2.31.0 GHSA-9wx4-h78v-vm56'
    ])
    expect(outcome.summary).toBe(
      'osv-scanner: 1 unknown, 2 high (fail-on high): pillow@10.0.0 CVE-2023-44271 (fix: 10.0.0), ' +
        'cryptography@41.0.3 GHSA-jfhm-5ghh-2f97 (fix: 41.0.6), pillow@10.0.0 GHSA-j7hp-h8jx-5ppr (fix: 10.0.1); ' +
        'an unrated advisory fails at any fail-on: fix it or ignore it with a reason'
    )
  })
})

describe('osv-scanner git dependencies', () => {
  it('a package known by its commit only is named by its source and commit', async () => {
    const doc = {
      results: [
        {
          source: { path: '/src/third_party/zlib', type: 'git' },
          packages: [
            {
              package: { commit: '04f42ceca40f73e2978b50e93806c2a18c1281fc' },
              vulnerabilities: [
                {
                  id: 'OSV-2022-394',
                  summary: 'Heap overflow in inflate',
                  database_specific: { severity: 'HIGH' }
                }
              ]
            }
          ]
        }
      ]
    }
    const root = tree({ 'osv.json': JSON.stringify(doc) })
    const outcome = await run({ source: 'osv-scanner', report: 'osv.json' }, root)
    expect(brief(outcome.details!.findings)).toEqual([
      'high git /src/third_party/zlib@04f42ceca40f OSV-2022-394'
    ])
  })
})

describe('govulncheck', () => {
  it('counts only vulnerabilities the code calls; imported-but-not-called ones are noted', async () => {
    const outcome = await run({ source: 'govulncheck', report: 'govulncheck.json' })
    expect(outcome.status).toBe('fail')
    expect(brief(outcome.details!.findings)).toEqual(['unknown golang.org/x/net@v0.17.0 GHSA-4v7x-pqxf-cx7m'])
    expect((outcome.details!.findings as Finding[])[0].title).toBe('HTTP/2 CONTINUATION flood in net/http')
    expect(outcome.details!.notCalled).toEqual(['GO-2024-2611'])
    expect(outcome.summary).toContain('golang.org/x/net@v0.17.0 GHSA-4v7x-pqxf-cx7m (fix: v0.23.0)')
    expect(outcome.summary).toContain('1 more in required modules that the code does not call (GO-2024-2611)')
  })

  it('the Go id ignores it too', async () => {
    const ignore = [{ id: 'GO-2024-2687', reason: 'HTTP/2 disabled behind the proxy', until: '2027-01-01' }]
    const outcome = await run({ source: 'govulncheck', report: 'govulncheck.json', ignore })
    expect(outcome.status).toBe('pass')
  })
})

describe('grype', () => {
  it('Negligible is a rating (info); Unknown falls back to the related CVSS vectors', async () => {
    const outcome = await run({ source: 'grype', report: 'grype.json' })
    expect(brief(outcome.details!.findings)).toEqual([
      'high setuptools@68.0.0 GHSA-cx63-2mw6-8hw5',
      'moderate jinja2@3.1.2 GHSA-h5c8-rqwp-cp95',
      'info tar@1.34+dfsg-1.2+deb12u1 CVE-2005-2541'
    ])
    expect(outcome.status).toBe('fail')
    expect(outcome.summary).toBe(
      'grype: 1 high (fail-on high): setuptools@68.0.0 GHSA-cx63-2mw6-8hw5 (fix: 70.0.0)'
    )
  })
})

describe('trivy', () => {
  it('merges one advisory reported for two targets; UNKNOWN fails closed', async () => {
    const outcome = await run({ source: 'trivy', report: 'trivy.json', 'fail-on': 'critical' })
    expect(brief(outcome.details!.findings)).toEqual([
      'unknown numpy@1.26.4 CVE-2026-0001',
      'high cryptography@41.0.3 GHSA-jfhm-5ghh-2f97',
      'moderate jinja2@3.1.2 GHSA-h5c8-rqwp-cp95'
    ])
    expect(outcome.status).toBe('fail')
    expect(outcome.summary).toMatch(
      /^trivy: 1 unknown \(fail-on critical\): numpy@1\.26\.4 CVE-2026-0001 \(fix: no fix available\)/
    )
  })
})

describe('without a report', () => {
  it.each([
    ['pip-audit', 'pip-audit --format json --output pip-audit.json'],
    ['govulncheck', 'govulncheck -format json ./... > govulncheck.json']
  ] as [Options['source'], string][])(
    '%s is never run: the item says which command writes the report',
    async (source, command) => {
      await expect(run({ source })).rejects.toThrow(
        `${source} is not run by the gate: run \`${command}\` in the workflow before the gate, and set \`report\` to that file`
      )
    }
  )
})

describe('hostile reports', () => {
  it('a broken report is refused and its text never printed', async () => {
    const root = tree({ 'r.json': '{"results": [ {"password": "hunter2-SECRET' })
    const e = await run({ source: 'osv-scanner', report: 'r.json' }, root).catch((x: Error) => x)
    expect(String(e)).toContain('r.json is not valid JSON')
    expect(String(e)).not.toContain('hunter2')
  })

  it('a govulncheck stream with garbage between objects is refused, not quoted', async () => {
    const root = tree({ 'g.json': '{"config": {"scan_level": "symbol"}}\nTOKEN=abc123\n{"finding": {}}' })
    const e = await run({ source: 'govulncheck', report: 'g.json' }, root).catch((x: Error) => x)
    expect(String(e)).toContain('g.json is not valid JSON')
    expect(String(e)).not.toContain('abc123')
  })

  it('a severity the tool never uses is an error, not info', async () => {
    const doc = {
      SchemaVersion: 2,
      Results: [
        { Target: 'x', Vulnerabilities: [{ VulnerabilityID: 'CVE-1', PkgName: 'a', Severity: 'severe' }] }
      ]
    }
    const root = tree({ 't.json': JSON.stringify(doc) })
    await expect(run({ source: 'trivy', report: 't.json' }, root)).rejects.toThrow(
      't.json: trivy gives a severity this gate does not know'
    )
  })

  it('a report that is another tool\'s is refused (never "no vulnerabilities")', async () => {
    await expect(run({ source: 'grype', report: 'trivy.json' })).rejects.toThrow(
      'not the JSON output of grype -o json'
    )
    await expect(run({ source: 'trivy', report: 'grype.json' })).rejects.toThrow(
      'not the JSON output of trivy'
    )
    const root = tree({ 'empty.json': '{}' })
    await expect(run({ source: 'osv-scanner', report: 'empty.json' }, root)).rejects.toThrow('no "results"')
  })

  it('a scan of nothing is an error, not "no vulnerabilities"', async () => {
    const root = tree({
      't.json': '{"SchemaVersion": 2, "ArtifactName": "."}',
      'p.json': '{"dependencies": [], "fixes": []}'
    })
    await expect(run({ source: 'trivy', report: 't.json' }, root)).rejects.toThrow(
      'trivy found nothing to scan'
    )
    await expect(run({ source: 'pip-audit', report: 'p.json' }, root)).rejects.toThrow(
      'pip-audit audited no dependency'
    )
  })

  it('prototype keys are data, not lookups', async () => {
    const doc = {
      dependencies: [
        {
          name: '__proto__',
          version: '1',
          vulns: [{ id: 'constructor', aliases: ['toString'], fix_versions: [] }]
        }
      ]
    }
    const root = tree({ 'p.json': JSON.stringify(doc) })
    const outcome = await run({ source: 'pip-audit', report: 'p.json' }, root)
    expect(brief(outcome.details!.findings)).toEqual(['unknown __proto__@1 constructor'])
  })

  it('zero-width and bidi characters never reach the summary (copyable package@version)', async () => {
    const doc = {
      SchemaVersion: 2,
      Results: [
        {
          Target: 'x',
          Vulnerabilities: [
            {
              VulnerabilityID: 'CVE-2024-1\u200b',
              PkgName: 'body\u200b-parser\u202e',
              InstalledVersion: '1.20.2\ufeff',
              Severity: 'HIGH'
            }
          ]
        }
      ]
    }
    const root = tree({ 't.json': JSON.stringify(doc) })
    const outcome = await run({ source: 'trivy', report: 't.json' }, root)
    expect(outcome.summary).toContain('body-parser@1.20.2 CVE-2024-1')
    expect(outcome.summary).not.toMatch(/[\u200b\u202e\ufeff]/)
  })

  it('a huge report is refused before parsing', async () => {
    const root = tree({ 'big.json': '{"matches": [' + ' '.repeat(65 * 1024 * 1024) + ']}' })
    await expect(run({ source: 'grype', report: 'big.json' }, root)).rejects.toThrow(
      'big.json is larger than 64 MiB: not read'
    )
  })

  it('a report that is a symlink out of the repository is refused', async () => {
    const outside = tree({ 'secret.json': '{"matches": []}' })
    const root = tree({})
    symlinkSync(path.join(outside, 'secret.json'), path.join(root, 'grype.json'))
    await expect(run({ source: 'grype', report: 'grype.json' }, root)).rejects.toThrow(
      'points out of the repository'
    )
  })

  it('a report that is a FIFO is refused, not waited on', async () => {
    const root = tree({})
    execFileSync('mkfifo', [path.join(root, 'osv.json')])
    await expect(run({ source: 'osv-scanner', report: 'osv.json' }, root)).rejects.toThrow(
      'osv.json is not a regular file: not read'
    )
  })
})
