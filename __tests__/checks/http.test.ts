import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import type { Item } from '../../src/checklist/types.js'
import { check, type HttpOptions } from '../../src/checks/http/index.js'
import { context, fakeClock, tempTree } from '../helpers/context.js'

let server: Server
let base = ''
const hits: Record<string, number> = {}
beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/'
    hits[url] = (hits[url] ?? 0) + 1
    if (url === '/health') return res.end('{"status": "ok"}')
    if (url === '/down') return res.writeHead(503).end('maintenance')
    if (url === '/slow') return setTimeout(() => res.end('ok'), 300)
    if (url === '/flaky') return hits[url] < 3 ? res.writeHead(502).end() : res.end('ok')
    if (url === '/moved') return res.writeHead(301, { location: '/health' }).end()
    if (url === '/gz')
      return res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('{"status": "ok"}'))
    if (url === '/cut') {
      res.writeHead(200, { 'content-length': '100' }).write('{"status": "o')
      return setImmediate(() => res.destroy())
    }
    res.writeHead(404).end()
  })
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => {
  server.close()
})

const item = { id: 'h', title: 'H' } as Item
const run = (options: Partial<HttpOptions> & { url: string }, clock = fakeClock()) =>
  check({ method: 'GET', status: 200, retries: 0, timeout: 5, ...options }, item, context(tempTree(), clock))

describe('http', () => {
  it('passes when the endpoint answers as expected', async () => {
    const outcome = await run({
      url: `${base}/health`,
      contains: '"status":\\s*"ok"',
      'max-latency-ms': 5000
    })
    expect(outcome.status).toBe('pass')
    expect(outcome.summary).toMatch(new RegExp(`^GET ${base}/health answered 200 in \\d+ ms$`))
    expect(outcome.details).toMatchObject({ status: 200 })
  })

  it('fails on a wrong status, a missing phrase, a slow answer, or no answer', async () => {
    expect((await run({ url: `${base}/down` })).summary).toBe(`GET ${base}/down answered 503, expected 200`)
    expect((await run({ url: `${base}/health`, contains: 'healthy' })).summary).toBe(
      `GET ${base}/health answered without /healthy/ in the body`
    )
    const slow = await run({ url: `${base}/slow`, 'max-latency-ms': 50 })
    expect(slow.summary).toMatch(/answered in \d+ ms, more than the 50 ms allowed$/)
    const closedPort = await new Promise<number>(resolve => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port
        s.close(() => resolve(port))
      })
    })
    const closed = await run({ url: `http://127.0.0.1:${closedPort}/health` })
    expect([closed.status, closed.summary]).toEqual([
      'fail',
      `GET http://127.0.0.1:${closedPort}/health did not answer: ECONNREFUSED`
    ])
  })

  it('retries before failing, and passes once the endpoint recovers', async () => {
    const clock = fakeClock()
    const outcome = await run({ url: `${base}/flaky`, retries: 3 }, clock)
    expect(outcome.status).toBe('pass')
    expect(hits['/flaky']).toBe(3)
    expect(clock.slept).toEqual([1000, 2000])
  })

  it('never shows credentials or query values of the URL', async () => {
    const outcome = await run({ url: `${base}/health?api_key=abc123secret` })
    expect(JSON.stringify(outcome)).not.toContain('abc123secret')
    expect(outcome.summary).toContain(`${base}/health?…`)
  })

  it('follows redirects and judges the final answer; reads a gzip body (asked for) as text', async () => {
    const moved = await run({ url: `${base}/moved`, contains: '"ok"' })
    expect([moved.status, moved.summary]).toEqual([
      'pass',
      expect.stringMatching(new RegExp(`^GET ${base}/moved answered 200 in \\d+ ms$`))
    ])
    expect((await run({ url: `${base}/gz`, contains: '"status":\\s*"ok"' })).status).toBe('pass')
  })

  it('a body cut off before its end is a fail that says so, not a body without the phrase', async () => {
    const cut = await run({ url: `${base}/cut`, contains: 'ok' })
    expect([cut.status, cut.summary]).toEqual([
      'fail',
      `GET ${base}/cut did not answer: the answer was cut off before its end`
    ])
  })

  it("the item's timeout (its signal) ends a request to a server that never answers", async () => {
    const controller = new AbortController()
    const hang = createServer(() => controller.abort())
    await new Promise<void>(r => hang.listen(0, '127.0.0.1', r))
    const url = `http://127.0.0.1:${(hang.address() as AddressInfo).port}/`
    try {
      const out = await check(
        { method: 'GET', status: 200, retries: 3, timeout: 5, url },
        item,
        context(tempTree(), { ...fakeClock(), signal: controller.signal })
      )
      expect([out.status, out.summary]).toEqual([
        'fail',
        `GET ${url} did not answer: This operation was aborted`
      ])
    } finally {
      hang.closeAllConnections()
      await new Promise<void>(r => hang.close(() => r()))
    }
  })
})
