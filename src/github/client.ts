import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck/light.js'
import { CheckError } from '../errors.js'
import { NetworkError, request, type HttpResponse } from '../http/request.js'
import type { GitHubClient, Octokit } from './types.js'

export interface ClientOptions {
  token: string
  /** owner/repo */
  repository: string
  /** GITHUB_API_URL (GitHub Enterprise); default https://api.github.com */
  apiUrl?: string
  /** a request that has not answered after this long is retried (ms, default 30 s) */
  requestTimeoutMs?: number
  /** retries of a failed request (5xx, timeout, cut-off body); default 3 */
  retries?: number
  /**
   * time unit of the retry back-off, of `retry-after` and of the spacing between writes (ms, default 1000);
   * tests shorten it, here or with GO_LIVE_GATE_TEST_TIME_UNIT_MS against a loopback API (`testTimeUnit`)
   */
  retryBaseMs?: number
  /** longest `retry-after` the client waits for on a rate limit (s, default 60) */
  maxRetryAfter?: number
  /** where rate-limit notes go (the action passes core.warning) */
  warn?: (message: string) => void
}

/** The most a GitHub answer may hold (a page of 100 items, a file of a few MB, base64-encoded). */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024

/** What octokit reads of a fetch response (@octokit/request's fetchWrapper), over the answer read whole. */
class Answer {
  readonly body = null
  readonly headers: { get(name: string): string | null; [Symbol.iterator](): Iterator<[string, string]> }
  /** @param decoded the body as text, when carefulFetch has decoded it already (a JSON answer) */
  constructor(
    private readonly answer: HttpResponse,
    private decoded?: string
  ) {
    const h = answer.headers
    this.headers = {
      get: name =>
        Object.prototype.hasOwnProperty.call(h, name.toLowerCase()) ? h[name.toLowerCase()] : null,
      [Symbol.iterator]: () => Object.entries(h)[Symbol.iterator]()
    }
  }
  get status() {
    return this.answer.status
  }
  get statusText() {
    return this.answer.statusText
  }
  // pagination reads the URL of the answer
  get url() {
    return this.answer.url
  }
  text(): Promise<string> {
    this.decoded ??= new TextDecoder().decode(this.answer.body)
    return Promise.resolve(this.decoded)
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text())
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    const b = this.answer.body
    return Promise.resolve(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer)
  }
}

interface FetchInit {
  method?: string
  headers?: Record<string, string>
  body?: string | Uint8Array
  signal?: AbortSignal | null
}

/**
 * The fetch octokit is given, over src/http/request.ts (no undici). It fails loudly: a request that hangs
 * past the timeout, or an answer whose body is cut off or is not the JSON it claims to be, becomes a network
 * error, which octokit turns into a retried 500 instead of an empty answer that could read as "nothing to
 * see". A redirect is never followed (it would carry the token); `refuseRedirects` fails it.
 */
export function carefulFetch(timeoutMs: number) {
  return async (input: string | URL, init: FetchInit = {}): Promise<Answer> => {
    if (
      init.body !== undefined &&
      init.body !== null &&
      typeof init.body !== 'string' &&
      !(init.body instanceof Uint8Array)
    )
      throw new TypeError('the request body must be text or bytes')
    let answer: HttpResponse
    try {
      answer = await request(input, {
        method: init.method,
        headers: init.headers,
        body: init.body ?? undefined,
        signal: init.signal ?? undefined,
        timeoutMs,
        redirect: 'manual',
        decompress: true,
        maxBodyBytes: MAX_ANSWER_BYTES
      })
    } catch (e) {
      if (e instanceof NetworkError && e.code === 'ERR_BODY_CUT_OFF')
        throw new TypeError('the response body was cut off', { cause: e })
      throw e
    }
    const type = answer.headers['content-type'] ?? ''
    if (/json/i.test(type) && answer.body.length > 0) {
      // octokit parses the text again (and would hand on a cut-off text as it is): decoded once, kept
      const text = new TextDecoder().decode(answer.body)
      try {
        JSON.parse(text)
      } catch {
        throw new TypeError('the response body is not complete JSON')
      }
      return new Answer(answer, text)
    }
    return new Answer(answer)
  }
}

/** Where a redirect pointed, as it may be shown: its origin only. */
function redirectTarget(location: string | undefined, from: string): string {
  try {
    return location ? new URL(location, from).origin : 'nowhere'
  } catch {
    return 'an invalid URL'
  }
}

