import { boundedTest } from '../../checklist/regex-safety.js'
import { compileUserRegex } from '../../checklist/regex.js'
import { parseDuration } from '../../duration.js'
import type { Check } from '../types.js'
import { NetworkError, request as httpRequest } from '../../http/request.js'
import { sleep } from '../../sleep.js'
import { listOf } from '../../text.js'
import type { HttpOptions } from './options.gen.js'

export type { HttpOptions }

const MAX_BODY = 1024 * 1024

/** The URL as it may be shown: no user info, no query values (they may carry keys). */
export function shownUrl(raw: string): string {
  try {
    const u = new URL(raw)
    return `${u.protocol}//${u.host}${u.pathname}${u.search ? '?…' : ''}`
  } catch {
    return '(invalid URL)'
  }
}

interface Attempt {
  status?: number
  latencyMs: number
  body?: string
  failure?: string
}

/** A health endpoint answers with the expected status, in time, saying what it must. */
export const check: Check<HttpOptions> = async (options, _item, ctx) => {
  const expected = listOf(options.status)
  const contains = listOf(options.contains || undefined).map(r => ({
    source: r,
    re: compileUserRegex(r, 'm')
  }))
  const timeoutMs = parseDuration(options.timeout) ?? 10_000
  const url = shownUrl(options.url)
  let problem = ''
  let last: Attempt = { latencyMs: 0 }
  let made = 0
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) await (ctx.sleep ?? sleep)(Math.min(1000 * 2 ** (attempt - 1), 8000), ctx.signal)
    made++
    last = await request(options, timeoutMs, contains.length > 0, ctx.signal)
    problem = judge(last, expected, contains, options['max-latency-ms'])
    if (!problem || ctx.signal.aborted) break
  }
  const details = { status: last.status ?? null, latencyMs: last.latencyMs }
  // an item whose timeout ran out stops early: say how many attempts were made
  const tries = made > 1 && problem ? ` after ${made} attempts` : ''
  if (problem) return { status: 'fail', summary: `${options.method} ${url} ${problem}${tries}`, details }
  return {
    status: 'pass',
    summary: `${options.method} ${url} answered ${last.status} in ${last.latencyMs} ms`,
    details
  }
}

function judge(
  a: Attempt,
  expected: number[],
  contains: { source: string; re: RegExp }[],
  maxLatency?: number
): string {
  if (a.failure) return `did not answer: ${a.failure}`
  if (!expected.includes(a.status!)) return `answered ${a.status}, expected ${expected.join(' or ')}`
  for (const { source, re } of contains)
    if (!boundedTest(re, a.body ?? '')) return `answered without /${source}/ in the body`
  if (maxLatency !== undefined && a.latencyMs > maxLatency)
    return `answered in ${a.latencyMs} ms, more than the ${maxLatency} ms allowed`
  return ''
}

async function request(
  options: HttpOptions,
  timeoutMs: number,
  needBody: boolean,
  signal: AbortSignal
): Promise<Attempt> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  try {
    const response = await httpRequest(options.url, {
      method: options.method,
      redirect: 'follow',
      decompress: true,
      signal,
      timeoutMs,
      // the latency is the time to the status when the body is not needed
      maxBodyBytes: needBody ? MAX_BODY : 0,
      overflow: 'truncate'
    })
    const body = needBody ? response.body.toString('utf8') : undefined
    return { status: response.status, latencyMs: elapsed(), body }
  } catch (e) {
    const err = e as Error & { code?: string }
    const reason =
      err.name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000}s`
        : err instanceof NetworkError && err.system && err.code
          ? err.code
          : err.message
    return { latencyMs: elapsed(), failure: reason }
  }
}
