// The one HTTP client of the bundle, over node:http / node:https. Node's global fetch (undici, whose HTTP
// parser is WebAssembly compiled on first use) cost every process that used it about 170 ms of CPU; nothing
// here touches fetch, Response, Headers, Request or FormData, each of which loads undici.
import http from 'node:http'
import https from 'node:https'
import zlib from 'node:zlib'
import { VERSION } from '../version.js'

export interface HttpRequest {
  method?: string
  headers?: Record<string, string>
  body?: string | Uint8Array
  /** the caller's cancel (an item's timeout); its reason is what the request rejects with */
  signal?: AbortSignal
  /** the whole exchange, body included; past it the request rejects with a TimeoutError */
  timeoutMs?: number
  /** 'manual': a 3xx is the answer (its body unread); 'follow': as fetch does, up to 20 */
  redirect?: 'manual' | 'follow'
  /** body bytes kept (after decoding); default 16 MB */
  maxBodyBytes?: number
  /** past maxBodyBytes: 'error' (BodyTooLargeError, default) or keep the first maxBodyBytes ('truncate') */
  overflow?: 'error' | 'truncate'
  /** ask for gzip / deflate / br and decode it (as fetch does); otherwise an encoded answer is an error */
  decompress?: boolean
  /** the connection pool (default: node's global agents, which keep connections alive without holding the process) */
  agent?: http.Agent
}

export interface HttpResponse {
  status: number
  statusText: string
  /** the URL that answered (after redirects) */
  url: string
  redirected: boolean
  /** lower-case names; repeated headers joined with ', ' */
  headers: Record<string, string>
  body: Buffer
  /** the body was cut at maxBodyBytes ('truncate') */
  truncated: boolean
}

/**
 * The request could not be made or its answer could not be read. `code` is node's (ECONNREFUSED, ENOTFOUND,
 * CERT_HAS_EXPIRED: `system` is true) or this module's (ERR_BODY_CUT_OFF...).
 */
export class NetworkError extends Error {
  readonly code?: string
  readonly system: boolean
  constructor(message: string, options?: { code?: string; cause?: unknown; system?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'NetworkError'
    this.code = options?.code
    this.system = options?.system ?? false
  }
}

/** The answer is longer than maxBodyBytes. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the answer is longer than ${limit} bytes`)
    this.name = 'BodyTooLargeError'
  }
}

const MAX_REDIRECTS = 20
const DEFAULT_MAX_BODY = 16 * 1024 * 1024
// a header name is an RFC 9110 token; a value is visible ASCII, space and tab (no CR, LF or NUL)
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const HEADER_VALUE = /^[\t\x20-\x7e]*$/
// fetch drops these when a redirect leaves the origin
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie'])

/** Refuses a header that cannot be sent as given; the message names the header, never its value. */
export function checkHeaders(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name))
      throw new NetworkError('a header name holds a character that cannot go into an HTTP header', {
        code: 'ERR_INVALID_HTTP_TOKEN'
      })
    if (!HEADER_VALUE.test(value))
      throw new NetworkError(
        `header '${name}' holds a character that cannot go into an HTTP header (a line break?)`,
        { code: 'ERR_INVALID_CHAR' }
      )
  }
}