/**
 * A 3xx from the API is neither followed (the token would go along) nor read as an answer (its body is not
 * the data asked for): it fails at once, not retried, with the status, like a 4xx. Innermost of the hooks,
 * so that the retry plugin sees it as a request error it must not retry.
 */
function refuseRedirects(octokit: Pick<Octokit, 'hook'>): void {
  octokit.hook.wrap('request', async (send, options) => {
    const response = await send(options)
    if (response.status >= 300 && response.status < 400) {
      const to = redirectTarget(response.headers.location, response.url)
      throw Object.assign(
        new Error(
          `a redirect to ${to}, not followed (the token would go along): check GITHUB_API_URL and the repository name`
        ),
        { name: 'HttpError', status: response.status, request: options, response }
      )
    }
    return response
  })
}

/**
 * The test knob: GO_LIVE_GATE_TEST_TIME_UNIT_MS shortens every wait of the client, and only when the API is
 * on loopback (the emulator the tests run the bundle against); a PR cannot set the action's environment,
 * and against GitHub the knob does nothing.
 */
export function testTimeUnit(apiUrl: string | undefined, env = process.env): number | undefined {
  const value = env.GO_LIVE_GATE_TEST_TIME_UNIT_MS
  if (!value || !apiUrl || !/^\d{1,4}$/.test(value)) return undefined
  let host: string
  try {
    host = new URL(apiUrl).hostname
  } catch {
    return undefined
  }
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' ? Number(value) : undefined
}

/** octokit's spacing of writes (1 s), notifications (3 s) and searches (2 s), in the client's time unit. */
function spacing(base: number): Record<string, Bottleneck.Group> | undefined {
  if (base === 1000) return undefined // octokit's own groups
  const group = (id: string, units: number) =>
    new Bottleneck.Group({ id: `go-live-gate-${id}`, maxConcurrent: 1, minTime: units * base })
  return { write: group('write', 1), notifications: group('notifications', 3), search: group('search', 2) }
}

/** The one client of a run: paginate, retry (5xx, timeouts, cut-off bodies) and rate-limit throttling. */
export function createGitHubClient(options: ClientOptions): GitHubClient {
  const [owner, repo] = options.repository.split('/')
  if (!owner || !repo)
    throw new CheckError(`GITHUB_REPOSITORY must be owner/repo, got '${options.repository}'`)
  // a line break in the token (a secret pasted with one) would be refused on every request, retried each time
  if (!/^[\x21-\x7e]+$/.test(options.token))
    throw new CheckError(
      'the GitHub token holds a character that cannot go into an HTTP header (a space or a line break?): give the token alone'
    )
  const base = options.retryBaseMs ?? testTimeUnit(options.apiUrl) ?? 1000
  const maxAfter = options.maxRetryAfter ?? 60
  const warn = options.warn ?? (() => {})
  const octokit = getOctokit(
    options.token,
    {
      ...(options.apiUrl ? { baseUrl: options.apiUrl.replace(/\/+$/, '') } : {}),
      request: { fetch: carefulFetch(options.requestTimeoutMs ?? 30_000) },
      retry: { retries: options.retries ?? 3, retryAfterBaseValue: base },
      throttle: {
        ...spacing(base),
        retryAfterBaseValue: base,
        fallbackSecondaryRateRetryAfter: 5,
        onRateLimit: (after, req, _o, count) => {
          if (count < 1 && after <= maxAfter) {
            warn(`GitHub rate limit reached on ${req.method} ${req.url}: retrying in ${after}s`)
            return true
          }
          return false
        },
        onSecondaryRateLimit: (after, req, _o, count) => {
          if (count < 2 && after <= maxAfter) {
            warn(`GitHub secondary rate limit on ${req.method} ${req.url}: retrying in ${after}s`)
            return true
          }
          return false
        }
      },
      // octokit's own console logging would bypass the action's log; warnings come through `warn`
      log: { debug: () => {}, info: () => {}, warn: (m: string) => warn(m), error: (m: string) => warn(m) }
    },
    refuseRedirects,
    retry,
    throttling
  )
  return { octokit, owner, repo }
}

// the API errors live apart, so that reading (reads.ts) loads without octokit until a client is made
export { apiError, call, isForbidden, statusOf } from './api-errors.js'
