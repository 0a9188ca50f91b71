import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck/light.js'
import { CheckError } from '../errors.js'
import type { GitHubClient } from './types.js'

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

/**
 * A fetch that fails loudly: a request that hangs past the timeout, or a response whose body is cut off
 * or is not the JSON it claims to be, becomes a network error, which octokit turns into a retried 500
 * instead of an empty answer that could read as "nothing to see".
 */
function carefulFetch(timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs)
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout
    const response = await fetch(input, { ...init, signal })
    let body: ArrayBuffer
    try {
      body = await response.arrayBuffer()
    } catch (e) {
      if (init?.signal?.aborted) throw e
      throw new TypeError('the response body was cut off', { cause: e })
    }
    const type = response.headers.get('content-type') ?? ''
    if (/json/i.test(type) && body.byteLength > 0) {
      try {
        JSON.parse(new TextDecoder().decode(body))
      } catch {
        throw new TypeError('the response body is not complete JSON')
      }
    }
    const empty = response.status === 204 || response.status === 205 || response.status === 304
    const copy = new Response(empty ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers
    })
    // pagination reads the URL of the answer
    Object.defineProperty(copy, 'url', { value: response.url })
    return copy
  }
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
    retry,
    throttling
  )
  return { octokit, owner, repo }
}

// the API errors live apart, so that reading (reads.ts) loads without octokit until a client is made
export { apiError, call, isForbidden, statusOf } from './api-errors.js'
