import * as core from '@actions/core'
import type { GateEvent } from '../event.js'
import type { GateResult } from '../gate/types.js'
import { apiError, isForbidden } from './client.js'
import { COMMENT_MARKER } from './marker.js'
import { listComments } from './reads.js'
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
      ? `go-live checklist passed: ${c.pass} passed, ${c.skipped} skipped`
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
  const cut = text.slice(0, room)
  const atLine = cut.lastIndexOf('\n')
  return head + (atLine > 0 ? cut.slice(0, atLine) : cut) + note
}

/**
 * The sticky PR comment and the commit status. A fork PR or a token without write access skips both
 * with one warning: the verdict (the step's exit) is untouched by what publishing can or cannot do.
 */
export async function publish(o: PublishOptions): Promise<Published> {
  const warn = o.warn ?? core.warning
  const out: Published = {}
  const pr = o.event.pr
  if (
    pr?.fork &&
    ['pull_request', 'pull_request_review', 'pull_request_review_comment'].includes(o.event.name)
  ) {
    out.skipped = `PR #${pr.number} comes from a fork, whose token cannot write: no PR comment and no commit status (the verdict still holds)`
    warn(out.skipped)
    return out
  }
  try {
    const wantComment =
      pr && (o.comment === 'always' || (o.comment === 'on-failure' && o.result.verdict === 'fail'))
    if (pr && o.comment !== 'never') {
      // the list the attestations were read from serves here too (one request less per run)
      const existing = (await listComments(o.github, pr.number)).find(c => c.body?.includes(COMMENT_MARKER))
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
    }
    const sha = o.event.sha ?? pr?.headSha
    if (o.statusContext && sha) {
      const state = statusState(o.result)
      await o.github.octokit.rest.repos.createCommitStatus({
        owner: o.github.owner,
        repo: o.github.repo,
        sha,
        state,
        context: o.statusContext,
        description: statusDescription(o.result),
        ...(o.event.runUrl ? { target_url: o.event.runUrl } : {})
      })
      out.status = { state, sha }
    }
  } catch (e) {
    const why = apiError(
      e,
      'publish the PR comment and commit status',
      'pull-requests: write, statuses: write'
    )
    out.skipped = isForbidden(e)
      ? `the token cannot write to this repository: ${why.message}; no PR comment and no commit status (the verdict still holds)`
      : `${why.message} (the verdict still holds)`
    warn(out.skipped)
  }
  return out
}
