// Waivers (contract section 10): an item that did not pass is accepted for a while by a person allowed to,
// in a PR comment (`/go-live waive ID until DATE: reason`) or in the checklist's `waivers:` list.
import type { Checklist, Role } from '../checklist/types.js'
import { parseCommands, type Command } from '../checks/manual/commands.js'
import type { GateEvent, PolicyContext } from '../checks/types.js'
import { errorMessage } from '../errors.js'
import { COMMENT_MARKER } from '../github/marker.js'
import { listComments } from '../github/reads.js'
import { inRole, roleLabel } from '../github/roles.js'
import type { GitHubClient } from '../github/types.js'
import type { SignOff } from './sign-off.js'
import type { ItemResult } from './types.js'

/** A waiver lasts at most this long (from when it was given). */
export const MAX_WAIVER_DAYS = 90
const DAY = 86_400_000

export interface ChecklistWaiver {
  item: string
  until: string
  reason: string
  by: string
  line?: number
}

export interface WaiverContext {
  checklist: Checklist & { waivers?: ChecklistWaiver[] }
  event: GateEvent
  github?: GitHubClient
  policy?: PolicyContext
  /** role whose members may waive any item (input policy-owner) */
  policyOwner: string
  now(): Date
}

interface Candidate {
  item: string
  login: string
  userId: number | null
  at: string | null
  until?: string
  reason?: string
  edited: boolean
  source: SignOff['source']
  /** for comments: the order they were made in */
  order: number
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
/** The end of the `until` day in UTC, or undefined when it is no date. */
function endOf(until: string | undefined): number | undefined {
  const m = until ? DATE.exec(until) : null
  if (!m) return undefined
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  const d = new Date(t)
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1) return undefined
  return t + DAY - 1
}

async function member(gh: GitHubClient | undefined, role: Role | undefined, login: string): Promise<boolean> {
  if (!role) return false
  if (role.users.some(u => u.toLowerCase() === login.toLowerCase())) return true
  if (!gh || role.teams.length === 0) return false
  return inRole(gh, role, login)
}

/**
 * Applies the waivers that hold to the items that did not pass: their state becomes `waived`. Every waiver
 * seen is recorded on its item's `details.signOffs`, counted or ignored with the reason, and a waiver that
 * ran out is named in the item's summary.
 */
