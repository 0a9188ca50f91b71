// The bundle's one HTTP client (src/http/request.ts) against real loopback servers: what a caller gets back,
// and what a hostile server or a hostile value cannot make it do.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { BodyTooLargeError, NetworkError, request } from '../../src/http/request.js'

interface Seen {
  port: number
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

/** A loopback server that records every request and answers with `handle`. */
async function serve(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const seen: Seen[] = []
  const closed: string[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', c => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      seen.push({
        port: req.socket.remotePort ?? 0,
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body
      })
      res.on('close', () => closed.push(req.url ?? ''))
      handle(req, res, body)
    })
  })
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    seen,
    closed,
    close: () => {
      server.closeAllConnections()
      return new Promise<void>(r => server.close(() => r()))
    }
  }
}

type Served = Awaited<ReturnType<typeof serve>>

/** A port nothing listens on. */
async function freePort(): Promise<number> {
  const s = createServer()
  await new Promise<void>(r => s.listen(0, '127.0.0.1', r))
  const port = (s.address() as AddressInfo).port
  await new Promise<void>(r => s.close(() => r()))
  return port
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('the request did not fail')
    },
    (e: unknown) => e as Error & { code?: string; system?: boolean }
  )

let api: Served
let other: Served
// a token built at run time: it must reach no error message
const TOKEN = ['tok', Math.random().toString(36).slice(2)].join('_')

beforeAll(async () => {
  other = await serve((req, res) => res.end(`other ${req.method}`))
  api = await serve((req, res, body) => {
    const u = new URL(req.url ?? '/', 'http://x')
    const to = u.searchParams.get('to') ?? ''
    switch (u.pathname) {
      case '/json':
        return res
          .writeHead(200, 'Fine', { 'content-type': 'application/json', 'x-twice': ['a', 'b'] })
          .end('{"ok":true}')
      case '/echo':
        return res
          .writeHead(201, { 'content-type': 'application/json' })
          .end(JSON.stringify({ method: req.method, body, type: req.headers['content-type'] ?? null }))
      case '/redirect':
        return res.writeHead(Number(u.searchParams.get('status') ?? 302), { location: to }).end('moved')
      case '/loop':
        return res.writeHead(302, { location: '/loop' }).end()
      case '/declared-huge':
        return res.writeHead(200, { 'content-length': String(64 * 1024 * 1024) }).end()
      case '/endless': {
        // writes until the client goes away
        res.writeHead(200, { 'content-type': 'application/json' })
        const chunk = Buffer.alloc(64 * 1024, 0x20)
        const more = () => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', more)
        }
        return more()
      }
      case '/gzip':
        return res
          .writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' })
          .end(gzipSync('{"status":"success","data":[]}'))
      case '/not-gzip':
        return res
          .writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' })
          .end('{}')
      case '/cut': {
        const text = '{"status":"success","data":{"result":[1,2,3]}}'
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(text.length) })
        res.write(text.slice(0, 20))
        return setImmediate(() => res.destroy())
      }
      case '/cut-chunked':
        res.writeHead(200, { 'content-type': 'application/json' })
        res.write('{"items":[1,2')
        return setImmediate(() => res.destroy())
      case '/hang':
        return // never answers
      case '/empty':
        return res.writeHead(204).end()
    }
    res.writeHead(404).end()
  })
})

afterAll(async () => {
  await api.close()
  await other.close()
})

