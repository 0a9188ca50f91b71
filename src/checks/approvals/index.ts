import { listReviews, type Review } from '../../github/reads.js'
import { findRole, inRole, roleLabel } from '../../github/roles.js'
import { requireGitHub } from '../github.js'
import type { Check } from '../types.js'

export interface ApprovalsOptions {
  roles: string[]
  count: number
  'dismiss-stale': boolean
  'exclude-author': boolean
}

export interface RoleApproval {
  role: string
  approvedBy: string[]
  missing: number
}

/** Each reviewer's latest state that counts (a comment neither gives nor takes an approval). */
export function latestReviews(reviews: Review[]): Map<string, Review> {
  const latest = new Map<string, Review>()
  const ordered = [...reviews].sort(
    (a, b) => (a.submitted_at ?? '').localeCompare(b.submitted_at ?? '') || a.id - b.id
  )
  for (const review of ordered) {
    if (!review.user) continue
    if (!['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED'].includes(review.state)) continue
    latest.set(review.user.login.toLowerCase(), review)
  }
  return latest
}

/** Sign-offs: approving reviews of the PR, by members of the roles named. */
export const check: Check<ApprovalsOptions> = async (options, item, ctx) => {
  const gh = requireGitHub(ctx, 'approvals')
  const roles = options.roles.map(id => findRole(ctx.checklist.roles, id, `item '${item.id}'`))
  const pr = ctx.event.pr
  const needed = roles.map(r => `${options.count} from ${roleLabel(r)}`).join(', ')
  if (!pr)
    return {
      status: 'pending',
      summary: `no pull request in this run: sign-offs are approving reviews on the release PR (${needed})`,
      details: { roles: roles.map(r => ({ role: r.id, approvedBy: [], missing: options.count })) }
    }

  const author = pr.author?.toLowerCase()
  const stale: string[] = []
  const approvers: string[] = []
  for (const [who, review] of latestReviews(await listReviews(gh, pr.number))) {
    if (review.state !== 'APPROVED' || !review.user) continue
    if (options['exclude-author'] && who === author) continue
    if (options['dismiss-stale'] && review.commit_id !== pr.headSha) {
      stale.push(review.user.login)
      continue
    }
    approvers.push(review.user.login)
  }

  const result: RoleApproval[] = []
  for (const role of roles) {
    const approvedBy: string[] = []
    for (const login of approvers) {
      if (approvedBy.length >= options.count) break
      if (await inRole(gh, role, login)) approvedBy.push(login)
    }
    result.push({ role: role.id, approvedBy, missing: Math.max(0, options.count - approvedBy.length) })
  }

  const details = { roles: result, ...(stale.length ? { staleApprovals: stale } : {}) }
  const waiting = result.filter(r => r.missing > 0)
  if (waiting.length === 0)
    return {
      status: 'pass',
      summary: `signed off: ${result.map(r => `${roleLabel(ctx.checklist.roles[r.role])} by ${r.approvedBy.join(', ')}`).join('; ')}`,
      details
    }
  const staleNote = stale.length ? ` (approvals of an older commit no longer count: ${stale.join(', ')})` : ''
  return {
    status: 'pending',
    summary:
      `waits for approving reviews of PR #${pr.number} on ${pr.headSha.slice(0, 7)}: ` +
      waiting.map(r => `${r.missing} more from ${roleLabel(ctx.checklist.roles[r.role])}`).join(', ') +
      staleNote,
    details
  }
}
