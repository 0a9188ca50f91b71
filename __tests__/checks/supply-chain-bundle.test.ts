import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { runCli } from '../helpers/run-dist.js'

// The bundle (dist/cli.js) reading real reports and SBOMs, as a user runs it.
const HERE = path.dirname(fileURLToPath(import.meta.url))
const ROOT = path.resolve(HERE, '../..')
const VULNS = path.join(ROOT, '__fixtures__/vulnerabilities/tools')
const LICENSES = path.join(ROOT, '__fixtures__/licenses')

let repo: string
beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'glg-supply-'))
  cpSync(VULNS, path.join(repo, 'reports'), { recursive: true })
  cpSync(
    path.join(ROOT, '__fixtures__/vulnerabilities/pnpm-audit.json'),
    path.join(repo, 'reports/pnpm-audit.json')
  )
  cpSync(path.join(LICENSES, 'sbom'), path.join(repo, 'sbom'), { recursive: true })
  cpSync(path.join(LICENSES, 'python-env/site-packages'), path.join(repo, 'venv/lib/site-packages'), {
    recursive: true
  })
  mkdirSync(path.join(repo, '.github'))
  writeFileSync(
    path.join(repo, '.github/go-live.yml'),
    `version: 1
name: Supply chain
sections:
  - title: Supply chain
    items:
      - { id: osv, title: OSV, check: vulnerabilities, with: { source: osv-scanner, report: reports/osv-scanner.json } }
      - id: pip
        title: pip-audit
        check: vulnerabilities
        with:
          source: pip-audit
          report: reports/pip-audit.json
          ignore:
            - { id: CVE-2024-22195, reason: "no user keys in xmlattr", until: 2099-01-01 }
            - { id: GHSA-h75v-3vvj-5mfj, reason: "same filter", until: 2099-01-01 }
            - { id: PYSEC-2024-60, reason: "verify never disabled", until: 2099-01-01 }
            - { id: CVE-2023-45803, reason: "no redirects", until: 2099-01-01 }
      - { id: go, title: Go, check: vulnerabilities, with: { source: govulncheck, report: reports/govulncheck.json } }
      - { id: grype, title: Grype, check: vulnerabilities, with: { source: grype, report: reports/grype.json, fail-on: critical } }
      - { id: trivy, title: Trivy, check: vulnerabilities, with: { source: trivy, report: reports/trivy.json } }
      - { id: pnpm, title: pnpm, check: vulnerabilities, with: { source: pnpm-audit, report: reports/pnpm-audit.json, fail-on: low } }
      - { id: trivy-missing, title: Trivy run, check: vulnerabilities, with: { source: trivy } }
      - { id: cdx, title: CycloneDX, check: licenses, with: { sbom: sbom/cyclonedx-npm-1.6.cdx.json, allow: [MIT, ISC, 0BSD, BSD-3-Clause, Python-2.0] } }
      - { id: spdx, title: SPDX, check: licenses, with: { sbom: sbom/npm-sbom-2.3.spdx.json, allow: [MIT, ISC, 0BSD, BSD-3-Clause, Python-2.0, CC-BY-3.0] } }
      - { id: py, title: Python env, check: licenses, with: { python-env: venv/lib/site-packages, allow: [MIT, Apache-2.0, BSD-2-Clause, BSD-3-Clause] } }
`
  )
})
afterAll(() => rmSync(repo, { recursive: true, force: true }))

