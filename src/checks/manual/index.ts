import { COMMENT_MARKER } from '../../github/marker.js'
import { collaboratorPermission, commitDate, listComments } from '../../github/reads.js'
import { findRole, inRole, roleLabel } from '../../github/roles.js'
import { latestPerPerson, parseCommands } from './commands.js'
import type { Check } from '../types.js'

export interface ManualOptions {
  'expires-on-push': boolean
}

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

  const pushedAt = options['expires-on-push'] ? await commitDate(gh, pr.headSha) : undefined
  const ignored: { login: string; reason: string }[] = []
  const valid: { login: string; at: string; url: string }[] = []
  const commands = parseCommands(await listComments(gh, pr.number), COMMENT_MARKER)
  for (const c of latestPerPerson(commands, item.id)) {
    if (c.action === 'revoke') continue
    const allowed = role
      ? await inRole(gh, role, c.login)
      : WRITE.has(await collaboratorPermission(gh, c.login))
    if (!allowed) {
      ignored.push({
        login: c.login,
        reason: role ? `not a member of ${roleLabel(role)}` : 'no write access'
      })
    } else if (pushedAt && new Date(c.at) < pushedAt) {
      ignored.push({ login: c.login, reason: `attested before the latest push (${pushedAt.toISOString()})` })
    } else valid.push({ login: c.login, at: c.at, url: c.url })
  }

  const note = ignored.length ? ` (ignored: ${ignored.map(i => `${i.login}, ${i.reason}`).join('; ')})` : ''
  const last = valid.at(-1)
  if (last)
    return {
      status: 'pass',
      summary: `attested by ${valid.map(v => v.login).join(', ')} on PR #${pr.number} at ${last.at}`,
      details: { attestedBy: last.login, at: last.at, url: last.url, attestations: valid, ignored }
    }
  return {
    status: 'pending',
    summary: `waits for ${who} to comment ${how} on PR #${pr.number}${note}`,
    details: { ignored }
  }
}
