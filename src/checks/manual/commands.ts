import type { IssueComment } from '../../github/reads.js'

export interface Command {
  action: 'attest' | 'revoke'
  item: string
  login: string
  /** when the command was last written (an edited comment speaks from its edit) */
  at: string
  url: string
}

// A command is a line of its own, so that a report quoting "/go-live attest x" is not one.
const LINE = /^[ \t]*\/go-live[ \t]+(attest|revoke)[ \t]+([^\r\n]+)$/gim

/** Every `/go-live attest|revoke ID [ID...]` in the comments, oldest first. Bots do not attest. */
export function parseCommands(comments: IssueComment[], marker?: string): Command[] {
  const commands: Command[] = []
  const ordered = [...comments].sort((a, b) => a.updated_at.localeCompare(b.updated_at) || a.id - b.id)
  for (const comment of ordered) {
    const login = comment.user?.login
    if (!login || !comment.body || comment.user?.type === 'Bot') continue
    if (marker && comment.body.includes(marker)) continue
    for (const match of comment.body.matchAll(LINE)) {
      const action = match[1].toLowerCase() as Command['action']
      for (const id of match[2].split(/[\s,]+/).filter(Boolean))
        commands.push({ action, item: id, login, at: comment.updated_at, url: comment.html_url })
    }
  }
  return commands
}

/** The latest command of each person for one item. */
export function latestPerPerson(commands: Command[], item: string): Command[] {
  const latest = new Map<string, Command>()
  for (const c of commands) if (c.item === item) latest.set(c.login.toLowerCase(), c)
  return [...latest.values()]
}
