import { createHash } from 'node:crypto'
import type { IssueComment } from '../../github/reads.js'
import { byText } from '../../text.js'

// The one place where `/go-live ...` commands are read out of PR comments. Attestations, revocations
// and waivers all come through here, so the rules below hold for every command:
//
// - a command is a line of its own, outside code (fenced or indented), HTML comments and `>` quotes;
// - comments are ordered by when they were *created*: touching an old comment never moves it forward;
// - an edited comment (updated_at after created_at) cannot give anything: REST does not say who edited
//   it, and a maintainer can edit anyone's comment. Its attestations are ignored (shown as such); its
//   revocations still count, since taking back is always safe;
// - bots and the gate's own sticky comment never speak.

export type Action = 'attest' | 'revoke' | 'waive' | 'unwaive'

export interface Command {
  action: Action
  item: string
  login: string
  /** GitHub's numeric id of the commenter (logins can be renamed; ids cannot) */
  userId?: number
  /** when the comment was created (never its edit time) */
  at: string
  url: string
  /** the comment's id and the sha256 of its body: what the record of a sign-off points at */
  commentId: number
  bodySha256: string
  /** the comment was edited after it was posted */
  edited: boolean
  /** waive: the last day it holds (YYYY-MM-DD) and why */
  until?: string
  reason?: string
}

const LINE = /^ {0,3}\/go-live[ \t]+(attest|revoke|unwaive)[ \t]+([^\r\n]+)$/gim
/** `/go-live waive ITEM until YYYY-MM-DD: reason` (one item per line: the reason is its own) */
const WAIVE = /^ {0,3}\/go-live[ \t]+waive[ \t]+(\S+)[ \t]+until[ \t]+(\S+?)[ \t]*:[ \t]*([^\r\n]*)$/gim
/** A waive line that does not have the form above: shown, never guessed at. */
const WAIVE_ANY = /^ {0,3}\/go-live[ \t]+waive\b([^\r\n]*)$/gim

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

/**
 * The commands of each comment list, per marker: a run reads the PR's comments once (one cached array)
 * and every manual item and the waivers ask for its commands, so they are parsed once per run, not once
 * per item (5,000 comments times 10 items was most of a run's CPU).
 */
const parsed = new WeakMap<IssueComment[], Map<string, readonly Command[]>>()

/**
 * Every `/go-live attest|revoke ID [ID...]` in the comments, in order of creation. The same list (and
 * marker) gives the same array back: read it, never change it.
 */
export function parseCommands(comments: IssueComment[], marker?: string): readonly Command[] {
  let byMarker = parsed.get(comments)
  if (!byMarker) parsed.set(comments, (byMarker = new Map()))
  const key = marker ?? ''
  let commands = byMarker.get(key)
  if (!commands) byMarker.set(key, (commands = Object.freeze(parseAll(comments, marker))))
  return commands
}

function parseAll(comments: IssueComment[], marker?: string): Command[] {
  const commands: Command[] = []
  const ordered = [...comments].sort((a, b) => byText(a.created_at, b.created_at) || a.id - b.id)
  for (const comment of ordered) {
    const login = comment.user?.login
    if (!login || !comment.body || comment.user?.type === 'Bot') continue
    if (marker && comment.body.includes(marker)) continue
    const text = speakingText(comment.body)
    const base = {
      login,
      userId: comment.user?.id,
      at: comment.created_at,
      url: comment.html_url,
      commentId: comment.id,
      bodySha256: createHash('sha256').update(comment.body).digest('hex'),
      edited: edited(comment)
    }
    const found: { index: number; command: Command }[] = []
    for (const match of text.matchAll(LINE)) {
      const action = match[1].toLowerCase() as Action
      for (const id of match[2].split(/[\s,]+/).filter(Boolean))
        found.push({ index: match.index, command: { ...base, action, item: id } })
    }
    const waived = new Set<number>()
    for (const match of text.matchAll(WAIVE)) {
      waived.add(match.index)
      found.push({
        index: match.index,
        command: { ...base, action: 'waive', item: match[1], until: match[2], reason: match[3].trim() }
      })
    }
    // a malformed waive is kept (with no date) so that the report can say what was wrong with it
    for (const match of text.matchAll(WAIVE_ANY))
      if (!waived.has(match.index))
        found.push({
          index: match.index,
          command: { ...base, action: 'waive', item: match[1].trim().split(/\s+/)[0] ?? '' }
        })
    found.sort((a, b) => a.index - b.index)
    for (const f of found) commands.push(f.command)
  }
  return commands
}

/**
 * The latest attest or revoke of each person for one item (an edited attestation is kept, to be shown
 * ignored). Waivers are another matter: see gate/waivers.ts.
 */
export function latestPerPerson(commands: readonly Command[], item: string): Command[] {
  const latest = new Map<string, Command>()
  for (const c of commands)
    if (c.item === item && (c.action === 'attest' || c.action === 'revoke'))
      latest.set(c.login.toLowerCase(), c)
  return [...latest.values()]
}
