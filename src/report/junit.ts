// JUnit XML, the test-report format Jenkins, GitLab and the test-report actions show: one testcase per item,
// one testsuite per section.
import type { GateResult, ItemResult } from '../gate/types.js'

const MAX_DETAILS = 8 * 1024

/**
 * `fail` is a failure, `error` an error, `skipped` and `pending` are skipped (a waived item too: it did
 * not pass, and it does not block); the item's summary is the message.
 */
export function toJunit(result: GateResult): string {
  const sections = new Map<string, ItemResult[]>()
  for (const r of result.items) {
    const list = sections.get(r.section)
    if (list) list.push(r)
    else sections.set(r.section, [r])
  }
  const total = tally(result.items)
  const name = `Go-live gate: ${result.checklist.name}${result.checklist.release ? ` ${result.checklist.release}` : ''}`
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(name)}" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" skipped="${total.skipped}" time="${seconds(total.ms)}">`
  ]
  for (const [section, items] of sections) {
    const t = tally(items)
    out.push(
      `  <testsuite name="${attr(section)}" tests="${t.tests}" failures="${t.failures}" errors="${t.errors}" skipped="${t.skipped}" time="${seconds(t.ms)}">`
    )
    for (const r of items) out.push(...testcase(r))
    out.push('  </testsuite>')
  }
  out.push('</testsuites>')
  return out.join('\n') + '\n'
}

function testcase(r: ItemResult): string[] {
  const head = `    <testcase classname="${attr(r.section)}" name="${attr(`${r.id}: ${r.title}`)}" time="${seconds(r.durationMs)}"`
  const message =
    r.severity === 'warning' && r.status === 'fail' ? `${r.summary} (warning: does not block)` : r.summary
  const body = details(r)
  const props = `      <properties>\n        <property name="check" value="${attr(r.check)}"/>\n        <property name="severity" value="${attr(r.severity)}"/>\n        <property name="status" value="${attr(r.status)}"/>\n      </properties>`
  let inner: string
  switch (outcomeOf(r.status)) {
    case 'failure':
      inner = `      <failure message="${attr(message)}" type="${attr(r.check)}">${text(body)}</failure>`
      break
    case 'error':
      inner = `      <error message="${attr(message)}" type="${attr(r.check)}">${text(body)}</error>`
      break
    case 'skipped':
      inner = `      <skipped message="${attr(`${r.status}: ${message}`)}"/>`
      break
    default:
      inner = `      <system-out>${text(message)}</system-out>`
  }
  return [`${head}>`, props, inner, '    </testcase>']
}

function outcomeOf(status: string): 'failure' | 'error' | 'skipped' | 'pass' {
  if (status === 'fail') return 'failure'
  if (status === 'error') return 'error'
  if (status === 'pass') return 'pass'
  return 'skipped'
}

function tally(items: ItemResult[]) {
  const t = { tests: items.length, failures: 0, errors: 0, skipped: 0, ms: 0 }
  for (const r of items) {
    const o = outcomeOf(r.status)
    if (o === 'failure') t.failures++
    else if (o === 'error') t.errors++
    else if (o === 'skipped') t.skipped++
    t.ms += r.durationMs
  }
  return t
}

function details(r: ItemResult): string {
  const json = JSON.stringify(r.details ?? {}, null, 2)
  const shown = json.length > MAX_DETAILS ? json.slice(0, MAX_DETAILS) + '\n... (cut)' : json
  return `${r.summary}\n${shown === '{}' ? '' : shown}`
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3)
}

/** Characters XML 1.0 forbids (controls, lone surrogates, U+FFFE/U+FFFF) and bidi controls are dropped. */
function clean(s: string): string {
  return String(s).replace(
    /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]|[\u202A-\u202E\u2066-\u2069]/gu,
    ''
  )
}

function text(s: string): string {
  return clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function attr(s: string): string {
  return text(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
}
