// The `prometheus` kind (contract section 9): live monitoring as a checklist item.
import { parseDuration } from '../../duration.js'
import { CheckError, errorMessage } from '../../errors.js'
import type { Check, CheckContext, Outcome } from '../types.js'
import { evaluateOnce, type Evaluation } from './evaluate.js'
import type { PrometheusOptions } from './options.gen.js'
import { ENV_REFERENCE } from './options.js'
import { redactDeep, redactor, type Redact } from './redact.js'
import { unitOf } from './units.js'

export type { PrometheusOptions }

// Printable ASCII and tab: anything else in a header value is refused before the request (node would name it in an error).
const BAD_HEADER_VALUE = /[^\t\x20-\x7e]/

/** Header values with `${env:NAME}` read; every value read is a secret for the redactor. */
function resolveHeaders(
  headers: Record<string, string>,
  env: CheckContext['env']
): { headers: Record<string, string>; secrets: string[] } {
  const out: Record<string, string> = {}
  const secrets: string[] = []
  for (const [name, template] of Object.entries(headers)) {
    const value = template.replace(ENV_REFERENCE, (_m, variable: string) => {
      const read = env && Object.prototype.hasOwnProperty.call(env, variable) ? env[variable] : undefined
      if (read === undefined || read === '')
        throw new CheckError(
          `header '${name}' reads \${env:${variable}}, which is not set: set ${variable} in the step's env (from a secret)`
        )
      secrets.push(read)
      return read
    })
    if (value !== template) secrets.push(value)
    out[name] = value
  }
  return { headers: out, secrets }
}

export const check: Check<PrometheusOptions> = async (options, _item, ctx) => {
  let redact: Redact = s => s
  try {
    const resolved = resolveHeaders(options.headers, ctx.env)
    redact = redactor(resolved.secrets)
    for (const [name, value] of Object.entries(resolved.headers))
      if (BAD_HEADER_VALUE.test(value))
        throw new CheckError(
          `header '${name}' holds a character that cannot go into an HTTP header (a line break?)`
        )
    return redactDeep(await run(options, ctx, resolved.headers), redact)
  } catch (e) {
    const details = e instanceof CheckError && e.details ? redactDeep(e.details, redact) : undefined
    throw new CheckError(redact(errorMessage(e)), details)
  }
}

async function run(
  options: PrometheusOptions,
  ctx: CheckContext,
  headers: Record<string, string>
): Promise<Outcome> {
  const api = { url: options.url, headers, signal: ctx.signal }
  const { count, 'failure-limit': limit } = options
  // the spec refused an interval that is not a duration
  const interval = parseDuration(options.interval)!
  const sleep = ctx.sleep ?? ((ms: number) => new Promise<void>(r => setTimeout(r, ms)))
  const base: Record<string, unknown> = {}
  if (options.query !== undefined) {
    base.query = options.query
    const unit = unitOf(options.query)
    if (unit) base.unit = unit
  }

  const evaluations: { at: string; ok: boolean; summary: string }[] = []
  let last: Evaluation | undefined
  let lastBad: Evaluation | undefined
  let failed = 0
  let verifiedFail = false
  for (let i = 0; i < count; i++) {
    if (i > 0) await sleep(interval, ctx.signal)
    if (ctx.signal.aborted)
      throw new CheckError(`given up after ${i} of ${count} evaluations: the item's timeout ran out`)
    const at = ctx.now()
    let e: Evaluation
    try {
      e = await evaluateOnce(options, api, at)
    } catch (err) {
      if (count === 1) throw err
      e = { status: 'error', summary: errorMessage(err), series: [] }
    }
    last = e
    evaluations.push({ at: at.toISOString(), ok: e.status === 'pass', summary: e.summary })
    if (e.status !== 'pass') {
      failed++
      lastBad = e
      if (e.status === 'fail') verifiedFail = true
    }
    if (failed > limit) break
  }
  const shown = (failed > limit ? lastBad : last) as Evaluation
  const details: Record<string, unknown> = { ...base, series: shown.series }
  if (shown.rules) details.rules = shown.rules
  if (shown.targets) details.targets = shown.targets
  if (count === 1) return { status: shown.status, summary: shown.summary, details }

  details.evaluations = evaluations
  const made = evaluations.length
  if (failed > limit) {
    const early = made < count ? ` (stopped after ${made} of ${count})` : ''
    return {
      // an evaluation that could not be made is not a verified failure
      status: verifiedFail ? 'fail' : 'error',
      summary: `${failed} of ${made} evaluations failed, more than the ${limit} allowed${early}; last: ${shown.summary}`,
      details
    }
  }
  return {
    status: 'pass',
    summary: `${count} evaluations ${options.interval} apart, ${failed} failed (${limit} allowed); last: ${last!.summary}`,
    details
  }
}
