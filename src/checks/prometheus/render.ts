// The details of a prometheus item as markdown: each series' labels and value in its unit, the rules, the
// targets and the evaluations.
import { formatLabels, formatValue, type Unit } from './units.js'

const MAX_ROWS = 20
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

export function renderPrometheusDetails(
  details: Record<string, unknown>,
  escape: (s: string) => string
): string {
  const out: string[] = []
  const code = (s: string) => '`' + s.replace(/`/g, "'").replace(/\|/g, '\\|') + '`'
  const unit = (typeof details.unit === 'string' ? details.unit : undefined) as Unit | undefined
  if (typeof details.query === 'string') out.push(`Query: ${code(details.query.replace(/\s+/g, ' '))}`, '')
  const series = Array.isArray(details.series) ? details.series.filter(isObject) : []
  if (series.length) {
    out.push(`**series** (${series.length})`, '', '| | labels | value |', '| :-: | --- | --: |')
    for (const s of series.slice(0, MAX_ROWS)) {
      const labels = isObject(s.labels) ? (s.labels as Record<string, string>) : {}
      const value = typeof s.value === 'number' ? formatValue(s.value, unit) : String(s.value)
      out.push(`| ${s.ok ? '✅' : '❌'} | ${code(formatLabels(labels))} | ${escape(value)} |`)
    }
    if (series.length > MAX_ROWS) out.push('', `…and ${series.length - MAX_ROWS} more`)
    out.push('')
  }
  const rules = Array.isArray(details.rules) ? details.rules.filter(isObject) : []
  if (rules.length) {
    out.push(`**rules** (${rules.length})`, '', '| rule | health | state |', '| --- | --- | --- |')
    for (const r of rules.slice(0, MAX_ROWS))
      out.push(`| ${escape(String(r.name))} | ${escape(String(r.health))} | ${escape(String(r.state))} |`)
    out.push('')
  }
  if (isObject(details.targets))
    out.push(`**targets**: ${Number(details.targets.up)} of ${Number(details.targets.total)} up`, '')
  const evaluations = Array.isArray(details.evaluations) ? details.evaluations.filter(isObject) : []
  if (evaluations.length) {
    out.push(`**evaluations** (${evaluations.length})`, '', '| | at | result |', '| :-: | --- | --- |')
    for (const e of evaluations.slice(-MAX_ROWS))
      out.push(`| ${e.ok ? '✅' : '❌'} | ${escape(String(e.at))} | ${escape(String(e.summary ?? ''))} |`)
    if (evaluations.length > MAX_ROWS) out.push('', `(the last ${MAX_ROWS} of ${evaluations.length})`)
    out.push('')
  }
  return out.join('\n').trim()
}