describe('the HTTP client', () => {
  it('returns the status, its text, the headers, the body and the URL that answered', async () => {
    const r = await request(`${api.url}/json`, { headers: { Accept: 'application/json' } })
    expect(r.status).toBe(200)
    expect(r.statusText).toBe('Fine')
    expect(r.headers['content-type']).toBe('application/json')
    expect(r.headers['x-twice']).toBe('a, b')
    expect(JSON.parse(r.body.toString('utf8'))).toEqual({ ok: true })
    expect([r.url, r.redirected, r.truncated]).toEqual([`${api.url}/json`, false, false])
    expect(api.seen.at(-1)?.headers.accept).toBe('application/json')
    // what fetch sent unless told otherwise: some endpoints refuse a request without a user agent
    await request(`${api.url}/json`)
    expect(api.seen.at(-1)?.headers).toMatchObject({
      accept: '*/*',
      'user-agent': expect.stringMatching(/^go-live-gate\/\d+\.\d+\.\d+/)
    })
  })

  it('sends a method and a body with its length; a 204 has an empty body', async () => {
    const r = await request(`${api.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"state":"success"}'
    })
    expect(r.status).toBe(201)
    expect(JSON.parse(r.body.toString())).toEqual({
      method: 'POST',
      body: '{"state":"success"}',
      type: 'application/json'
    })
    expect(api.seen.at(-1)?.headers['content-length']).toBe('19')
    const empty = await request(`${api.url}/empty`, { method: 'DELETE' })
    expect([empty.status, empty.body.length]).toEqual([204, 0])
  })

  it('keeps the connection for the next request (node keep-alive agents, which do not hold the process)', async () => {
    await request(`${api.url}/json`)
    await request(`${api.url}/echo`, { method: 'POST', body: 'x' })
    const [a, b] = api.seen.slice(-2)
    expect(b.port).toBe(a.port)
  })

  it("redirect 'manual': the 3xx is the answer, with its location; nothing else is asked", async () => {
    const before = other.seen.length
    const r = await request(`${api.url}/redirect?to=${encodeURIComponent(`${other.url}/x`)}`, {
      redirect: 'manual'
    })
    expect([r.status, r.headers.location, r.body.length, r.redirected]).toEqual([
      302,
      `${other.url}/x`,
      0,
      false
    ])
    expect(other.seen.length).toBe(before)
  })

  it("redirect 'follow': relative and absolute locations, the final URL, and fetch's method rules", async () => {
    const relative = await request(`${api.url}/redirect?status=301&to=/json`, { redirect: 'follow' })
    expect([relative.status, relative.url, relative.redirected]).toEqual([200, `${api.url}/json`, true])

    const post = (status: number) =>
      request(`${api.url}/redirect?status=${status}&to=/echo`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'payload',
        redirect: 'follow'
      }).then(r => JSON.parse(r.body.toString()))
    // 301/302/303 turn a POST into a GET without its body; 307/308 repeat it as it was
    expect(await post(302)).toEqual({ method: 'GET', body: '', type: null })
    expect(await post(303)).toEqual({ method: 'GET', body: '', type: null })
    expect(await post(307)).toEqual({ method: 'POST', body: 'payload', type: 'text/plain' })
    expect(await post(308)).toEqual({ method: 'POST', body: 'payload', type: 'text/plain' })
    const put = await request(`${api.url}/redirect?status=302&to=/echo`, {
      method: 'PUT',
      body: 'x',
      redirect: 'follow'
    })
    expect(JSON.parse(put.body.toString()).method).toBe('PUT')

    const loop = await failure(request(`${api.url}/loop`, { redirect: 'follow' }))
    expect([loop.name, loop.code, loop.message]).toEqual([
      'NetworkError',
      'ERR_TOO_MANY_REDIRECTS',
      'redirect count exceeded'
    ])
    expect(api.seen.filter(s => s.url === '/loop')).toHaveLength(21)

    const ftp = await failure(
      request(`${api.url}/redirect?to=${encodeURIComponent('file:///etc/passwd')}`, { redirect: 'follow' })
    )
    expect([ftp.code, ftp.message]).toEqual([
      'ERR_INVALID_REDIRECT',
      'a redirect points to a URL that cannot be asked'
    ])
  })

  it('caps the body: a declared length over the cap fails before reading; truncate keeps the first bytes', async () => {
    const declared = await failure(request(`${api.url}/declared-huge`, { maxBodyBytes: 1024 }))
    expect(declared).toBeInstanceOf(BodyTooLargeError)
    const cut = await request(`${api.url}/json`, { maxBodyBytes: 4, overflow: 'truncate' })
    expect([cut.body.toString(), cut.truncated]).toEqual(['{"ok', true])
  })

  it('decodes gzip when asked for it, and asks for it', async () => {
    const r = await request(`${api.url}/gzip`, { decompress: true })
    expect(JSON.parse(r.body.toString())).toEqual({ status: 'success', data: [] })
    expect(api.seen.at(-1)?.headers['accept-encoding']).toBe('gzip, deflate, br')
  })

  it('gives up at the timeout on a server that never answers (TimeoutError), and on the abort of its signal', async () => {
    const timedOut = await failure(request(`${api.url}/hang`, { timeoutMs: 30 }))
    expect(timedOut.name).toBe('TimeoutError')

    const controller = new AbortController()
    const pending = failure(request(`${api.url}/hang`, { signal: controller.signal, timeoutMs: 60_000 }))
    // aborted once the server holds the request
    await new Promise<void>(r => {
      const wait = () => (api.seen.filter(s => s.url === '/hang').length >= 2 ? r() : setImmediate(wait))
      wait()
    })
    controller.abort()
    expect((await pending).name).toBe('AbortError')

    const already = AbortSignal.abort()
    const count = api.seen.length
    expect((await failure(request(`${api.url}/json`, { signal: already }))).name).toBe('AbortError')
    expect(api.seen.length).toBe(count)
  })

  it("names a refused connection by node's code", async () => {
    const port = await freePort()
    const e = await failure(request(`http://127.0.0.1:${port}/`))
    expect(e).toBeInstanceOf(NetworkError)
    expect([e.code, e.system]).toEqual(['ECONNREFUSED', true])
    expect(e.message).toBe(`connect ECONNREFUSED 127.0.0.1:${port}`)
  })

  it('refuses a URL with user info or another scheme without asking anything', async () => {
    const count = api.seen.length
    const withUser = await failure(request(`http://user:${TOKEN}@127.0.0.1:1/`))
    expect(withUser.code).toBe('ERR_URL_CREDENTIALS')
    expect(withUser.message).not.toContain(TOKEN)
    expect((await failure(request('file:///etc/passwd'))).code).toBe('ERR_INVALID_URL_SCHEME')
    expect(api.seen.length).toBe(count)
  })
})

describe('attacks on the HTTP client', () => {
  it('an endless body is cut at the cap and the connection closed', async () => {
    const e = await failure(request(`${api.url}/endless`, { maxBodyBytes: 1024 * 1024 }))
    expect(e).toBeInstanceOf(BodyTooLargeError)
    await new Promise<void>(r => {
      const wait = () => (api.closed.includes('/endless') ? r() : setImmediate(wait))
      wait()
    })
    const truncated = await request(`${api.url}/endless`, { maxBodyBytes: 100_000, overflow: 'truncate' })
    expect([truncated.body.length, truncated.truncated]).toEqual([100_000, true])
  })

  it('a redirect to another origin never carries the Authorization header (follow), and is not followed (manual)', async () => {
    const to = encodeURIComponent(`${other.url}/steal`)
    const headers = { Authorization: `Bearer ${TOKEN}`, Cookie: `s=${TOKEN}`, 'X-Trace': 'kept' }
    const followed = await request(`${api.url}/redirect?to=${to}`, { headers, redirect: 'follow' })
    expect(followed.body.toString()).toBe('other GET')
    const stolen = other.seen.at(-1)!
    expect(stolen.url).toBe('/steal')
    expect(stolen.headers.authorization).toBeUndefined()
    expect(stolen.headers.cookie).toBeUndefined()
    expect(stolen.headers['x-trace']).toBe('kept')
    // the same origin keeps it
    await request(`${api.url}/redirect?to=/json`, { headers, redirect: 'follow' })
    expect(api.seen.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`)

    const count = other.seen.length
    const manual = await request(`${api.url}/redirect?to=${to}`, { headers, redirect: 'manual' })
    expect(manual.status).toBe(302)
    expect(other.seen.length).toBe(count)
  })

  it('a CR/LF in a header value is refused before anything is sent, without quoting the value', async () => {
    const count = api.seen.length
    for (const value of [`Bearer ${TOKEN}\r\nX-Evil: 1`, `Bearer ${TOKEN}\n`, `Bearer ${TOKEN}\0`]) {
      const e = await failure(request(`${api.url}/json`, { headers: { Authorization: value } }))
      expect(e.message).toBe(
        "header 'Authorization' holds a character that cannot go into an HTTP header (a line break?)"
      )
      expect(JSON.stringify({ ...e, message: e.message, stack: e.stack })).not.toContain(TOKEN)
    }
    const badName = await failure(request(`${api.url}/json`, { headers: { [`X\r\n${TOKEN}`]: 'v' } }))
    expect(badName.message).not.toContain(TOKEN)
    expect(api.seen.length).toBe(count)
  })

  it('a gzip answer that was not asked for is an error, not bytes read as JSON; broken gzip too', async () => {
    const unasked = await failure(request(`${api.url}/gzip`))
    expect([unasked.code, unasked.message]).toEqual([
      'ERR_UNEXPECTED_ENCODING',
      'the answer is encoded (gzip), which was not asked for'
    ])
    const broken = await failure(request(`${api.url}/not-gzip`, { decompress: true }))
    expect(broken.code).toBe('Z_DATA_ERROR')
  })

  it('a body cut off in the middle of the JSON is an error (declared length or chunked)', async () => {
    for (const p of ['/cut', '/cut-chunked']) {
      const e = await failure(request(`${api.url}${p}`))
      expect([e.name, e.code]).toEqual(['NetworkError', 'ERR_BODY_CUT_OFF'])
    }
  })
})
