import * as core from '@actions/core'
import type { GateEvent } from '../event.js'
import type { GateResult } from '../gate/types.js'
import { apiError, isForbidden } from './api-errors.js'
import { COMMENT_MARKER } from './marker.js'
import { listComments, tokenLogin } from './reads.js'
import type { GitHubClient } from './types.js'

/** GitHub refuses comment bodies over 65,536 characters. */
export const COMMENT_LIMIT = 65_536

export type CommentMode = 'always' | 'on-failure' | 'never'

export interface PublishOptions {
  github: GitHubClient
  event: GateEvent
  result: GateResult
  /** the report as markdown (the job summary) */
  markdown: string
  /** a shorter report, used when `markdown` is over the limit */
  fallback?: string
  comment: CommentMode
  /** commit status name; empty disables the status */
  statusContext: string
  warn?: (message: string) => void
}

export interface Published {
  comment?: { id: number; url: string; action: 'created' | 'updated' }
  status?: { state: StatusState; sha: string }
  /** why comment and status were skipped (fork PR, read-only token), warned once */
  skipped?: string
}

export type StatusState = 'success' | 'failure' | 'pending'

/** success when the gate passes; pending when what holds it back only waits for people or checks. */
export function statusState(result: GateResult): StatusState {
  if (result.verdict === 'pass') return 'success'
  const blocking = result.items.filter(i => i.severity === 'blocking')
  const waiting = blocking.some(i => i.status === 'pending')
  const broken = blocking.some(i => i.status === 'fail' || i.status === 'error')
  return waiting && !broken ? 'pending' : 'failure'
}

function statusDescription(result: GateResult): string {
  const c = result.counts
  const text =
    result.verdict === 'pass'
      ? `go-live checklist passed: ${c.pass} passed, ${c.skipped} skipped${c.waived ? `, ${c.waived} waived` : ''}`
      : `${result.blockingFailures} blocking: ${c.fail} failed, ${c.error} errors, ${c.pending} waiting`
  return text.slice(0, 140)
}

/** The comment body: marker first, under the limit; over it, the fallback or the report cut at a line. */
export function commentBody(markdown: string, fallback: string | undefined, runUrl?: string): string {
  const strip = (text: string) =>
    text.startsWith(COMMENT_MARKER) ? text.slice(COMMENT_MARKER.length).replace(/^\n/, '') : text
  markdown = strip(markdown)
  fallback = fallback === undefined ? undefined : strip(fallback)
  const head = `${COMMENT_MARKER}\n`
  if (head.length + markdown.length <= COMMENT_LIMIT) return head + markdown
  const note = `\n\n_The report is too long for a comment: the full report is in the job summary${runUrl ? ` of ${runUrl}` : ''}._\n`
  if (fallback !== undefined && head.length + fallback.length + note.length <= COMMENT_LIMIT)
    return head + fallback + note
  const room = COMMENT_LIMIT - head.length - note.length - 1
  const text = fallback !== undefined && fallback.length < markdown.length ? fallback : markdown
  return head + cutAtBlock(text, room) + note
}

/**
 * The longest start of the markdown, at most `room` long, that ends between top-level blocks: never inside a
 * fold (an open `<details>` would swallow the note), a code fence or a table. Without such a place, the
 * start up to the last line break.
 */
function cutAtBlock(text: string, room: number): string {
  let depth = 0
  let fence = ''
  let best = -1
  let at = 0
  for (const line of text.split('\n')) {
    const end = at + line.length
    if (end > room) break
    const ticks = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (fence) {
      if (ticks && ticks[0] === fence[0] && ticks.length >= fence.length && line.trim() === ticks) fence = ''
    } else if (ticks) fence = ticks
    else {
      depth += (line.match(/<details[\s>]/gi) ?? []).length - (line.match(/<\/details>/gi) ?? []).length
      if (depth === 0 && line.trim() === '') best = at
    }
    at = end + 1
  }
  if (best > 0) return text.slice(0, best).trimEnd()
  const cut = text.slice(0, room)
  const atLine = cut.lastIndexOf('\n')
  return atLine > 0 ? cut.slice(0, atLine) : cut
}

