import type { Role } from '../checklist/types.js'
import { CheckError } from '../errors.js'
import { teamMembers } from './reads.js'
import type { GitHubClient } from './types.js'

/** The role a checklist names, or the error that says it is not defined. */
export function findRole(roles: Record<string, Role>, id: string, where: string): Role {
  // own keys only: a role named `constructor` or `__proto__` must not reach Object.prototype
  const role = Object.hasOwn(roles, id) ? roles[id] : undefined
  if (!role) {
    const known = Object.keys(roles)
    throw new CheckError(
      `${where} names role '${id}', which the checklist does not define under roles:` +
        (known.length ? ` (known: ${known.join(', ')})` : ' (none defined)')
    )
  }
  return role
}

/** `Release Manager (role release-manager)` */
export function roleLabel(role: Role): string {
  return role.title && role.title !== role.id ? `${role.title} (role ${role.id})` : `role ${role.id}`
}

/**
 * Whether a login belongs to a role: its users first, then its teams (one members list per team per
 * run, which needs read:org). Logins compare case-insensitively, as GitHub does.
 */
export async function inRole(gh: GitHubClient, role: Role, login: string): Promise<boolean> {
  const who = login.toLowerCase()
  if (role.users.some(u => u.toLowerCase() === who)) return true
  for (const team of role.teams) if ((await teamMembers(gh, team)).has(who)) return true
  return false
}