/** Sends one request (and its redirects under 'follow') and reads the answer, capped. */
export async function request(target: string | URL, o: HttpRequest = {}): Promise<HttpResponse> {
  const headers: Record<string, string> = { ...o.headers }
  checkHeaders(headers)
  if (o.decompress && !hasHeader(headers, 'accept-encoding')) headers['accept-encoding'] = 'gzip, deflate, br'
  // as fetch sends them: some endpoints (a WAF in front) refuse a request without a user agent
  if (!hasHeader(headers, 'accept')) headers.accept = '*/*'
  if (!hasHeader(headers, 'user-agent')) headers['user-agent'] = `go-live-gate/${VERSION}`
  let url = parseUrl(target)
  let method = (o.method ?? 'GET').toUpperCase()
  let body = o.body
  const deadline = new Deadline(o.signal, o.timeoutMs)
  try {
    for (let hops = 0; ; hops++) {
      // the signal's own reason, as fetch rejects with it (callers tell AbortError from TimeoutError)
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      if (deadline.reason !== undefined) throw deadline.reason
      const answer = await exchange(url, method, headers, body, o, deadline)
      const location = answer.headers.location
      if (o.redirect !== 'follow' || !isRedirect(answer.status) || location === undefined) {
        return { ...answer, redirected: hops > 0 }
      }
      if (hops >= MAX_REDIRECTS)
        throw new NetworkError('redirect count exceeded', { code: 'ERR_TOO_MANY_REDIRECTS' })
      let next: URL
      try {
        next = parseUrl(new URL(location, url))
      } catch {
        throw new NetworkError('a redirect points to a URL that cannot be asked', {
          code: 'ERR_INVALID_REDIRECT'
        })
      }
      // fetch's rules: 303 becomes GET (but HEAD), 301/302 turn a POST into a GET; the body goes with it
      if (
        (answer.status === 303 && method !== 'HEAD') ||
        ((answer.status === 301 || answer.status === 302) && method === 'POST')
      ) {
        method = 'GET'
        body = undefined
        for (const name of Object.keys(headers)) if (/^content-/i.test(name)) delete headers[name]
      }
      if (next.origin !== url.origin)
        for (const name of Object.keys(headers))
          if (CREDENTIAL_HEADERS.has(name.toLowerCase())) delete headers[name]
      url = next
    }
  } finally {
    deadline.clear()
  }
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some(k => k.toLowerCase() === name)
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308
}