describe('dist/cli.js check on real reports of every new source and both SBOM formats', () => {
  it('prints each verdict line and writes the findings and licences to the JSON report', () => {
    const r = runCli(['check', '--json', 'report.json', '--markdown', 'summary.md'], repo)
    expect(r.code).toBe(1)
    const out = r.stdout
    expect(out).toMatch(
      /✖ fail\s+osv\s+osv-scanner: 1 unknown, 2 high \(fail-on high\): pillow@10\.0\.0 CVE-2023-44271/
    )
    expect(out).toMatch(
      /✔ pass\s+pip\s+pip-audit: no advisories at or above high \(ignored: GHSA-h5c8-rqwp-cp95 \(no user keys in xmlattr, until 2099-01-01\)/
    )
    expect(out).toMatch(
      /✖ fail\s+go\s+govulncheck: 1 unknown \(fail-on high\): golang\.org\/x\/net@v0\.17\.0 GHSA-4v7x-pqxf-cx7m \(fix: v0\.23\.0\)/
    )
    expect(out).toMatch(
      /✔ pass\s+grype\s+grype: no advisories at or above critical \(1 high, 1 moderate, 1 info below critical\)/
    )
    expect(out).toMatch(/✖ fail\s+trivy\s+trivy: 1 unknown, 1 high \(fail-on high\)/)
    expect(out).toMatch(
      /! error\s+trivy-missing\s+trivy is not run by the gate: run `trivy fs --format json --output trivy\.json \.` in the workflow before the gate/
    )
    expect(out).toMatch(
      /✖ fail\s+cdx\s+1 licence violation in 6 packages \(CycloneDX 1\.6 SBOM\): spdx-exceptions@2\.5\.0 \(CC-BY-3\.0\)/
    )
    expect(out).toMatch(/✔ pass\s+spdx\s+6 packages \(SPDX 2\.3 SBOM\), all licences compatible/)
    expect(out).toMatch(/✔ pass\s+py\s+8 packages \(Python environment\), all licences compatible/)

    // copyable in the job summary and the PR comment: no zero-width space inside name@version
    const markdown = readFileSync(path.join(repo, 'summary.md'), 'utf8')
    expect(markdown).toContain('express@4.18.1 GHSA-qw6h-vgh9-j6wx')
    expect(markdown).not.toMatch(/[\w-]@\u200b/)
    const report = JSON.parse(readFileSync(path.join(repo, 'report.json'), 'utf8')) as {
      items: { id: string; details: Record<string, unknown> }[]
    }
    const details = (id: string) => report.items.find(i => i.id === id)!.details
    expect(details('trivy').findings).toEqual([
      {
        id: 'CVE-2026-0001',
        package: 'numpy',
        version: '1.26.4',
        severity: 'unknown',
        ignored: false,
        title: 'numpy: an advisory not yet rated'
      },
      {
        id: 'GHSA-jfhm-5ghh-2f97',
        package: 'cryptography',
        version: '41.0.3',
        severity: 'high',
        ignored: false,
        title: 'python-cryptography: NULL-dereference when loading PKCS7 certificates'
      },
      {
        id: 'GHSA-h5c8-rqwp-cp95',
        package: 'jinja2',
        version: '3.1.2',
        severity: 'moderate',
        ignored: false,
        title: 'jinja2: HTML attribute injection when passing user input as keys to xmlattr filter'
      }
    ])
    expect(details('cdx').violations).toEqual([
      { package: 'spdx-exceptions', version: '2.5.0', license: 'CC-BY-3.0' }
    ])
    expect(details('pip').findings).toContainEqual(
      expect.objectContaining({
        id: 'GHSA-9wx4-h78v-vm56',
        ignored: true,
        reason: 'verify never disabled',
        until: '2099-01-01'
      })
    )
  })
})

describe('validate', () => {
  it('refuses a licences item that names two sources, and an SBOM path out of the repository', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'glg-supply-'))
    try {
      mkdirSync(path.join(root, '.github'))
      writeFileSync(
        path.join(root, '.github/go-live.yml'),
        `version: 1
name: x
sections:
  - title: s
    items:
      - { id: both, title: b, check: licenses, with: { allow: [MIT], sbom: a.json, python-env: venv } }
      - { id: out, title: o, check: licenses, with: { allow: [MIT], sbom: ../a.json } }
`
      )
      const r = runCli(['validate'], root)
      expect(r.code).toBe(2)
      expect(r.stderr).toContain(
        ".github/go-live.yml:6:54: check 'licenses' reads one of 'lockfile', 'sbom' or 'python-env': use one item per source"
      )
      expect(r.stderr).toMatch(/go-live\.yml:7:\d+: '\.\.\/a\.json' must stay inside the repository/)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})

describe('the bundled example (npm start)', () => {
  it('shows the Python service and the Node dashboard supply chain side by side', () => {
    const r = runCli(['check', '--cwd', 'examples/mech-exo', '--mode', 'report'], ROOT)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(
      /✔ pass\s+all-third-party-licenses-compatible\s+4 packages, all licences compatible/
    )
    expect(r.stdout).toMatch(
      /✔ pass\s+python-service-licenses-compatible\s+26 packages \(CycloneDX 1\.5 SBOM\), all licences compatible/
    )
    expect(r.stdout).toMatch(
      /✔ pass\s+dependency-vulnerability-scan-passed\s+npm audit: no advisories at or above high/
    )
    expect(r.stdout).toMatch(
      /✔ pass\s+python-service-vulnerability-scan-passed\s+osv-scanner: no advisories at or above high \(3 moderate below high; ignored: GHSA-h5c8-rqwp-cp95 \(templates never take user input as xmlattr keys, until 2027-03-31\)\)/
    )
    expect(r.stdout).toMatch(/✔ pass\s+python-service-unit-coverage\s+lines 75\.00% \(12\/16\) >= 70%/)
  })
})
