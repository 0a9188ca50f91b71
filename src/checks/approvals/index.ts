import type { Role } from '../../checklist/types.js'
import { CheckError } from '../../errors.js'
import type { SignOff } from '../../gate/sign-off.js'
import { listReviews, pusherOf, type Review } from '../../github/reads.js'
import { findRole, inRole, roleLabel } from '../../github/roles.js'
import { requireGitHub } from '../github.js'
import type { Check } from '../types.js'
import type { ApprovalsOptions } from './options.gen.js'
import { byText } from '../../text.js'

export type { ApprovalsOptions }

export interface RoleApproval {
  role: string
  approvedBy: string[]
  missing: number
}

/** Each reviewer's latest state that counts (a comment neither gives nor takes an approval). */
export function latestReviews(reviews: Review[]): Map<string, Review> {
  const latest = new Map<string, Review>()
  const ordered = [...reviews].sort(
    (a, b) => byText(a.submitted_at ?? '', b.submitted_at ?? '') || a.id - b.id
  )
  for (const review of ordered) {
    if (!review.user) continue
    if (!['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED'].includes(review.state)) continue
    latest.set(review.user.login.toLowerCase(), review)
  }
  return latest
}

/**
 * Who counts for which role. Without `distinct` a person counts for every role they are in; with it, for
 * one role only, and the people are spread over the roles so that as many roles as possible are served
 * (augmenting paths over the role slots: the greedy order of the reviews cannot decide it).
 */
export function assign(
  roles: string[],
  count: number,
  members: Map<string, Set<string>>,
  distinct: boolean
): Map<string, string[]> {
  const out = new Map<string, string[]>(roles.map(r => [r, []]))
  const people = [...members.keys()]
  if (!distinct) {
    for (const role of roles) out.set(role, people.filter(p => members.get(p)!.has(role)).slice(0, count))
    return out
  }
  const slots = roles.flatMap(role => Array.from({ length: count }, () => role))
  const holder: (string | undefined)[] = slots.map(() => undefined)
  const tryPlace = (person: string, seen: Set<number>): boolean => {
    for (let s = 0; s < slots.length; s++) {
      if (seen.has(s) || !members.get(person)!.has(slots[s])) continue
      seen.add(s)
      if (holder[s] === undefined || tryPlace(holder[s]!, seen)) {
        holder[s] = person
        return true
      }
    }
    return false
  }
  for (const person of people) tryPlace(person, new Set())
  holder.forEach((person, s) => person && out.get(slots[s])!.push(person))
  return out
}

/** Sign-offs: approving PR reviews on the head commit, by members of the roles named. */
export const check: Check<ApprovalsOptions> = async (options, item, ctx) => {
  const gh = requireGitHub(ctx, 'approvals')
  const roles = options.roles.map(id => findRole(ctx.checklist.roles, id, `item '${item.id}'`))
  const pr = ctx.event.pr
  const needed = roles.map(r => `${options.count} from ${roleLabel(r)}`).join(', ')
  if (!pr)
    return {
      status: 'pending',
      summary: `no pull request in this run: sign-offs are approving reviews on the release PR (${needed})`,
      details: {
        roles: roles.map(r => ({ role: r.id, approvedBy: [], missing: options.count })),
        signOffs: []
      }
    }

  let pusher: string | undefined
  if (options['exclude-pusher']) {
    if (pr.fork)
      throw new CheckError(
        `exclude-pusher cannot tell who pushed the head of fork PR #${pr.number} (the push is in the fork): open the release PR from a branch of this repository`
      )
    pusher = await pusherOf(gh, pr.headRef, pr.headSha)
    if (!pusher)
      throw new CheckError(
        `exclude-pusher: GitHub lists no push of ${pr.headSha.slice(0, 7)} to ${pr.headRef}, so its pusher is unknown: push again`
      )
  }
  const author = pr.author?.toLowerCase()
  const signOffs: SignOff[] = []
  const ignored: { login: string; reason: string }[] = []
  const stale: string[] = []
  const members = new Map<string, Set<string>>()
  const reviewOf = new Map<string, Review>()
  const record = (review: Review, counted: boolean, role: string | null, reason?: string) =>
    signOffs.push({
      kind: 'approval',
      item: item.id,
      login: review.user!.login,
      userId: review.user!.id ?? null,
      role,
      at: review.submitted_at ?? null,
      counted,
      ...(reason ? { reason } : {}),
      source: { type: 'review', id: review.id, commit: review.commit_id }
    })
  const ignore = (review: Review, reason: string) => {
    ignored.push({ login: review.user!.login, reason })
    record(review, false, null, reason)
  }
  for (const [who, review] of latestReviews(await listReviews(gh, pr.number))) {
    if (review.state !== 'APPROVED' || !review.user) continue
    if (who === author) {
      ignore(review, 'the PR author cannot approve their own PR')
      continue
    }
    if (pusher && who === pusher.toLowerCase()) {
      ignore(review, `pushed the head commit ${pr.headSha.slice(0, 7)} (exclude-pusher)`)
      continue
    }
    if (options['dismiss-stale'] && review.commit_id !== pr.headSha) {
      stale.push(review.user.login)
      ignore(review, `approved an older commit (${(review.commit_id ?? '').slice(0, 7)})`)
      continue
    }
    const inRoles = new Set<string>()
    for (const role of roles) if (await inRole(gh, role, review.user.login)) inRoles.add(role.id)
    if (inRoles.size === 0) {
      ignore(review, `not a member of ${roles.map(r => roleLabel(r)).join(' or ')}`)
      continue
    }
    members.set(review.user.login, inRoles)
    reviewOf.set(review.user.login, review)
  }

  const assigned = assign(
    roles.map(r => r.id),
    options.count,
    members,
    options.distinct
  )
  const used = new Set<string>()
  const result: RoleApproval[] = roles.map((role: Role) => {
    const approvedBy = assigned.get(role.id) ?? []
    for (const login of approvedBy) {
      used.add(login)
      record(reviewOf.get(login)!, true, role.id)
    }
    return { role: role.id, approvedBy, missing: Math.max(0, options.count - approvedBy.length) }
  })
  for (const [login, review] of reviewOf)
    if (!used.has(login)) ignore(review, 'the roles they are in have their approvals already')

  const details = {
    roles: result,
    ignored,
    signOffs,
    ...(stale.length ? { staleApprovals: stale } : {})
  }
  const waiting = result.filter(r => r.missing > 0)
  if (waiting.length === 0)
    return {
      status: 'pass',
      summary: `signed off: ${result.map(r => `${roleLabel(ctx.checklist.roles[r.role])} by ${r.approvedBy.join(', ')}`).join('; ')}`,
      details
    }
  const notes = ignored.length
    ? ` (not counted: ${ignored.map(i => `${i.login}, ${i.reason}`).join('; ')})`
    : ''
  return {
    status: 'pending',
    summary:
      `waits for approving reviews of PR #${pr.number} on ${pr.headSha.slice(0, 7)}: ` +
      waiting.map(r => `${r.missing} more from ${roleLabel(ctx.checklist.roles[r.role])}`).join(', ') +
      notes,
    details
  }
}