function parseUrl(target: string | URL): URL {
  let url: URL
  try {
    url = new URL(target)
  } catch {
    throw new NetworkError('the URL is not valid', { code: 'ERR_INVALID_URL' })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new NetworkError(`the URL scheme ${url.protocol} is not http or https`, {
      code: 'ERR_INVALID_URL_SCHEME'
    })
  // fetch refuses them too; node would send them as basic auth
  if (url.username || url.password)
    throw new NetworkError('the URL holds a user name or password: give credentials in a header', {
      code: 'ERR_URL_CREDENTIALS'
    })
  return url
}

/** The caller's signal and the timeout, as one rejection. */
class Deadline {
  private timer?: NodeJS.Timeout
  private listeners = new Set<(reason: unknown) => void>()
  reason?: unknown
  constructor(
    private readonly signal: AbortSignal | undefined,
    timeoutMs: number | undefined
  ) {
    if (signal?.aborted) this.reason = signal.reason
    else {
      signal?.addEventListener('abort', this.onAbort, { once: true })
      if (timeoutMs !== undefined && timeoutMs >= 0)
        this.timer = setTimeout(
          () => this.fire(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
          timeoutMs
        )
    }
  }
  private onAbort = () => this.fire(this.signal!.reason)
  private fire(reason: unknown) {
    if (this.reason !== undefined) return
    this.reason = reason
    for (const l of this.listeners) l(reason)
  }
  /** calls `l` now or when the deadline passes; returns the unsubscribe */
  on(l: (reason: unknown) => void): () => void {
    if (this.reason !== undefined) {
      l(this.reason)
      return () => {}
    }
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }
  clear() {
    clearTimeout(this.timer)
    this.signal?.removeEventListener('abort', this.onAbort)
    this.listeners.clear()
  }
}

type Answer = Omit<HttpResponse, 'redirected'>

function exchange(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  o: HttpRequest,
  deadline: Deadline
): Promise<Answer> {
  const limit = o.maxBodyBytes ?? DEFAULT_MAX_BODY
  return new Promise<Answer>((resolve, reject) => {
    let settled = false
    const cleanups: (() => void)[] = []
    const finish = (error: unknown, answer?: Answer) => {
      if (settled) return
      settled = true
      for (const c of cleanups) c()
      if (error !== undefined) {
        req.destroy()
        reject(error)
      } else resolve(answer!)
    }
    const sendHeaders: Record<string, string> = { ...headers }
    if (body !== undefined && !hasHeader(sendHeaders, 'content-length'))
      sendHeaders['content-length'] = String(Buffer.byteLength(body))
    const options: http.RequestOptions = { method, headers: sendHeaders }
    if (o.agent) options.agent = o.agent
    const req = (url.protocol === 'https:' ? https : http).request(url, options, res => {
      const status = res.statusCode ?? 0
      const answer = (b: Buffer, truncated: boolean): Answer => ({
        status,
        statusText: res.statusMessage ?? '',
        url: url.href,
        headers: joinHeaders(res.headers),
        body: b,
        truncated
      })
      // a redirect not followed is answered by its status and headers: its body is not read
      if (isRedirect(status) || method === 'HEAD' || status === 204 || status === 304) {
        res.destroy()
        return finish(undefined, answer(Buffer.alloc(0), false))
      }
      const declared = Number(res.headers['content-length'])
      if (limit === 0 && o.overflow === 'truncate') {
        res.destroy()
        return finish(undefined, answer(Buffer.alloc(0), declared !== 0))
      }
      if (o.overflow !== 'truncate' && declared > limit) return finish(new BodyTooLargeError(limit))
      let stream: NodeJS.ReadableStream = res
      const coding = (res.headers['content-encoding'] ?? 'identity').trim().toLowerCase()
      if (coding !== 'identity' && coding !== '') {
        const decoder = o.decompress ? decoderFor(coding) : undefined
        if (!decoder) {
          const shown = coding.slice(0, 20).replace(/[^\w, -]/g, '?')
          return finish(
            new NetworkError(
              o.decompress
                ? `the answer is encoded as ${shown}, which cannot be read`
                : `the answer is encoded (${shown}), which was not asked for`,
              { code: 'ERR_UNEXPECTED_ENCODING' }
            )
          )
        }
        decoder.on('error', e =>
          finish(
            new NetworkError(`the answer's ${coding} encoding is broken`, { code: 'Z_DATA_ERROR', cause: e })
          )
        )
        res.pipe(decoder)
        stream = decoder
        cleanups.push(() => decoder.destroy())
      }
      const chunks: Buffer[] = []
      let size = 0
      stream.on('data', (chunk: Buffer) => {
        if (settled) return
        if (size + chunk.length > limit) {
          if (o.overflow !== 'truncate') return finish(new BodyTooLargeError(limit))
          chunks.push(chunk.subarray(0, limit - size))
          size = limit
          res.destroy()
          return finish(undefined, answer(Buffer.concat(chunks), true))
        }
        chunks.push(chunk)
        size += chunk.length
      })
      stream.on('end', () => {
        // an answer that closed before its declared length or final chunk is cut off, never complete
        if (!res.complete) return finish(cutOff())
        finish(undefined, answer(Buffer.concat(chunks), false))
      })
      res.on('error', e => finish(cutOff(e)))
      res.on('close', () => {
        if (!res.complete) finish(cutOff())
      })
    })
    req.on('error', (e: NodeJS.ErrnoException) =>
      finish(new NetworkError(e.message, { code: e.code, cause: e, system: true }))
    )
    cleanups.push(deadline.on(reason => finish(reason)))
    if (body !== undefined) req.end(body)
    else req.end()
  })
}

function cutOff(cause?: unknown): NetworkError {
  return new NetworkError('the answer was cut off before its end', { code: 'ERR_BODY_CUT_OFF', cause })
}

function decoderFor(coding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  if (coding === 'gzip' || coding === 'x-gzip') return zlib.createGunzip()
  if (coding === 'deflate') return zlib.createInflate()
  if (coding === 'br') return zlib.createBrotliDecompress()
  return undefined
}

function joinHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = Object.create(null)
  for (const [name, value] of Object.entries(raw))
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value
  return out
}
