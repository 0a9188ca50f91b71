import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { detectProjects } from '../../src/templates/detect.js'
import { runInProcess } from '../helpers/in-process.js'
import { runCli, type Run } from '../helpers/run-dist.js'

const temps: string[] = []
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true })
})
function repo(files: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'glg-init-'))
  temps.push(dir)
  for (const f of files) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true })
    writeFileSync(path.join(dir, f), '')
  }
  return dir
}
/**
 * `init` then `validate` through the command line's code in this process (or the bundle, as a newcomer runs
 * them: `runCli`); what they said and the written checklist.
 */
async function initAndValidate(
  root: string,
  run: (args: string[], cwd: string) => Run | Promise<Run> = runInProcess
): Promise<string> {
  const init = await run(['init'], root)
  expect(init.code).toBe(0)
  const validate = await run(['validate'], root)
  expect(validate.stderr).toBe('')
  expect(validate.code).toBe(0)
  return readFileSync(path.join(root, '.github/go-live.yml'), 'utf8')
}

describe('init writes a starter that fits the repository', () => {
  it('a Python repository gets osv-scanner, a CycloneDX SBOM and coverage.py, never npm', async () => {
    // through the bundle; the other repositories through the same code in this process
    const text = await initAndValidate(repo(['pyproject.toml', 'uv.lock']), runCli)
    expect(text).toBe(await initAndValidate(repo(['pyproject.toml', 'uv.lock'])))
    expect(text).toContain('with: { source: osv-scanner, report: osv-scanner.json, fail-on: high }')
    expect(text).toContain(
      'with: { allow: [MIT, Apache-2.0, BSD-2-Clause, BSD-3-Clause, ISC, 0BSD], sbom: sbom.cdx.json }'
    )
    expect(text).toContain('with: { reports: [coverage.xml], min: { lines: 80 } }')
    // (the schema comment points at npm's CDN: that is where the schema is served, not a tool to run)
    expect(text.replace(/^# yaml-language-server: .*\n/, '')).not.toMatch(/npm/)
  })

  it('a Go repository gets govulncheck and a Go coverprofile', async () => {
    const text = await initAndValidate(repo(['go.mod', 'go.sum']))
    expect(text).toContain(
      '# written in CI before the gate: govulncheck -format json ./... > govulncheck.json'
    )
    expect(text).toContain('with: { source: govulncheck, report: govulncheck.json }')
    expect(text).toContain('with: { reports: [coverage.out], min: { lines: 80 } }')
  })

  it('a Java repository gets osv-scanner and JaCoCo', async () => {
    const text = await initAndValidate(repo(['pom.xml']))
    expect(text).toContain('with: { reports: [target/site/jacoco/jacoco.xml], min: { lines: 80 } }')
  })

  it('a Node repository keeps npm audit run by the gate and its lockfile', async () => {
    const text = await initAndValidate(repo(['package.json', 'package-lock.json']))
    expect(text).toContain('with: { source: npm-audit, fail-on: high }')
    expect(text).toContain('lockfile: package-lock.json }')
  })

  it('a Python service next to a Node dashboard gets one item per project, each named after its folder', async () => {
    const text = await initAndValidate(
      repo(['service/pyproject.toml', 'dashboard/package.json', 'dashboard/yarn.lock'])
    )
    expect(text).toMatch(
      /- id: dependency-scan-service\n\s+title: "Python \(service\): Dependency vulnerability scan passed"/
    )
    expect(text).toContain('with: { source: yarn-audit, report: dashboard/audit.json, fail-on: high }')
    expect(text).toContain('sbom: dashboard/sbom.cdx.json }')
  })

  it('ignores dependencies, hidden folders and symlinked folders', async () => {
    const root = repo(['node_modules/x/package.json', '.venv/pyproject.toml', 'go.mod'])
    const outside = repo(['pom.xml'])
    symlinkSync(outside, path.join(root, 'linked'))
    expect(await detectProjects(root)).toEqual([{ ecosystem: 'go', dir: '', files: ['go.mod'] }])
  })
})
