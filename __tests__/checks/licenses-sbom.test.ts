import { afterEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { cpSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Item } from '../../src/checklist/types.js'
import { check } from '../../src/checks/licenses/index.js'
import type { LicenseEntry, Options } from '../../src/checks/licenses/index.js'
import { loaded } from '../helpers/options.js'
import type { CheckContext } from '../../src/checks/types.js'
import { context as baseContext, tempTree } from '../helpers/context.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const fixtures = path.join(here, '../../__fixtures__/licenses')
const temps: string[] = []
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true })
})
function tree(files: Record<string, string> = {}): string {
  const dir = tempTree(files)
  temps.push(dir)
  return dir
}

function context(root: string): CheckContext {
  return baseContext(root, { now: () => new Date('2026-12-01T12:00:00Z') })
}
async function run(options: Partial<Options>, root = fixtures) {
  const full = loaded<Options>('licenses', options)
  const item: Item = {
    id: 'licences',
    title: 'Licences',
    section: 'Compliance',
    check: 'licenses',
    with: { ...full },
    severity: 'blocking',
    timeout: 60
  }
  return check(full, item, context(root))
}
const listed = (d: unknown) => (d as LicenseEntry[]).map(v => `${v.package}@${v.version} ${v.license}`)

// `allow: []` makes every package a violation, so the details list every licence the SBOM gives
const NPM_PROJECT = [
  'argparse@2.0.1 Python-2.0',
  'ms@2.1.3 MIT',
  'node-forge@1.3.1 (BSD-3-Clause OR GPL-2.0)',
  'semver@7.6.3 ISC',
  'spdx-exceptions@2.5.0 CC-BY-3.0',
  'tslib@2.8.1 0BSD'
]

describe('sbom: real CycloneDX and SPDX documents of one npm project', () => {
  it.each([
    ['sbom/cyclonedx-npm-1.6.cdx.json', 'CycloneDX 1.6', NPM_PROJECT],
    ['sbom/cyclonedx-npm-1.4.cdx.json', 'CycloneDX 1.4', NPM_PROJECT],
    ['sbom/npm-sbom-1.5.cdx.json', 'CycloneDX 1.5', NPM_PROJECT],
    ['sbom/npm-sbom-2.3.spdx.json', 'SPDX 2.3', NPM_PROJECT],
    [
      'sbom/cdxgen-1.5.cdx.json',
      'CycloneDX 1.5',
      NPM_PROJECT.map(l => l.replace('(BSD-3-Clause OR GPL-2.0)', 'BSD-3-Clause OR GPL-2.0-only'))
    ]
  ])(
    '%s (%s): every package with its exact licence, the project itself left out',
    async (sbom, format, expected) => {
      const outcome = await run({ sbom, allow: [] })
      expect(outcome.details).toMatchObject({ sbom, format, packages: 6 })
      expect(listed(outcome.details!.violations)).toEqual(expected)
    }
  )

  it('judges them: one licence outside the policy fails, an OR with one allowed branch passes', async () => {
    const outcome = await run({
      sbom: 'sbom/cyclonedx-npm-1.6.cdx.json',
      allow: ['MIT', 'ISC', '0BSD', 'BSD-3-Clause', 'Python-2.0']
    })
    expect(outcome.status).toBe('fail')
    expect(outcome.summary).toBe(
      '1 licence violation in 6 packages (CycloneDX 1.6 SBOM): spdx-exceptions@2.5.0 (CC-BY-3.0); replace them or extend `allow`'
    )
  })

  it('SPDX 2.2 written from the spec: concluded wins over declared, NOASSERTION is unknown, LicenseRef kept', async () => {
    const outcome = await run({
      sbom: 'sbom/written/spdx-2.2-concluded.spdx.json',
      allow: ['MIT', 'BSD-3-Clause', 'Apache-2.0']
    })
    expect(outcome.status).toBe('fail')
    expect(listed(outcome.details!.violations)).toEqual([
      'example.com/mystery@v0.0.1 UNKNOWN',
      'example.com/relicensed@v1.0.0 GPL-3.0-only',
      'example.com/vendor-sdk@v2.1.0 LicenseRef-Vendor-EULA'
    ])
    expect(outcome.details!.packages).toBe(6)
  })

  it('CycloneDX written from the spec: license.name, several ids (all must hold), concluded, nested, groups', async () => {
    const outcome = await run({ sbom: 'sbom/written/cyclonedx-1.6-edge.cdx.json', allow: [] })
    expect(listed(outcome.details!.violations)).toEqual([
      '@types/node@20.19.43 MIT',
      'concluded-wins@3.0.0 Apache-2.0',
      'named-only@1.0.0 Acme Public Licence',
      'nested@0.1.0 UNKNOWN',
      'none-at-all@0.0.1 UNKNOWN',
      'org.apache.commons:commons-lang3@3.14.0 Apache-2.0',
      'two-ids@2.0.0 MIT AND GPL-3.0-only'
    ])
    const policy = await run({
      sbom: 'sbom/written/cyclonedx-1.6-edge.cdx.json',
      allow: ['MIT', 'Apache-2.0', 'Acme Public Licence'],
      unknown: 'warn'
    })
    expect(listed(policy.details!.violations)).toEqual(['two-ids@2.0.0 MIT AND GPL-3.0-only'])
  })

  it('CycloneDX scope "excluded" (dev dependencies) counts only with include-dev', async () => {
    const doc = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      components: [
        { name: 'shipped', version: '1.0.0', licenses: [{ license: { id: 'MIT' } }] },
        {
          name: 'test-only',
          version: '2.0.0',
          scope: 'excluded',
          licenses: [{ license: { id: 'GPL-3.0-only' } }]
        }
      ]
    }
    const root = tree({ 'bom.json': JSON.stringify(doc) })
    expect((await run({ sbom: 'bom.json', allow: ['MIT'] }, root)).status).toBe('pass')
    const dev = await run({ sbom: 'bom.json', allow: ['MIT'], 'include-dev': true }, root)
    expect(listed(dev.details!.violations)).toEqual(['test-only@2.0.0 GPL-3.0-only'])
  })

  it('SPDX 3 JSON-LD (cdxgen --format spdx) is refused with what to export instead', async () => {
    await expect(run({ sbom: 'sbom/cdxgen-spdx3.jsonld', allow: ['MIT'] })).rejects.toThrow(
      'sbom/cdxgen-spdx3.jsonld is SPDX 3 JSON-LD, which is not read: export SPDX 2.3 JSON or CycloneDX JSON'
    )
  })
})

