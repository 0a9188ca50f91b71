import { CheckError } from '../../errors.js'
import type { SignOff } from '../../gate/sign-off.js'
import { COMMENT_MARKER } from '../../github/marker.js'
import { collaboratorPermission, listComments, pushedAt } from '../../github/reads.js'
import { findRole, inRole, roleLabel } from '../../github/roles.js'
import { latestPerPerson, parseCommands, type Command } from './commands.js'
import type { Check } from '../types.js'
import type { ManualOptions } from './options.gen.js'

export type { ManualOptions }

const WRITE = new Set(['admin', 'maintain', 'write'])

/** A person attests the item on the release PR with `/go-live attest ID`; `/go-live revoke ID` takes it back. */
export const check: Check<ManualOptions> = async (options, item, ctx) => {
  const role = item.owner ? findRole(ctx.checklist.roles, item.owner, `item '${item.id}' (owner)`) : undefined
  const who = role ? `a ${roleLabel(role)}` : 'someone with write access'
  const how = `"/go-live attest ${item.id}"`
  const pr = ctx.event.pr
  // Without GitHub or a PR there is no one to ask: the item waits for a person, it does not fail.
  if (!ctx.github || !pr)
    return {
      status: 'pending',
      summary: `waits for ${who} to comment ${how} on the release PR`,
      details: { ignored: [] }
    }
  const gh = ctx.github

  // expires-on-push: an attestation counts only when made after the head commit was pushed (the time
  // GitHub received the push; a commit's own dates are whatever the pusher wrote)
  let pushed: Date | undefined
  if (options['expires-on-push']) {
    if (pr.fork)
      throw new CheckError(
        `expires-on-push cannot tell when the head of fork PR #${pr.number} was pushed (the push is in the fork): ` +
          'open the release PR from a branch of this repository'
      )
    pushed = await pushedAt(gh, pr.headRef, pr.headSha)
    if (!pushed)
      throw new CheckError(
        `expires-on-push: GitHub lists no push of ${pr.headSha.slice(0, 7)} to ${pr.headRef}, so attestations cannot be dated against it: push again`
      )
  }
  const author = pr.author?.toLowerCase()
  const ignored: { login: string; reason: string }[] = []
  const valid: { login: string; at: string; url: string }[] = []
  const signOffs: SignOff[] = []
  const record = (c: Command, counted: boolean, reason?: string) =>
    signOffs.push({
      kind: c.action === 'revoke' ? 'revocation' : 'attestation',
      item: item.id,
      login: c.login,
      userId: c.userId ?? null,
      role: role?.id ?? null,
      at: c.at,
      counted,
      ...(reason ? { reason } : {}),
      source: { type: 'comment', id: c.commentId, sha256: c.bodySha256, url: c.url }
    })
  const ignore = (c: Command, reason: string) => {
    ignored.push({ login: c.login, reason })
    record(c, false, reason)
  }
  const commands = parseCommands(await listComments(gh, pr.number), COMMENT_MARKER)
  for (const c of latestPerPerson(commands, item.id)) {
    if (c.action === 'revoke') {
      record(c, true)
      continue
    }
    if (author && c.login.toLowerCase() === author) {
      ignore(c, 'the PR author cannot attest their own PR')
      continue
    }
    if (c.edited) {
      ignore(c, 'the comment was edited after it was posted: post a new one')
      continue
    }
    const allowed = role
      ? await inRole(gh, role, c.login)
      : WRITE.has(await collaboratorPermission(gh, c.login))
    if (!allowed) {
      ignore(c, role ? `not a member of ${roleLabel(role)}` : 'no write access')
    } else if (pushed && new Date(c.at) <= pushed) {
      ignore(c, `attested before the latest push (${pushed.toISOString()})`)
    } else {
      valid.push({ login: c.login, at: c.at, url: c.url })
      record(c, true)
    }
  }

  const note = ignored.length ? ` (ignored: ${ignored.map(i => `${i.login}, ${i.reason}`).join('; ')})` : ''
  const last = valid.at(-1)
  if (last)
    return {
      status: 'pass',
      summary: `attested by ${valid.map(v => v.login).join(', ')} on PR #${pr.number} at ${last.at}`,
      details: { attestedBy: last.login, at: last.at, url: last.url, attestations: valid, ignored, signOffs }
    }
  return {
    status: 'pending',
    summary: `waits for ${who} to comment ${how} on PR #${pr.number}${note}`,
    details: { ignored, signOffs }
  }
}