export async function applyWaivers(items: ItemResult[], ctx: WaiverContext): Promise<ItemResult[]> {
  const candidates: Candidate[] = []
  const unwaives: { c: Command; order: number }[] = []
  for (const w of ctx.checklist.waivers ?? [])
    candidates.push({
      item: w.item,
      login: w.by,
      userId: null,
      at: null,
      until: w.until,
      reason: w.reason,
      edited: false,
      source: { type: 'checklist', path: ctx.checklist.path, ...(w.line ? { line: w.line } : {}) },
      order: -1
    })
  const pr = ctx.event.pr
  let commentProblem: string | undefined
  if (ctx.github && pr) {
    try {
      const commands = parseCommands(await listComments(ctx.github, pr.number), COMMENT_MARKER)
      commands.forEach((c, order) => {
        if (c.action === 'unwaive') unwaives.push({ c, order })
        if (c.action !== 'waive') return
        candidates.push({
          item: c.item,
          login: c.login,
          userId: c.userId ?? null,
          at: c.at,
          until: c.until,
          reason: c.reason,
          edited: c.edited,
          source: { type: 'comment', id: c.commentId, sha256: c.bodySha256, url: c.url },
          order
        })
      })
    } catch (e) {
      commentProblem = errorMessage(e)
    }
  }
  if (candidates.length === 0 && !commentProblem) return items

  const byId = new Map(items.map(r => [r.id, r]))
  const author = pr?.author?.toLowerCase()
  const now = ctx.now().getTime()
  const policyRole = ctx.checklist.roles[ctx.policyOwner] as Role | undefined
  const records = new Map<string, SignOff[]>()
  const holding = new Map<string, { c: Candidate; role: string }>()
  const expired = new Map<string, Candidate>()

  const allowed = async (c: Candidate, ownerRole: Role | undefined) => {
    if (await member(ctx.github, ownerRole, c.login)) return ownerRole!.id
    if (await member(ctx.github, policyRole, c.login)) return policyRole!.id
    return undefined
  }

  for (const c of candidates) {
    const item = byId.get(c.item)
    const ownerRole = item?.item.owner ? ctx.checklist.roles[item.item.owner] : undefined
    const record = (counted: boolean, role: string | null, reason?: string) => {
      const list = records.get(c.item) ?? []
      list.push({
        kind: 'waiver',
        item: c.item,
        login: c.login,
        userId: c.userId,
        role,
        at: c.at,
        counted,
        ...(reason ? { reason } : {}),
        ...(c.until ? { until: c.until } : {}),
        ...(c.reason ? { justification: c.reason } : {}),
        source: c.source
      })
      records.set(c.item, list)
    }
    if (!item) {
      if (c.source.type === 'comment') continue // a waiver of no item of this checklist is just a comment
      record(false, null, `the checklist has no item '${c.item}'`)
      continue
    }
    const end = endOf(c.until)
    if (end === undefined) {
      record(false, null, 'a waiver needs "until YYYY-MM-DD: reason"')
      continue
    }
    if (!c.reason) {
      record(false, null, 'a waiver needs a reason after "until DATE:"')
      continue
    }
    if (author && c.login.toLowerCase() === author) {
      record(false, null, 'the PR author cannot waive items of their own PR')
      continue
    }
    if (c.edited) {
      record(false, null, 'the comment was edited after it was posted: post a new one')
      continue
    }
    const role = await allowed(c, ownerRole)
    if (!role) {
      const who = [ownerRole, policyRole].filter(Boolean).map(r => roleLabel(r!))
      record(false, null, `not a member of ${who.length ? who.join(' or ') : `role ${ctx.policyOwner}`}`)
      continue
    }
    const start = c.at ? new Date(c.at).getTime() : now
    if (end - start > MAX_WAIVER_DAYS * DAY) {
      record(
        false,
        role,
        `a waiver lasts at most ${MAX_WAIVER_DAYS} days: set until ${MAX_WAIVER_DAYS} days after it is given or sooner`
      )
      continue
    }
    // taking a waiver back is always safe: its giver, the PR author or anyone who may waive the item can
    let taken: Command | undefined
    for (const { c: u, order } of unwaives) {
      if (c.source.type !== 'comment' || u.item !== c.item || order < c.order) continue
      const who = u.login.toLowerCase()
      if (
        who === c.login.toLowerCase() ||
        who === author ||
        (await allowed({ ...c, login: u.login }, ownerRole))
      ) {
        taken = u
        break
      }
    }
    if (taken) {
      record(false, role, `taken back by ${taken.login} (/go-live unwaive) at ${taken.at}`)
      continue
    }
    if (end < now) {
      record(false, role, `expired on ${c.until}`)
      const last = expired.get(c.item)
      if (!last || (last.until ?? '') < (c.until ?? '')) expired.set(c.item, c)
      continue
    }
    if (item.status === 'pass' || item.status === 'skipped') {
      record(false, role, `not needed: the item is ${item.status}`)
      continue
    }
    record(true, role)
    const current = holding.get(c.item)
    if (!current || c.order >= current.c.order) holding.set(c.item, { c, role })
  }
  // the waivers that hold have been recorded as counted; only the one applied keeps that mark
  for (const [id, list] of records) {
    const applied = holding.get(id)
    for (const r of list)
      if (r.counted && (!applied || r.login !== applied.c.login || r.source !== applied.c.source)) {
        r.counted = false
        r.reason = 'another waiver of the item counts'
      }
  }

  return items.map(r => {
    const signOffs = records.get(r.id)
    const applied = holding.get(r.id)
    const gone = expired.get(r.id)
    if (!signOffs && !gone && !(commentProblem && r.status !== 'pass')) return r
    const details: Record<string, unknown> = { ...r.details }
    details.signOffs = [...((r.details.signOffs as SignOff[] | undefined) ?? []), ...(signOffs ?? [])]
    if (applied) {
      const { c, role } = applied
      details.waiver = { by: c.login, role, until: c.until, reason: c.reason, source: c.source }
      details.waivedStatus = r.status
      return {
        ...r,
        status: 'waived' as const,
        summary: `waived by ${c.login} until ${c.until}: ${c.reason} (was ${r.status}: ${r.summary})`,
        details
      }
    }
    let summary = r.summary
    if (gone && r.status !== 'pass' && r.status !== 'skipped')
      summary += ` (the waiver by ${gone.login} expired on ${gone.until}: it no longer counts)`
    if (commentProblem && r.status !== 'pass' && r.status !== 'skipped')
      details.waiverProblem = `waivers in PR comments could not be read: ${commentProblem}`
    return { ...r, summary, details }
  })
}