describe('python-env: a real site-packages (Debian bookworm python3-* packages)', () => {
  it('License-Expression, an SPDX License field, else classifiers', async () => {
    const outcome = await run({ 'python-env': 'python-env/site-packages', allow: [] })
    expect(outcome.details).toMatchObject({ pythonEnv: 'python-env/site-packages', packages: 8 })
    expect(listed(outcome.details!.violations)).toEqual([
      'blinker@1.5 MIT',
      'cryptography@38.0.4 BSD-3-Clause OR Apache-2.0',
      'distro@1.8.0 Apache-2.0',
      'httplib2@0.20.4 MIT',
      'Pygments@2.14.0 BSD-2-Clause',
      'pyparsing@3.0.9 MIT',
      'PyYAML@6.0 MIT',
      'six@1.16.0 MIT'
    ])
  })

  it('passes under a permissive policy, with the source in the summary', async () => {
    const outcome = await run({
      'python-env': 'python-env/site-packages',
      allow: ['MIT', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause']
    })
    expect(outcome.status).toBe('pass')
    expect(outcome.summary).toBe('8 packages (Python environment), all licences compatible')
  })

  it('PEP 639 License-Expression wins; a long License text falls back to classifiers', async () => {
    const root = tree({
      'venv/a-1.0.dist-info/METADATA':
        'Metadata-Version: 2.4\nName: a\nVersion: 1.0\nLicense-Expression: MIT OR Apache-2.0\nLicense: whatever\n\nbody',
      'venv/b-2.0.dist-info/METADATA':
        'Metadata-Version: 2.1\nName: b\nVersion: 2.0\nLicense: Copyright (c) Someone\n        Permission is hereby granted...\nClassifier: License :: OSI Approved :: GNU General Public License v3 (GPLv3)\n\n'
    })
    const outcome = await run({ 'python-env': 'venv', allow: [] }, root)
    expect(listed(outcome.details!.violations)).toEqual(['a@1.0 MIT OR Apache-2.0', 'b@2.0 GPL-3.0-only'])
  })

  it('a folder without metadata is an error that says where site-packages is', async () => {
    const root = tree({ 'venv/readme.txt': 'x' })
    await expect(run({ 'python-env': 'venv', allow: ['MIT'] }, root)).rejects.toThrow(
      'venv holds no *.dist-info/METADATA'
    )
  })
})

describe('hostile SBOMs and environments', () => {
  it('a broken SBOM is refused without quoting it', async () => {
    const root = tree({ 'bom.json': '{"bomFormat": "CycloneDX", "token": "ghp_SECRETSECRET' })
    const e = await run({ sbom: 'bom.json', allow: ['MIT'] }, root).catch((x: Error) => x)
    expect(String(e)).toContain('bom.json is not valid JSON')
    expect(String(e)).not.toContain('SECRET')
  })

  it('an SBOM that lists no package is an error, never "0 packages, all compatible"', async () => {
    const root = tree({
      'bom.json': JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [] })
    })
    await expect(run({ sbom: 'bom.json', allow: ['MIT'] }, root)).rejects.toThrow(
      'bom.json lists no third-party packages'
    )
  })

  it('neither CycloneDX nor SPDX is an error, never "0 packages"', async () => {
    const root = tree({ 'bom.json': '{"packages": []}' })
    await expect(run({ sbom: 'bom.json', allow: ['MIT'] }, root)).rejects.toThrow(
      'is not a CycloneDX or SPDX JSON SBOM'
    )
  })

  it('prototype keys and invisible characters are data; printed names are clean', async () => {
    const doc = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      components: [
        { name: '__proto__', version: '1', licenses: [{ license: { id: 'constructor' } }] },
        {
          name: 'body\u200b-parser',
          version: '1.20.2\u202e',
          licenses: [{ license: { id: 'GPL-3.0-only' } }]
        }
      ]
    }
    const root = tree({ 'bom.json': JSON.stringify(doc) })
    const outcome = await run({ sbom: 'bom.json', allow: ['MIT'] }, root)
    expect(listed(outcome.details!.violations)).toEqual([
      '__proto__@1 constructor',
      'body-parser@1.20.2 GPL-3.0-only'
    ])
    expect(outcome.summary).not.toMatch(/[\u200b\u202e]/)
  })

  it('an SBOM that is a symlink out of the repository or a FIFO is refused', async () => {
    const outside = tree({
      'bom.json': JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', components: [] })
    })
    const root = tree()
    symlinkSync(path.join(outside, 'bom.json'), path.join(root, 'bom.json'))
    await expect(run({ sbom: 'bom.json', allow: ['MIT'] }, root)).rejects.toThrow(
      'points out of the repository'
    )
    execFileSync('mkfifo', [path.join(root, 'fifo.json')])
    await expect(run({ sbom: 'fifo.json', allow: ['MIT'] }, root)).rejects.toThrow(
      'fifo.json is not a regular file'
    )
  })

  it('a dist-info linked out of the repository is not read', async () => {
    const outside = tree({ 'evil-1.0.dist-info/METADATA': 'Name: evil\nVersion: 1.0\nLicense: MIT\n' })
    const root = tree({ 'venv/ok-1.0.dist-info/METADATA': 'Name: ok\nVersion: 1.0\nLicense: MIT\n' })
    symlinkSync(path.join(outside, 'evil-1.0.dist-info'), path.join(root, 'venv', 'evil-1.0.dist-info'))
    const outcome = await run({ 'python-env': 'venv', allow: ['MIT'] }, root)
    expect(outcome.details!.packages).toBe(1)
  })

  it('a huge SBOM is refused before parsing', async () => {
    const root = tree()
    cpSync(path.join(fixtures, 'sbom/npm-sbom-1.5.cdx.json'), path.join(root, 'small.json'))
    writeFileSync(
      path.join(root, 'bom.json'),
      '{"bomFormat":"CycloneDX","x":"' + 'a'.repeat(65 * 1024 * 1024) + '"}'
    )
    await expect(run({ sbom: 'bom.json', allow: ['MIT'] }, root)).rejects.toThrow(
      'bom.json is larger than 64 MiB: not read'
    )
  })
})
