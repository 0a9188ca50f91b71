import type { Role } from '../checklist/types.js'
import type { Status } from '../checks/types.js'
import type { GateResult, ItemResult } from '../gate/types.js'
import type { SignOff } from '../gate/sign-off.js'
import { cleanLine, cleanText } from './sanitize.js'
import { countsLine, ICON, otherStageSections, verdictLine } from './words.js'
import { withUnit } from './units.js'
import { renderPrometheusDetails } from '../checks/prometheus/render.js'

/** Hidden marker by which the sticky PR comment is found again. */
export const COMMENT_MARKER = '<!-- go-live-gate:comment -->'

export interface MarkdownOptions {
  /** fold each item's details under it (default true); off for the short form of the PR comment */
  details?: boolean
  /** list every section with every item (default true); off for the short form: only what blocks */
  all?: boolean
  /** link to the workflow run */
  runUrl?: string
  /** markdown placed under the heading (e.g. the checklist change of a PR) */
  preamble?: string
  /** start with the hidden comment marker */
  marker?: boolean
  mode?: 'enforce' | 'report'
  /** the checklist's roles: who is asked for what */
  roles?: Record<string, Role>
  /** `pending`: @-mention the people the gate waits for; `none` (default): name them without notifying */
  mention?: 'none' | 'pending'
}

const MAX_ROWS = 20
const TALLY_ORDER: Status[] = ['fail', 'error', 'pending', 'waived', 'pass', 'skipped']

/** `@` followed by a login would notify: a zero-width space after it keeps the name and drops the ping. */
function noMention(text: string): string {
  // only an @ that starts a word can mention someone: `body-parser@1.20.2` stays copyable as it is
  return text.replace(/(^|[^\w.+-])@(?=[A-Za-z0-9])/g, '$1@\u200b')
}

/**
 * Escapes text for a GitHub markdown table cell or line: no HTML, no table breaks, no emphasis or
 * strikethrough, no block started by the text (a list, a heading), no mentions.
 */
