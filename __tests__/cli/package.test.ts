import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const work = mkdtempSync(path.join(tmpdir(), 'glg-pack-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('the npm package', () => {
  it('packs, installs into an empty folder with nothing from the network, and runs as go-live-gate', () => {
    const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version
    const env = {
      ...process.env,
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false'
    }
    execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, env, stdio: 'pipe' })
    const [tarball] = readdirSync(work).filter(f => f.endsWith('.tgz'))
    expect(tarball).toBe(`go-live-gate-${version}.tgz`)
    const app = path.join(work, 'app')
    mkdirSync(app)
    // an empty project (what `npm init -y` writes, without a third npm process)
    writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({ name: 'app', version: '1.0.0', private: true })
    )
    execFileSync('npm', ['install', '--offline', '--no-save', path.join(work, tarball)], {
      cwd: app,
      env,
      stdio: 'pipe'
    })
    // the package brings nothing but itself: every dependency is bundled into dist/
    expect(readdirSync(path.join(app, 'node_modules')).filter(n => !n.startsWith('.'))).toEqual([
      'go-live-gate'
    ])

    const bin = path.join(app, 'node_modules/.bin/go-live-gate')
    const v = spawnSync(bin, ['--version'], { encoding: 'utf8' })
    expect([v.status, v.stdout.trim()]).toEqual([0, version])
    const example = path.join(ROOT, 'examples/mech-exo')
    const validate = spawnSync(bin, ['validate', '--cwd', example], { encoding: 'utf8' })
    expect(validate.stderr).toBe('')
    expect(validate.status).toBe(0)
    expect(validate.stdout).toContain('.github/go-live.yml')
    // the schemas are exported for editors and other tools
    const schema = path.join(app, 'node_modules/go-live-gate/checklist.schema.json')
    expect(JSON.parse(readFileSync(schema, 'utf8')).title).toBe('Go-Live Gate checklist')
    expect(readdirSync(path.join(app, 'node_modules/go-live-gate/schemas'))).toEqual(['evidence.schema.json'])
  })
})