/** Writes the commit status; a refusal or failure is returned as a message, never thrown. */
async function writeStatus(
  o: Pick<PublishOptions, 'github' | 'event' | 'statusContext'>,
  state: StatusState,
  description: string,
  out: Published
): Promise<string | undefined> {
  const sha = o.event.sha ?? o.event.pr?.headSha
  if (!o.statusContext || !sha) return undefined
  try {
    await o.github.octokit.rest.repos.createCommitStatus({
      owner: o.github.owner,
      repo: o.github.repo,
      sha,
      state,
      context: o.statusContext,
      description: description.slice(0, 140),
      ...(o.event.runUrl ? { target_url: o.event.runUrl } : {})
    })
    out.status = { state, sha }
    return undefined
  } catch (e) {
    const why = apiError(e, 'write the commit status', 'statuses: write')
    return isForbidden(e)
      ? `the token cannot write to this repository: ${why.message}; no commit status (the verdict still holds)`
      : `${why.message} (the verdict still holds)`
  }
}

function forkSkip(o: Pick<PublishOptions, 'event'>): string | undefined {
  const pr = o.event.pr
  if (
    pr?.fork &&
    ['pull_request', 'pull_request_review', 'pull_request_review_comment'].includes(o.event.name)
  )
    return `PR #${pr.number} comes from a fork, whose token cannot write: no PR comment and no commit status (the verdict still holds)`
  return undefined
}

/**
 * A run that ended in an error (a broken checklist, an unreadable policy) still says so on the commit:
 * `failure`, so that an earlier `success` never stays on a commit the gate could not judge.
 */
export async function publishError(
  o: Pick<PublishOptions, 'github' | 'event' | 'statusContext' | 'warn'>,
  message: string
): Promise<Published> {
  const warn = o.warn ?? core.warning
  const out: Published = {}
  const skip = forkSkip(o)
  if (skip) {
    out.skipped = skip
    warn(skip)
    return out
  }
  const problem = await writeStatus(o, 'failure', `go-live gate error: ${message}`, out)
  if (problem) {
    out.skipped = problem
    warn(problem)
  }
  return out
}

/**
 * The commit status, then the sticky PR comment, each on its own: the status is written first so that a
 * comment that cannot be written never leaves an older status standing. A fork PR or a token without
 * write access skips both with one warning: the verdict (the step's exit) is untouched by what
 * publishing can or cannot do. Only the gate's own comment (marker and author: the token's login) is
 * ever edited.
 */
export async function publish(o: PublishOptions): Promise<Published> {
  const warn = o.warn ?? core.warning
  const out: Published = {}
  const pr = o.event.pr
  const skip = forkSkip(o)
  if (skip) {
    out.skipped = skip
    warn(skip)
    return out
  }
  const problems: string[] = []
  const statusProblem = await writeStatus(o, statusState(o.result), statusDescription(o.result), out)
  if (statusProblem) problems.push(statusProblem)

  const wantComment =
    pr && (o.comment === 'always' || (o.comment === 'on-failure' && o.result.verdict === 'fail'))
  if (pr && o.comment !== 'never') {
    try {
      const me = (await tokenLogin(o.github)).toLowerCase()
      // the list the attestations were read from serves here too (one request less per run)
      const existing = (await listComments(o.github, pr.number)).find(
        c => c.body?.includes(COMMENT_MARKER) && c.user?.login?.toLowerCase() === me
      )
      const body = commentBody(o.markdown, o.fallback, o.event.runUrl)
      const repo = { owner: o.github.owner, repo: o.github.repo }
      // on-failure: a passing gate still updates a comment that once showed a failure
      if (existing) {
        const { data } = await o.github.octokit.rest.issues.updateComment({
          ...repo,
          comment_id: existing.id,
          body
        })
        out.comment = { id: data.id, url: data.html_url, action: 'updated' }
      } else if (wantComment) {
        const { data } = await o.github.octokit.rest.issues.createComment({
          ...repo,
          issue_number: pr.number,
          body
        })
        out.comment = { id: data.id, url: data.html_url, action: 'created' }
      }
    } catch (e) {
      const why = apiError(e, 'publish the PR comment', 'pull-requests: write')
      problems.push(
        isForbidden(e)
          ? `the token cannot write to this repository: ${why.message}; no PR comment (the verdict still holds)`
          : `${why.message} (the verdict still holds)`
      )
    }
  }
  if (problems.length) {
    // one warning for a token that can write nothing at all, as before
    out.skipped = problems.join('; ')
    warn(out.skipped)
  }
  return out
}