export function escapeMarkdown(text: string): string {
  return noMention(
    cleanLine(text)
      .trim()
      .replace(/([\\`*_[\]#|~])/g, '\\$1')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      // a leading `-`, `+`, `=` or `1.` would start a list (or a heading underline) where the text begins a line
      .replace(/^([-+=])/, '\\$1')
      .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2')
  )
}

/**
 * Escapes text for raw HTML (the `<summary>` of a fold): GitHub reads a line that starts with `<details>` as an
 * HTML block, where markdown escapes are not undone, so only entities are used there.
 */
export function escapeHtml(text: string): string {
  return noMention(
    cleanLine(text)
      .trim()
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  )
}

/**
 * A code span that shows the text as it is: a delimiter longer than any run of backticks in it, padded when
 * the text starts or ends with a backtick. In a table cell a `|` must be escaped (GitHub splits cells first,
 * even inside code); elsewhere the escape would show.
 */
function code(text: string, table = true): string {
  let body = cleanLine(text)
  if (table) body = body.replace(/\|/g, '\\|')
  if (body === '') return ''
  const ticks = '`'.repeat(Math.max(0, ...(body.match(/`+/g) ?? []).map(run => run.length)) + 1)
  const pad = /^`|`$/.test(body) || /^ .* $/.test(body) ? ' ' : ''
  return ticks + pad + body + pad + ticks
}

/** A fenced code block that no line of the text can close. */
function fence(text: string): string {
  const ticks = '`'.repeat(Math.max(2, ...(text.match(/`+/g) ?? []).map(run => run.length)) + 1)
  return [ticks, text, ticks].join('\n')
}

/** Only web links are linked: a `javascript:` or `data:` docs value is shown as the title alone. */
function itemName(r: ItemResult): string {
  const docs = r.item?.docs
  return docs && /^https?:\/\/[^\s]+$/i.test(docs)
    ? `[${escapeMarkdown(r.title)}](${encodeURI(docs).replace(/[()]/g, c => encodeURIComponent(c))})`
    : escapeMarkdown(r.title)
}

/** What the gate waits for, and from whom: the groups that head the summary and the comment. */
export interface Groups {
  fix: ItemResult[]
  /** items that are errors only because this run has no GitHub API (a local run) */
  github: ItemResult[]
  /** per role (the item's owner; '' for items any writer may attest) */
  attest: Map<string, ItemResult[]>
  approve: ItemResult[]
  checks: ItemResult[]
  waived: ItemResult[]
}

export function groupsOf(result: GateResult): Groups {
  const g: Groups = { fix: [], github: [], attest: new Map(), approve: [], checks: [], waived: [] }
  for (const r of result.items) {
    if (r.status === 'waived') g.waived.push(r)
    if (r.severity !== 'blocking') continue
    if (r.status === 'error' && r.details.needs === 'github') g.github.push(r)
    else if (r.status === 'fail' || r.status === 'error') g.fix.push(r)
    else if (r.status === 'pending' && r.check === 'manual') {
      const role = r.item?.owner ?? ''
      g.attest.set(role, [...(g.attest.get(role) ?? []), r])
    } else if (r.status === 'pending' && r.check === 'approvals') g.approve.push(r)
    else if (r.status === 'pending') g.checks.push(r)
  }
  return g
}

/** One comment that attests every item of a role: what a person copies. */
export function attestCommand(items: ItemResult[]): string {
  return `/go-live attest ${items.map(r => cleanLine(r.id)).join(' ')}`
}

function people(role: Role | undefined, mention: boolean): string {
  if (!role) return ''
  const names = [...role.users, ...role.teams].map(escapeMarkdown).filter(Boolean)
  if (names.length === 0) return ''
  return names.map(n => (mention ? `@${n}` : n)).join(', ')
}

function renderGroups(result: GateResult, options: MarkdownOptions, out: string[]): void {
  const g = groupsOf(result)
  const roles = options.roles ?? {}
  const mention = options.mention === 'pending'
  if (g.fix.length) {
    out.push(`### 🛠️ To fix (${g.fix.length})`, '', '| | Item | What to do |', '| :-: | --- | --- |')
    for (const r of g.fix.slice(0, MAX_ROWS))
      out.push(
        `| ${ICON[r.status]} | ${itemName(r)}<br><sub>${code(r.id)}</sub> | ${escapeMarkdown(r.summary)} |`
      )
    if (g.fix.length > MAX_ROWS) out.push('', `…and ${g.fix.length - MAX_ROWS} more in the sections below.`)
    out.push('')
  }
  if (g.github.length)
    out.push(
      `### 🔌 Need GitHub (${g.github.length})`,
      '',
      `${g.github.length === 1 ? 'This item reads' : `These ${g.github.length} items read`} the GitHub API: run the gate in Actions, or with GITHUB_TOKEN and GITHUB_REPOSITORY set.`,
      '',
      `<details><summary>The ${g.github.length === 1 ? 'item' : `${g.github.length} items`}</summary>`,
      '',
      ...g.github.map(r => `- ${itemName(r)} ${code(r.id, false)}`),
      '',
      '</details>',
      ''
    )
  const waiting = [...g.attest.values()].reduce((n, l) => n + l.length, 0) + g.approve.length
  if (waiting) {
    out.push(`### 🙋 Waiting for people (${waiting})`, '')
    for (const [roleId, items] of g.attest) {
      const role = Object.hasOwn(roles, roleId) ? roles[roleId] : undefined
      const title = role
        ? `${escapeMarkdown(role.title)} (${code(role.id, false)})`
        : roleId
          ? code(roleId, false)
          : 'Anyone with write access'
      const who = people(role, mention)
      out.push(
        `**${title}**${who ? ` · ${who}` : ''} · ${items.length} item${items.length === 1 ? '' : 's'}: one of you comments`,
        '',
        fence(attestCommand(items)),
        '',
        `<details><summary>The ${items.length === 1 ? 'item' : `${items.length} items`}</summary>`,
        '',
        ...items.map(r => `- ${itemName(r)} ${code(r.id, false)}`),
        '',
        '</details>',
        ''
      )
    }
    for (const r of g.approve) out.push(`**Approvals** · ${itemName(r)}: ${escapeMarkdown(r.summary)}`, '')
  }
  if (g.checks.length) {
    out.push(`### ⏳ Waiting for checks (${g.checks.length})`, '')
    for (const r of g.checks.slice(0, MAX_ROWS))
      out.push(`- ${itemName(r)} ${code(r.id, false)}: ${escapeMarkdown(r.summary)}`)
    if (g.checks.length > MAX_ROWS) out.push(`- …and ${g.checks.length - MAX_ROWS} more`)
    out.push('')
  }
  if (g.waived.length) {
    out.push(
      `### ${ICON.waived} Waived (${g.waived.length})`,
      '',
      '| Item | By | Until | Why |',
      '| --- | --- | --- | --- |'
    )
    for (const r of g.waived) {
      const w = (r.details.waiver ?? {}) as { by?: string; until?: string; reason?: string }
      out.push(
        `| ${itemName(r)}<br><sub>${code(r.id)}</sub> | ${escapeMarkdown(w.by ?? '')} | ${escapeMarkdown(w.until ?? '')} | ${escapeMarkdown(w.reason ?? '')} |`
      )
    }
    out.push('')
  }
  // a person whose sign-off did not count learns why without opening a fold
  const ignored = result.items.flatMap(r => {
    const list: unknown = r.details.signOffs
    return Array.isArray(list)
      ? (list as SignOff[])
          .filter(s => s && typeof s.login === 'string' && s.counted === false)
          .map(s => ({ r, s }))
      : []
  })
  if (ignored.length) {
    out.push(`**Sign-offs not counted** (${ignored.length})`, '')
    for (const { r, s } of ignored.slice(0, MAX_ROWS))
      out.push(
        `- ${escapeMarkdown(s.login)}, ${escapeMarkdown(String(s.kind))} of ${code(r.id, false)}: ${escapeMarkdown(String(s.reason ?? 'no reason given'))}`
      )
    if (ignored.length > MAX_ROWS) out.push(`- …and ${ignored.length - MAX_ROWS} more in the sections below`)
    out.push('')
  }
}

/**
 * The checklist as GitHub markdown, for the people who act on it: the verdict, then what blocks in groups
 * (to fix, waiting for people with the comment each role writes, waiting for checks, waived), then every
 * section folded with every item.
 */
export function renderMarkdown(result: GateResult, options: MarkdownOptions = {}): string {
  const showDetails = options.details ?? true
  const all = options.all ?? true
  const out: string[] = []
  if (options.marker) out.push(COMMENT_MARKER)
  const icon = result.verdict === 'pass' ? '✅' : '❌'
  const release = result.checklist.release ? ` ${escapeMarkdown(result.checklist.release)}` : ''
  const stage = result.stage ? ` · stage ${code(result.stage)}` : ''
  out.push(`## ${icon} ${verdictLine(result)}${stage}`, '')
  out.push(`**${escapeMarkdown(result.checklist.name)}${release}** · ${countsLine(result, true)}`)
  if (options.mode === 'report' && result.verdict === 'fail')
    out.push('', '> [!NOTE]', '> Report mode: the verdict is shown but does not fail the workflow.')
  out.push('')
  if (options.preamble) out.push(cleanText(options.preamble), '')
  renderGroups(result, options, out)

  if (all) {
    const sections = new Map<string, ItemResult[]>()
    for (const r of result.items) sections.set(r.section, [...(sections.get(r.section) ?? []), r])
    out.push('### Sections', '')
    const folded = otherStageSections(result)
    for (const [title, items] of sections) {
      // a section whose items all belong to other stages is one line
      const fold = folded.get(title)
      if (fold !== undefined) {
        out.push(`${ICON.skipped} <b>${escapeMarkdown(title)}</b> · ${escapeMarkdown(fold)}`, '')
        continue
      }
      const worst = items.some(r => r.status === 'fail' || r.status === 'error')
        ? '❌'
        : items.some(r => r.status === 'pending')
          ? '⏳'
          : '✅'
      // what needs a hand first, in the same order in every section
      const tally = TALLY_ORDER.map(s => [s, items.filter(r => r.status === s).length] as const)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${n} ${s}`)
        .join(', ')
      out.push(
        `<details><summary>${worst} <b>${escapeHtml(title)}</b> · ${tally}</summary>`,
        '',
        '| | Item | Check | Result |',
        '| :-: | --- | --- | --- |'
      )
      for (const r of items) {
        const warn = r.severity === 'warning' ? ' <sub>warning</sub>' : ''
        out.push(
          `| ${ICON[r.status]} | ${itemName(r)}${warn}<br><sub>${code(r.id)}</sub> | ${code(r.check)} | ${escapeMarkdown(r.summary)} |`
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
            `<details><summary>${ICON[r.status]} ${escapeHtml(r.title)}: details</summary>`,
            '',
            body,
            '',
            '</details>',
            ''
          )
        }
      }
      out.push('</details>', '')
    }
  } else if (result.verdict === 'pass') out.push('Every blocking item passed.', '')
  const footer = [`Checklist ${code(result.checklist.path, false)}`]
  if (options.runUrl) footer.push(`[workflow run](${options.runUrl})`)
  footer.push('Go-Live Gate')
  out.push(`<sub>${footer.join(' · ')}</sub>`, '')
  return out.join('\n')
}

function cell(raw: unknown, key = ''): string {
  const v = withUnit(key, raw)
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
    if (key === 'signOffs' && Array.isArray(value)) {
      if (value.length) out.push(renderSignOffs(value as SignOff[]), '')
      continue
    }
    // shown by the sign-offs table, or by the summary
    if ((key === 'ignored' && Array.isArray(details.signOffs)) || key === 'waiver') continue
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
          out.push(`| ${columns.map(c => cell(row[c], c)).join(' | ')} |`)
        if (rows.length > MAX_ROWS) out.push('', `…and ${rows.length - MAX_ROWS} more`)
        out.push('')
      } else {
        const shown = value
          .slice(0, MAX_ROWS)
          .map(v => cell(v, key))
          .join(', ')
        out.push(
          `- **${escapeMarkdown(key)}**: ${shown}${value.length > MAX_ROWS ? `, …and ${value.length - MAX_ROWS} more` : ''}`
        )
      }
    } else if (typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
      if (entries.length === 0) continue
      out.push(
        `- **${escapeMarkdown(key)}**: ${entries.map(([k, v]) => `${escapeMarkdown(k)} ${cell(v, k)}`).join(', ')}`
      )
    } else out.push(`- **${escapeMarkdown(key)}**: ${cell(value, key)}`)
  }
  return out.join('\n').trim()
}

/** Who signed off what: the record of section 12, as a table a reviewer can read. */
function renderSignOffs(records: SignOff[]): string {
  const rows = records.slice(0, MAX_ROWS).map(r => {
    const when = r.at ? escapeMarkdown(r.at) : ''
    const state = r.counted ? 'counted' : `ignored: ${escapeMarkdown(r.reason ?? '')}`
    const until = r.until ? ` until ${escapeMarkdown(r.until)}` : ''
    return `| ${escapeMarkdown(r.kind)}${until} | ${escapeMarkdown(r.login)} | ${r.role ? code(r.role) : ''} | ${when} | ${state} |`
  })
  const more = records.length > MAX_ROWS ? ['', `…and ${records.length - MAX_ROWS} more`] : []
  return [
    `**sign-offs** (${records.length})`,
    '',
    '| Sign-off | Who | Role | When | |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    ...more
  ].join('\n')
}
