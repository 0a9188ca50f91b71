// One evaluation of a prometheus item: the query and its condition, the alerting rules, or the targets.
import { CheckError } from '../../errors.js'
import { apiGet, type ApiOptions } from './api.js'
import { CONDITIONS, type Condition, type PrometheusOptions } from './options.js'
import { oneLine } from './redact.js'
import { formatLabels, formatValue, unitOf } from './units.js'

export interface Series {
  labels: Record<string, string>
  /** a number, or `NaN` / `+Inf` / `-Inf` as Prometheus writes them */
  value: number | string
  ok: boolean
}

export interface Evaluation {
  status: 'pass' | 'fail' | 'error'
  summary: string
  series: Series[]
  rules?: { name: string; health: string; state: string }[]
  targets?: { up: number; total: number }
}

const SYMBOL: Record<Condition, string> = {
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
  equals: '=',
  'not-equals': '!='
}
const MAX_SHOWN = 3
const MAX_SERIES_IN_DETAILS = 100

export async function evaluateOnce(o: PrometheusOptions, api: ApiOptions, now: Date): Promise<Evaluation> {
  if (o.query !== undefined) return evaluateQuery(o, api, now)
  if (o.rules) return evaluateRules(o, api)
  if (o.targets) return evaluateTargets(o, api)
  throw new CheckError(`check 'prometheus' needs one of: query, rules, targets`)
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function notPrometheus(what: string): CheckError {
  return new CheckError(
    `the answer is not what the Prometheus API sends for ${what}: is 'url' a Prometheus-compatible API?`
  )
}

function sampleValue(sample: unknown): number {
  if (!Array.isArray(sample) || sample.length !== 2 || typeof sample[1] !== 'string')
    throw notPrometheus('a query')
  const text = sample[1]
  if (text === 'NaN') return NaN
  if (text === '+Inf' || text === 'Inf') return Infinity
  if (text === '-Inf') return -Infinity
  const n = Number(text)
  if (text.trim() === '' || Number.isNaN(n)) throw notPrometheus('a query')
  return n
}

function cleanLabels(metric: unknown): Record<string, string> {
  const labels: Record<string, string> = {}
  if (!isObject(metric)) return labels
  for (const [k, v] of Object.entries(metric)) labels[oneLine(k, 100)] = oneLine(String(v), 200)
  return labels
}

function holds(value: number, condition: Condition, threshold: number): boolean {
  switch (condition) {
    case 'lt':
      return value < threshold
    case 'lte':
      return value <= threshold
    case 'gt':
      return value > threshold
    case 'gte':
      return value >= threshold
    case 'equals':
      return value === threshold
    case 'not-equals':
      return value !== threshold
  }
}

const shownValue = (v: number): number | string => (Number.isFinite(v) ? v : formatValue(v))

async function evaluateQuery(o: PrometheusOptions, api: ApiOptions, now: Date): Promise<Evaluation> {
  const query = o.query as string
  const condition = CONDITIONS.find(c => o[c] !== undefined)
  if (!condition) throw new CheckError(`'query' needs a condition: one of ${CONDITIONS.join(', ')}`)
  const threshold = o[condition] as number
  const data = await apiGet(api, '/api/v1/query', { query, time: (now.getTime() / 1000).toFixed(3) })
  if (!isObject(data) || typeof data.resultType !== 'string') throw notPrometheus('a query')
  let samples: { labels: Record<string, string>; value: number }[]
  switch (data.resultType) {
    case 'vector':
      if (!Array.isArray(data.result)) throw notPrometheus('a query')
      samples = data.result.map(s => {
        if (!isObject(s)) throw notPrometheus('a query')
        if (s.value === undefined && s.histogram !== undefined)
          throw new CheckError(
            `the query returns native histograms, not numbers: wrap it in histogram_quantile(), histogram_count() or histogram_sum()`
          )
        return { labels: cleanLabels(s.metric), value: sampleValue(s.value) }
      })
      break
    case 'scalar':
      samples = [{ labels: {}, value: sampleValue(data.result) }]
      break
    case 'matrix':
      throw new CheckError(
        `the query returns a range vector (matrix), not one value per series: make it an instant query, e.g. max_over_time(x[1h]) instead of x[1h]`
      )
    default:
      throw new CheckError(
        `the query returns a ${oneLine(data.resultType, 20)}, not numbers: make it return a vector or a scalar`
      )
  }

  const unit = unitOf(query)
  const show = (v: number) => formatValue(v, unit)
  const want = `${SYMBOL[condition]} ${show(threshold)}`
  const series: Series[] = samples.map(s => ({
    labels: s.labels,
    value: shownValue(s.value),
    ok: Number.isFinite(s.value) && holds(s.value, condition, threshold)
  }))
  const detailsSeries = [...series.filter(s => !s.ok), ...series.filter(s => s.ok)].slice(
    0,
    MAX_SERIES_IN_DETAILS
  )
  const result = (status: Evaluation['status'], summary: string): Evaluation => ({
    status,
    summary,
    series: detailsSeries
  })

  if (samples.length === 0) {
    if (o.empty === 'pass') return result('pass', `the query returned no series (empty: pass)`)
    if (o.empty === 'fail') return result('fail', `the query returned no series (empty: fail)`)
    return result(
      'error',
      `the query returned no series: check the metric name, the labels and the window, or set empty: fail or pass`
    )
  }
  const name = (s: { labels: Record<string, string> }) =>
    samples.length > 1 ? `${formatLabels(s.labels)} ` : ''
  const odd = samples.find(s => !Number.isFinite(s.value))
  if (odd)
    return result(
      'error',
      `${samples.length > 1 ? `series ${formatLabels(odd.labels)}` : 'the value'} is ${formatValue(odd.value)}: ${
        Number.isNaN(odd.value)
          ? 'the window holds no data to compute it from (0/0); widen the window or add `or vector(0)`'
          : 'the value is unbounded (a division by zero or a quantile in the +Inf bucket); fix the query or its buckets'
      }`
    )
  const failing = samples.filter((_s, i) => !series[i].ok)
  if (failing.length) {
    if (samples.length === 1) return result('fail', `${show(samples[0].value)}, expected ${want}`)
    const shown = failing.slice(0, MAX_SHOWN).map(s => `${name(s)}${show(s.value)}`)
    const more = failing.length > MAX_SHOWN ? `, …and ${failing.length - MAX_SHOWN} more` : ''
    return result(
      'fail',
      `${failing.length} of ${samples.length} series not ${want}: ${shown.join(', ')}${more}`
    )
  }
  if (samples.length === 1) return result('pass', `${show(samples[0].value)} ${want}`)
  const values = samples.map(s => s.value)
  const edge =
    condition === 'lt' || condition === 'lte'
      ? ` (highest ${show(Math.max(...values))})`
      : condition === 'gt' || condition === 'gte'
        ? ` (lowest ${show(Math.min(...values))})`
        : ''
  return result('pass', `all ${samples.length} series ${want}${edge}`)
}

async function evaluateRules(o: PrometheusOptions, api: ApiOptions): Promise<Evaluation> {
  const data = await apiGet(api, '/api/v1/rules', { type: 'alert' })
  if (!isObject(data) || !Array.isArray(data.groups)) throw notPrometheus('rules')
  const loaded = new Map<string, { health: string; state: string; lastError?: string }[]>()
  for (const group of data.groups) {
    if (!isObject(group) || !Array.isArray(group.rules)) throw notPrometheus('rules')
    for (const rule of group.rules) {
      if (!isObject(rule) || typeof rule.name !== 'string') throw notPrometheus('rules')
      if (rule.type !== undefined && rule.type !== 'alerting') continue
      const list = loaded.get(rule.name) ?? []
      list.push({
        health: oneLine(String(rule.health ?? 'unknown'), 20),
        state: oneLine(String(rule.state ?? 'unknown'), 20),
        lastError:
          typeof rule.lastError === 'string' && rule.lastError ? oneLine(rule.lastError, 200) : undefined
      })
      loaded.set(rule.name, list)
    }
  }
  const rules: NonNullable<Evaluation['rules']> = []
  const problems: string[] = []
  // a rule not evaluated yet cannot tell: error, unless another rule already fails the item
  const unknown: string[] = []
  for (const name of o.rules ?? []) {
    const found = loaded.get(name)
    if (!found) {
      rules.push({ name, health: 'not loaded', state: '' })
      problems.push(`${name} is not loaded`)
      continue
    }
    // a rule in several groups counts as its worst copy
    const bad = found.find(r => r.health !== 'ok')
    const firing = found.some(r => r.state === 'firing')
    const state = firing ? 'firing' : (found.find(r => r.state === 'pending')?.state ?? found[0].state)
    rules.push({ name, health: bad?.health ?? 'ok', state })
    if (bad?.health === 'unknown') unknown.push(`${name} has not been evaluated yet`)
    else if (bad)
      problems.push(`${name} is unhealthy (${bad.health}${bad.lastError ? `: ${bad.lastError}` : ''})`)
    else if (o.firing === false && firing) problems.push(`${name} is firing`)
    else if (o.firing === true && !firing) problems.push(`${name} is not firing (${state})`)
  }
  const n = o.rules?.length ?? 0
  if (!problems.length && unknown.length)
    return {
      status: 'error',
      summary: `${unknown.slice(0, MAX_SHOWN).join('; ')}: run again after an evaluation interval`,
      series: [],
      rules
    }
  if (problems.length) {
    const more = problems.length > MAX_SHOWN ? `; …and ${problems.length - MAX_SHOWN} more` : ''
    return { status: 'fail', summary: problems.slice(0, MAX_SHOWN).join('; ') + more, series: [], rules }
  }
  const firing = o.firing === false ? ', none firing' : o.firing === true ? ', all firing' : ''
  return {
    status: 'pass',
    summary: `${n === 1 ? 'the alerting rule is' : `all ${n} alerting rules are`} loaded and healthy${firing}`,
    series: [],
    rules
  }
}

async function evaluateTargets(o: PrometheusOptions, api: ApiOptions): Promise<Evaluation> {
  const { job, 'min-up': minUp } = o.targets as { job: string; 'min-up': number }
  const data = await apiGet(api, '/api/v1/targets', { state: 'active' })
  if (!isObject(data) || !Array.isArray(data.activeTargets)) throw notPrometheus('targets')
  const jobs = new Set<string>()
  const mine: { instance: string; health: string; lastError: string }[] = []
  for (const t of data.activeTargets) {
    if (!isObject(t) || !isObject(t.labels)) throw notPrometheus('targets')
    const j = String(t.labels.job ?? t.scrapePool ?? '')
    jobs.add(oneLine(j, 60))
    if (j !== job) continue
    mine.push({
      instance: oneLine(String(t.labels.instance ?? t.scrapeUrl ?? '?'), 120),
      health: String(t.health ?? 'unknown'),
      lastError: typeof t.lastError === 'string' ? oneLine(t.lastError, 120) : ''
    })
  }
  const up = mine.filter(t => t.health === 'up').length
  const targets = { up, total: mine.length }
  if (mine.length === 0) {
    const known = [...jobs].sort().slice(0, 10)
    return {
      status: 'fail',
      summary: `no scrape target of job '${job}' is active${known.length ? ` (jobs: ${known.join(', ')})` : ''}`,
      series: [],
      targets
    }
  }
  const counted = `${up} of ${mine.length} target${mine.length === 1 ? '' : 's'} of job '${job}' up`
  if (up >= minUp)
    return { status: 'pass', summary: `${counted} (at least ${minUp} needed)`, series: [], targets }
  const notScraped = mine.filter(t => t.health === 'unknown').length
  if (up + notScraped >= minUp)
    return {
      status: 'error',
      summary: `${counted}, ${notScraped} not scraped yet (at least ${minUp} needed): run again after a scrape interval`,
      series: [],
      targets
    }
  const down = mine
    .filter(t => t.health !== 'up')
    .slice(0, MAX_SHOWN)
    .map(t => `${t.instance} ${t.health}${t.lastError ? ` (${t.lastError})` : ''}`)
  return {
    status: 'fail',
    summary: `${counted}, at least ${minUp} needed: ${down.join(', ')}`,
    series: [],
    targets
  }
}
