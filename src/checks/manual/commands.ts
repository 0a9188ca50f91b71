import type { IssueComment } from '../../github/reads.js'

// The one place where `/go-live ...` commands are read out of PR comments. Attestations, revocations
// (and later waivers) all come through here, so the rules below hold for every command:
//
// - a command is a line of its own, outside code (fenced or indented), HTML comments and `>` quotes;
// - comments are ordered by when they were *created*: touching an old comment never moves it forward;
// - an edited comment (updated_at after created_at) cannot give anything: REST does not say who edited
//   it, and a maintainer can edit anyone's comment. Its attestations are ignored (shown as such); its
//   revocations still count, since taking back is always safe;
// - bots and the gate's own sticky comment never speak.

export type Action = 'attest' | 'revoke'

export interface Command {
  action: Action
  item: string
  login: string
  /** when the comment was created (never its edit time) */
  at: string
  url: string
  /** the comment was edited after it was posted */
  edited: boolean
}

const LINE = /^ {0,3}\/go-live[ \t]+(attest|revoke)[ \t]+([^\r\n]+)$/gim

/**
 * The text of a comment that can speak: code fences, indented code, HTML comments and block quotes
 * are blanked (line count kept), so a command quoted or shown as an example is not one.
 */
export function speakingText(body: string): string {
  // HTML comments, closed or running to the end
  let text = body.replace(/<!--[\s\S]*?(?:-->|$)/g, m => m.replace(/[^\n]/g, ' '))
  const lines = text.split('\n')
  let fence: string | undefined
  let previousBlank = true
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '')
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (fence) {
      if (open && open[1][0] === fence[0] && open[1].length >= fence.length && line.trim() === open[1])
        fence = undefined
      lines[i] = ''
      continue
    }
    if (open) {
      fence = open[1]
      lines[i] = ''
      continue
    }
    const blank = line.trim() === ''
    // a block quote, and indented code (four spaces or a tab after a blank line)
    if (/^ {0,3}>/.test(line) || (previousBlank && /^( {4}|\t)/.test(line) && !blank)) lines[i] = ''
    previousBlank = blank
  }
  text = lines.join('\n')
  return text
}

const edited = (c: IssueComment) => Boolean(c.updated_at && c.created_at && c.updated_at !== c.created_at)

/** Every `/go-live attest|revoke ID [ID...]` in the comments, in order of creation. */
export function parseCommands(comments: IssueComment[], marker?: string): Command[] {
  const commands: Command[] = []
  const ordered = [...comments].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id)
  for (const comment of ordered) {
    const login = comment.user?.login
    if (!login || !comment.body || comment.user?.type === 'Bot') continue
    if (marker && comment.body.includes(marker)) continue
    for (const match of speakingText(comment.body).matchAll(LINE)) {
      const action = match[1].toLowerCase() as Action
      for (const id of match[2].split(/[\s,]+/).filter(Boolean))
        commands.push({
          action,
          item: id,
          login,
          at: comment.created_at,
          url: comment.html_url,
          edited: edited(comment)
        })
    }
  }
  return commands
}

/** The latest command of each person for one item (an edited attestation is kept, to be shown ignored). */
export function latestPerPerson(commands: Command[], item: string): Command[] {
  const latest = new Map<string, Command>()
  for (const c of commands) if (c.item === item) latest.set(c.login.toLowerCase(), c)
  return [...latest.values()]
}
