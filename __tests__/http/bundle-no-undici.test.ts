// The bundle never loads undici (node's fetch, whose WebAssembly HTTP parser cost every run ~170 ms of CPU):
// the action against the emulator and the CLI on prometheus and http items, each run as a user runs it with a
// preload that writes, at exit, whether node loaded undici. Whoever brings fetch (or Response, Headers...)
// back into a run sees this fail.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { cleanup, prPayload, runAction } from '../e2e/harness.js'
import { HEAD } from '../emulator/fixtures.js'
import type { Emulator } from '../emulator/server.js'
import { RELEASE_CHECKLIST, startRelease } from '../e2e/release.js'
import { CLI, runNodeAsync } from '../helpers/run-dist.js'

let dir = ''
let preload = ''
let probes = 0
let server: Server
let url = ''

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'glg-undici-'))
  preload = path.join(dir, 'probe.cjs')
  writeFileSync(
    preload,
    `process.on('exit', () => {
  const loaded = process.moduleLoadList.filter(m => m.includes('undici'))
  require('node:fs').writeFileSync(process.env.GLG_PROBE_OUT, JSON.stringify(loaded))
})
`
  )
  // a Prometheus API and a health endpoint on loopback
  server = createServer((req, res) => {
    if (req.url?.startsWith('/api/v1/query'))
      return res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          status: 'success',
          data: { resultType: 'vector', result: [{ metric: {}, value: [1700000000, '1'] }] }
        })
      )
    if (req.url === '/health') return res.end('{"status":"ok"}')
    res.writeHead(404).end()
  })
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>(r => server.close(() => r()))
  rmSync(dir, { recursive: true, force: true })
})

/** NODE_OPTIONS and the file the preload writes its finding to. */
function probe(): { env: Record<string, string>; read: () => string[] } {
  const out = path.join(dir, `probe-${++probes}.json`)
  return {
    env: { NODE_OPTIONS: `--require ${preload}`, GLG_PROBE_OUT: out },
    read: () => JSON.parse(readFileSync(out, 'utf8')) as string[]
  }
}

describe('no undici in a run of the bundle', () => {
  it.each(["fetch('http://127.0.0.1:1/').catch(() => {})", 'new Response("x")', 'typeof Headers'])(
    'the probe sees undici when a run uses %s (so that it can fail)',
    async code => {
      const p = probe()
      const r = await runNodeAsync(['-e', code], dir, p.env)
      expect(r.code).toBe(0)
      expect(p.read()).toContain('NativeModule internal/deps/undici/undici')
    }
  )

  describe('the action against the GitHub API emulator', () => {
    let gh: Emulator
    afterEach(async () => {
      cleanup()
      await gh?.close()
    })

    it('a release PR judged with every GitHub kind, its comment and status posted: undici never loaded', async () => {
      const started = await startRelease(RELEASE_CHECKLIST, 'stakeholders-notified')
      gh = started.gh
      const token = started.token
      const p = probe()
      const r = await runAction(gh, token, {
        eventName: 'pull_request',
        event: prPayload(),
        files: { '.github/go-live.yml': RELEASE_CHECKLIST },
        env: p.env
      })
      expect([r.code, r.outputs.result]).toEqual([0, 'pass'])
      expect(gh.state.statuses[HEAD][0]).toMatchObject({ context: 'go-live', state: 'success' })
      expect(gh.state.comments.filter(c => c.bot)).toHaveLength(1)
      expect(p.read()).toEqual([])
    })
  })

  it('the CLI on a prometheus and an http item against loopback servers: undici never loaded', async () => {
    const repo = mkdtempSync(path.join(dir, 'repo-'))
    writeFileSync(
      path.join(repo, 'go-live.yml'),
      `version: 1
name: Live
stages: [pre-release, post-deploy]
sections:
  - title: After the deploy
    stage: post-deploy
    items:
      - { id: up, title: Up, check: prometheus, with: { url: "${url}", query: "vector(1)", equals: 1 } }
      - { id: health, title: Health, check: http, with: { url: "${url}/health", contains: '"ok"' } }
`
    )
    const p = probe()
    const r = await runNodeAsync(
      [CLI, 'check', '--checklist', 'go-live.yml', '--stage', 'post-deploy', '--json', 'report.json'],
      repo,
      p.env
    )
    const report = JSON.parse(readFileSync(path.join(repo, 'report.json'), 'utf8')) as {
      items: { id: string; status: string }[]
    }
    expect(report.items.map(i => [i.id, i.status])).toEqual([
      ['up', 'pass'],
      ['health', 'pass']
    ])
    expect(r.code).toBe(0)
    expect(p.read()).toEqual([])
  })
})
