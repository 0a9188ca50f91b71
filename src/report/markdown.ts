import type { GateResult, ItemResult } from '../gate/types.js'
import { renderPrometheusDetails } from '../checks/prometheus/render.js'
import { countsLine, ICON, otherStageSections, verdictLine } from './words.js'

/** Hidden marker by which the sticky PR comment is found again. */
export const COMMENT_MARKER = '<!-- go-live-gate:comment -->'

export interface MarkdownOptions {
  /** fold each item's details under it (default true); off for the short form of the PR comment */
  details?: boolean
  /** list passed and skipped items too (default true) */
  all?: boolean
  /** link to the workflow run */
  runUrl?: string
  /** markdown placed under the heading (e.g. the checklist change of a PR) */
  preamble?: string
  /** start with the hidden comment marker */
  marker?: boolean
  mode?: 'enforce' | 'report'
}

const MAX_ROWS = 20

/** Escapes text for a GitHub markdown table cell or line: no HTML, no table breaks, no mentions. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/([\\`*_[\]#|])/g, '\\$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(?=[A-Za-z0-9])/g, '@\u200b')
}

function code(text: string): string {
  return '`' + text.replace(/`/g, "'").replace(/\|/g, '\\|') + '`'
}

/** The checklist as GitHub markdown: the verdict, then each section with a state per item. */
export function renderMarkdown(result: GateResult, options: MarkdownOptions = {}): string {
  const showDetails = options.details ?? true
  const all = options.all ?? true
  const out: string[] = []
  if (options.marker) out.push(COMMENT_MARKER)
  const icon = result.result === 'pass' ? '✅' : '❌'
  const release = result.checklist.release ? ` ${escapeMarkdown(result.checklist.release)}` : ''
  const stage = result.stage ? ` · stage ${code(result.stage)}` : ''
  out.push(`## ${icon} ${verdictLine(result)}${stage}`, '')
  out.push(`**${escapeMarkdown(result.checklist.name)}${release}** · ${countsLine(result, true)}`)
  if (options.mode === 'report' && result.result === 'fail')
    out.push('', '> [!NOTE]', '> Report mode: the verdict is shown but does not fail the workflow.')
  out.push('')
  if (options.preamble) out.push(options.preamble, '')

  const sections = new Map<string, ItemResult[]>()
  for (const r of result.items) {
    if (!all && (r.status === 'pass' || r.status === 'skipped')) continue
    const list = sections.get(r.section) ?? []
    list.push(r)
    sections.set(r.section, list)
  }
  if (!all && sections.size === 0) out.push('Every item passed.', '')
  const folded = otherStageSections(result)
  for (const [title, items] of sections) {
    const fold = folded.get(title)
    if (fold !== undefined) {
      out.push(`### ${escapeMarkdown(title)}`, '', `${ICON.skipped} ${escapeMarkdown(fold)}`, '')
      continue
    }
    out.push(`### ${escapeMarkdown(title)}`, '', '| | Item | Check | Result |', '| :-: | --- | --- | --- |')
    for (const r of items) {
      const name = r.item.docs
        ? `[${escapeMarkdown(r.title)}](${encodeURI(r.item.docs).replace(/[()]/g, c => encodeURIComponent(c))})`
        : escapeMarkdown(r.title)
      const warn = r.severity === 'warning' ? ' <sub>warning</sub>' : ''
      out.push(
        `| ${ICON[r.status]} | ${name}${warn}<br><sub>${code(r.id)}</sub> | ${code(r.check)} | ${escapeMarkdown(r.summary)} |`
      )
    }
    out.push('')
    if (showDetails) {
      for (const r of items) {
        const body =
          r.check === 'prometheus'
            ? renderPrometheusDetails(r.details, escapeMarkdown)
            : renderDetails(r.details)
        if (!body) continue
        out.push(
          `<details><summary>${ICON[r.status]} ${escapeMarkdown(r.title)}: details</summary>`,
          '',
          body,
          '',
          '</details>',
          ''
        )
      }
    }
  }
  const footer = [`Checklist ${code(result.checklist.path)}`]
  if (options.runUrl) footer.push(`[workflow run](${options.runUrl})`)
  footer.push('Go-Live Gate')
  out.push(`<sub>${footer.join(' · ')}</sub>`, '')
  return out.join('\n')
}

function cell(v: unknown): string {
  if (v === undefined || v === null) return ''
  if (typeof v === 'string') return escapeMarkdown(v)
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return escapeMarkdown(JSON.stringify(v))
}

/** Details as lists and small tables; long lists are cut with a count of what is left out. */
export function renderDetails(details: Record<string, unknown>): string {
  const out: string[] = []
  for (const [key, value] of Object.entries(details)) {
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) {
      if (value.length === 0) continue
      if (value.every(v => v && typeof v === 'object' && !Array.isArray(v))) {
        const rows = value as Record<string, unknown>[]
        const columns = [...new Set(rows.slice(0, MAX_ROWS).flatMap(r => Object.keys(r)))].slice(0, 7)
        out.push(`**${escapeMarkdown(key)}** (${rows.length})`, '')
        out.push(
          `| ${columns.map(escapeMarkdown).join(' | ')} |`,
          `| ${columns.map(() => '---').join(' | ')} |`
        )
        for (const row of rows.slice(0, MAX_ROWS))
          out.push(`| ${columns.map(c => cell(row[c])).join(' | ')} |`)
        if (rows.length > MAX_ROWS) out.push('', `…and ${rows.length - MAX_ROWS} more`)
        out.push('')
      } else {
        const shown = value.slice(0, MAX_ROWS).map(cell).join(', ')
        out.push(
          `- **${escapeMarkdown(key)}**: ${shown}${value.length > MAX_ROWS ? `, …and ${value.length - MAX_ROWS} more` : ''}`
        )
      }
    } else if (typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
      if (entries.length === 0) continue
      out.push(
        `- **${escapeMarkdown(key)}**: ${entries.map(([k, v]) => `${escapeMarkdown(k)} ${cell(v)}`).join(', ')}`
      )
    } else out.push(`- **${escapeMarkdown(key)}**: ${cell(value)}`)
  }
  return out.join('\n').trim()
}
