// The unit of a query's values, when the query makes it plain (Prometheus naming conventions: base units
// in the metric name's suffix), so that 0.312 reads as 312 ms and 0.9951 as 99.51%.

export type Unit = 'seconds' | 'bytes' | 'ratio'

const FUNCTIONS_OF_A_RATIO = /^\s*(avg|avg_over_time)\s*\(/

/** Metric names in a PromQL expression: identifiers not followed by `(` and not inside a string or `{}`. */
export function metricNames(query: string): string[] {
  const text = query
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
  const names: string[] = []
  for (const m of text.matchAll(/(?<![\w:.])([a-zA-Z_:][\w:]*)(?![\w:])\s*(\()?/g)) {
    if (m[2]) continue
    const word = m[1]
    if (
      /^(by|without|on|ignoring|group_left|group_right|bool|and|or|unless|offset|inf|nan|atan2)$/i.test(word)
    )
      continue
    // a duration like [5m] or a number's exponent is not a name
    const before = text.slice(0, m.index).trimEnd()
    if (before.endsWith('[') || /\d$/.test(before)) continue
    names.push(word)
  }
  return names
}

/** The unit the query's values carry, or undefined when the query does not say it plainly. */
export function unitOf(query: string): Unit | undefined {
  const names = metricNames(query)
  if (names.length === 0) return undefined
  if (/\*\s*100\b|\b100\s*\*/.test(query)) return undefined
  const top = splitDivision(query)
  if (top) {
    const [num, den] = top.map(metricNames)
    // a counter of something divided by a counter of the same kind of thing: a ratio
    const counter = (n: string) => /(_total|_count)$/.test(n)
    if (num.length && den.length && [...num, ...den].every(counter)) return 'ratio'
    return undefined
  }
  if (names.every(n => /_ratio$/.test(n))) return 'ratio'
  if (names.every(n => n === 'up' || /^probe_success$/.test(n)) && FUNCTIONS_OF_A_RATIO.test(query))
    return 'ratio'
  if (/\bhistogram_quantile\s*\(/.test(query)) {
    if (names.every(n => /_seconds_bucket$/.test(n))) return 'seconds'
    if (names.every(n => /_bytes_bucket$/.test(n))) return 'bytes'
    return undefined
  }
  if (/\b(rate|irate|increase|deriv|count|count_over_time|changes|resets)\s*\(/.test(query)) return undefined
  if (names.every(n => /_seconds$/.test(n))) return 'seconds'
  if (names.every(n => /_bytes$/.test(n))) return 'bytes'
  return undefined
}

/** The two sides of a division at the top level of the expression, if that is what it is. */
function splitDivision(query: string): [string, string] | undefined {
  let depth = 0
  let quote = ''
  for (let i = 0; i < query.length; i++) {
    const c = query[i]
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = ''
      continue
    }
    if (c === '"' || c === "'" || c === '`') quote = c
    else if ('([{'.includes(c)) depth++
    else if (')]}'.includes(c)) depth--
    else if (c === '/' && depth === 0) return [query.slice(0, i), query.slice(i + 1)]
  }
  return undefined
}

const significant = (v: number, digits = 4) => String(Number(v.toPrecision(digits)))

/** A value with its unit: 0.3124 s -> `312.4 ms`, 0.99512 -> `99.51%`, 1.5e9 B -> `1.5 GB`. */
export function formatValue(value: number, unit?: Unit): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf'
  switch (unit) {
    case 'seconds': {
      const a = Math.abs(value)
      if (a === 0) return '0 s'
      if (a < 1e-3) return `${significant(value * 1e6)} µs`
      if (a < 1) return `${significant(value * 1e3)} ms`
      return `${significant(value)} s`
    }
    case 'ratio':
      return `${significant(value * 100, 5)}%`
    case 'bytes': {
      const steps = ['B', 'KB', 'MB', 'GB', 'TB']
      let v = value
      let i = 0
      while (Math.abs(v) >= 1000 && i < steps.length - 1) {
        v /= 1000
        i++
      }
      return `${significant(v)} ${steps[i]}`
    }
    default:
      return significant(value, 6)
  }
}

/** Labels as PromQL writes them: `{job="api", instance="a:9100"}`; `{}` for none. */
export function formatLabels(labels: Record<string, string>): string {
  const entries = Object.entries(labels)
  const name = labels.__name__ ?? ''
  const rest = entries.filter(([k]) => k !== '__name__')
  return `${name}{${rest.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}}`
}
