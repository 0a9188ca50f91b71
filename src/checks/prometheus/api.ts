// The three endpoints of the Prometheus HTTP API the kind reads. Any compatible server (Thanos, Mimir,
// VictoriaMetrics, Cortex) answers them the same way: {status, data} or {status: "error", errorType, error}.
import { CheckError } from '../../errors.js'
import { BodyTooLargeError, NetworkError, request, type HttpResponse } from '../../http/request.js'
import { oneLine } from './redact.js'

/** A week of 15s samples for a few hundred series fits; more is a query to aggregate. */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024
export const REQUEST_TIMEOUT_MS = 30_000

// the server answered, but not an answer that can be read
const ANSWER_FAULTS = new Set(['ERR_BODY_CUT_OFF', 'ERR_UNEXPECTED_ENCODING', 'Z_DATA_ERROR'])

export interface ApiOptions {
  /** base URL, before /api/v1 */
  url: string
  headers: Record<string, string>
  signal: AbortSignal
  timeoutMs?: number
}

/** The URL as it may be printed: no user info, no query values. */
export function shownBase(raw: string): string {
  try {
    const u = new URL(raw)
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}${u.search ? '?…' : ''}`
  } catch {
    return '(invalid URL)'
  }
}

function endpoint(base: string, path: string, params: Record<string, string>): URL {
  const u = new URL(base)
  u.pathname = u.pathname.replace(/\/+$/, '') + path
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v)
  return u
}

/** GETs an API path and returns its `data`; anything else is a CheckError that says what to do. */
export async function apiGet(
  o: ApiOptions,
  path: string,
  params: Record<string, string> = {}
): Promise<unknown> {
  const url = endpoint(o.url, path, params)
  const where = `${shownBase(o.url)}${path}`
  const timeoutMs = o.timeoutMs ?? REQUEST_TIMEOUT_MS
  let response: HttpResponse
  try {
    response = await request(url, {
      method: 'GET',
      headers: { Accept: 'application/json', ...o.headers },
      // a redirect would carry the headers (the credential) to wherever it points
      redirect: 'manual',
      signal: o.signal,
      timeoutMs,
      maxBodyBytes: MAX_RESPONSE_BYTES,
      decompress: true
    })
  } catch (e) {
    const err = e as Error & { code?: string }
    if (err.name === 'TimeoutError')
      throw new CheckError(
        `${where} did not answer within ${timeoutMs / 1000}s: check that the server is up and the query cheap`
      )
    if (o.signal.aborted) throw new CheckError(`${where}: given up (the item's timeout ran out)`)
    if (err instanceof BodyTooLargeError) throw tooLarge(where)
    if (err instanceof NetworkError && err.code === 'ERR_INVALID_CHAR') throw err
    if (err instanceof NetworkError && ANSWER_FAULTS.has(err.code ?? ''))
      throw new CheckError(
        `${where}: ${err.message}: try again, or check the server (or a proxy in front of it)`
      )
    const code = err.code ? ` (${err.code})` : ''
    throw new CheckError(
      `cannot reach ${where}${code}: check 'url' and that this runner can reach the server`
    )
  }
  const status = response.status
  if (status >= 300 && status < 400) {
    throw new CheckError(
      `${where} answered ${status} (a redirect, not followed: it would carry the headers along): set 'url' to where the API answers`
    )
  }
  const body = response.body.toString('utf8')
  const json = parseJson(body)
  const envelope = isEnvelope(json) ? json : undefined
  if (status >= 400 || (envelope && envelope.status !== 'success')) {
    const detail = envelope?.error ? `: ${oneLine(String(envelope.error))}` : ''
    const type = envelope?.errorType ? ` (${oneLine(String(envelope.errorType), 40)})` : ''
    const hint =
      status === 401 || status === 403
        ? `: check the credential in 'headers' (and that its variable is set)`
        : envelope?.errorType === 'bad_data' && path === '/api/v1/query'
          ? ''
          : status >= 500 || status === 0
            ? ': the server is failing; try again or ask its owners'
            : ''
    if (envelope?.errorType === 'bad_data' && path === '/api/v1/query' && envelope.error)
      throw new CheckError(
        `the query is not valid PromQL${detail.replace(/^: invalid parameter "query": /, ': ')}: fix 'query'`,
        { httpStatus: status }
      )
    throw new CheckError(`${where} answered ${status}${statusWord(response)}${type}${detail}${hint}`, {
      httpStatus: status
    })
  }
  if (!envelope || !('data' in envelope))
    throw new CheckError(
      `${where} answered ${status} but not with Prometheus API JSON${contentType(response)}: set 'url' to the server's base URL (without /api/v1)`
    )
  return envelope.data
}

interface Envelope {
  status: string
  data?: unknown
  errorType?: unknown
  error?: unknown
}

function isEnvelope(v: unknown): v is Envelope {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    typeof (v as Envelope).status === 'string' &&
    ((v as Envelope).status === 'success' || (v as Envelope).status === 'error')
  )
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    return undefined
  }
}

function statusWord(r: HttpResponse): string {
  const text = oneLine(r.statusText ?? '', 40)
  return text ? ` ${text}` : ''
}

function contentType(r: HttpResponse): string {
  const type = oneLine((r.headers['content-type'] ?? '').split(';')[0], 60)
  return type ? ` (${type})` : ''
}

function tooLarge(where: string): CheckError {
  return new CheckError(
    `${where} answered more than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB: aggregate the query (sum by, topk) so that it returns fewer series`
  )
}
