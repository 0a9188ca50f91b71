// The prometheus kind's transport (src/http/request.ts, no fetch) against a loopback server that answers like
// the Prometheus API, or breaks it the ways a proxy or a hostile server can.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import type { Item } from '../../../src/checklist/types.js'
import { check, type PrometheusOptions } from '../../../src/checks/prometheus/index.js'
import { loaded } from '../../helpers/options.js'
import { context, tempTree } from '../../helpers/context.js'

const CANARY = `glgcanary${randomBytes(12).toString('hex')}`
const ANSWER = JSON.stringify({
  status: 'success',
  data: { resultType: 'vector', result: [{ metric: {}, value: [1700000000, '1'] }] }
})

let api: Server
let elsewhere: Server
let url = ''
let elsewhereUrl = ''
const seen: IncomingMessage['headers'][] = []
const stolen: IncomingMessage['headers'][] = []

beforeAll(async () => {
  elsewhere = createServer((req, res) => {
    stolen.push(req.headers)
    res.writeHead(200, { 'content-type': 'application/json' }).end(ANSWER)
  })
  await new Promise<void>(r => elsewhere.listen(0, '127.0.0.1', r))
  elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`
  api = createServer((req, res) => {
    seen.push(req.headers)
    const json = { 'content-type': 'application/json' }
    switch ((req.url ?? '/').split('/api/v1')[0]) {
      case '/ok':
        return res.writeHead(200, json).end(ANSWER)
      case '/gzip':
        return res.writeHead(200, { ...json, 'content-encoding': 'gzip' }).end(gzipSync(ANSWER))
      case '/mislabelled':
        return res.writeHead(200, { ...json, 'content-encoding': 'gzip' }).end(ANSWER)
      case '/elsewhere':
        return res.writeHead(307, { location: `${elsewhereUrl}/api/v1/query` }).end()
      case '/cut':
        res.writeHead(200, { ...json, 'content-length': String(ANSWER.length) })
        res.write(ANSWER.slice(0, 30))
        return setImmediate(() => res.destroy())
    }
    res.writeHead(404).end()
  })
  await new Promise<void>(r => api.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(api.address() as AddressInfo).port}`
})

afterAll(async () => {
  api.closeAllConnections()
  await new Promise<void>(r => api.close(() => r()))
  await new Promise<void>(r => elsewhere.close(() => r()))
})

const item = { id: 'p', title: 'P' } as Item
const run = (path: string, headers: Record<string, string> = {}) =>
  check(
    loaded<PrometheusOptions>('prometheus', { url: `${url}${path}`, query: 'vector(1)', equals: 1, headers }),
    item,
    context(tempTree(), { env: { PROM_TOKEN: CANARY } })
  ).then(
    outcome => ({ status: outcome.status, summary: outcome.summary }),
    (e: Error) => ({ status: 'error', summary: e.message })
  )

describe('prometheus over the HTTP client', () => {
  it('reads the answer, plain or gzip (which it asks for), and sends the headers', async () => {
    expect(await run('/ok', { 'X-Scope-OrgID': 'mech-exo' })).toEqual({ status: 'pass', summary: '1 = 1' })
    expect(seen.at(-1)).toMatchObject({ accept: 'application/json', 'x-scope-orgid': 'mech-exo' })
    expect(await run('/gzip')).toEqual({ status: 'pass', summary: '1 = 1' })
    expect(seen.at(-1)?.['accept-encoding']).toBe('gzip, deflate, br')
  })

  it('a redirect to another host is not followed: the credential stays home', async () => {
    const r = await run('/elsewhere', { Authorization: 'Bearer ${env:PROM_TOKEN}' })
    expect(r).toEqual({
      status: 'error',
      summary: `${url}/elsewhere/api/v1/query answered 307 (a redirect, not followed: it would carry the headers along): set 'url' to where the API answers`
    })
    expect(stolen).toEqual([])
  })

  it('an answer marked gzip that is not gzip is an error, never read as the JSON it spells', async () => {
    const r = await run('/mislabelled')
    expect(r).toEqual({
      status: 'error',
      summary: `${url}/mislabelled/api/v1/query: the answer's gzip encoding is broken: try again, or check the server (or a proxy in front of it)`
    })
  })

  it('an answer cut off in the middle of the JSON is an error that says so', async () => {
    expect(await run('/cut')).toEqual({
      status: 'error',
      summary: `${url}/cut/api/v1/query: the answer was cut off before its end: try again, or check the server (or a proxy in front of it)`
    })
  })

  it('a line break in a header value is refused before sending, without quoting the credential', async () => {
    const count = seen.length
    const r = await run('/ok', { Authorization: 'Bearer ${env:PROM_TOKEN}\r\nX-Evil: 1' })
    expect(r.status).toBe('error')
    expect(r.summary).toBe(
      "header 'Authorization' holds a character that cannot go into an HTTP header (a line break?)"
    )
    expect(r.summary).not.toContain(CANARY)
    expect(seen.length).toBe(count)
  })
})
