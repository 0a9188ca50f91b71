// What a failed GitHub API call means to a user. Apart from client.ts, so that the modules that only
// read through a client (reads.ts, the policy's blob source) load without octokit and undici.
import { CheckError, PermissionError } from '../errors.js'

interface RequestErrorLike {
  status: number
  message: string
  response?: { headers?: Record<string, string | undefined> }
}

function isRequestError(e: unknown): e is RequestErrorLike {
  return typeof e === 'object' && e !== null && typeof (e as { status?: unknown }).status === 'number'
}

/** Whether GitHub refused a write for lack of rights (fork PR, read-only token). */
export function isForbidden(e: unknown): boolean {
  return isRequestError(e) && (e.status === 403 || e.status === 404) && !isRateLimit(e)
}

function isRateLimit(e: RequestErrorLike): boolean {
  return (
    /rate limit/i.test(e.message) ||
    e.response?.headers?.['x-ratelimit-remaining'] === '0' ||
    e.response?.headers?.['retry-after'] !== undefined
  )
}

/**
 * Turns a failed API call into the error a user can act on: 401/403/404 name the permission the token
 * needs (`checks: read`, `read:org`, ...), anything else says what could not be read and why.
 */
export function apiError(e: unknown, what: string, permission: string): Error {
  if (e instanceof CheckError) return e
  if (isRequestError(e)) {
    const why = e.message.split('\n')[0].slice(0, 200)
    if (e.status === 401)
      return new PermissionError(`cannot ${what}: GitHub rejected the token (401 ${why})`, permission)
    if ((e.status === 403 || e.status === 404) && !isRateLimit(e))
      return new PermissionError(
        `cannot ${what}: GitHub answered ${e.status} (${why}); the token needs '${permission}'` +
          (e.status === 404 ? ' (or the resource does not exist)' : ''),
        permission
      )
    return new CheckError(`cannot ${what}: GitHub answered ${e.status} (${why})`)
  }
  const name = (e as Error)?.name
  if (name === 'AbortError' || name === 'TimeoutError') return new CheckError(`cannot ${what}: timed out`)
  return new CheckError(`cannot ${what}: ${(e as Error)?.message ?? String(e)}`)
}

/** Runs one API call; a failure becomes `apiError`. */
export async function call<T>(what: string, permission: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (e) {
    throw apiError(e, what, permission)
  }
}

/** The status of a RequestError, or undefined. */
export function statusOf(e: unknown): number | undefined {
  return isRequestError(e) ? e.status : undefined
}
