import { durationMs } from '../../duration.js'
import { CheckError } from '../../errors.js'
import { forget, listCheckRuns, listStatuses } from '../../github/reads.js'
import type { GitHubClient } from '../../github/types.js'
import { requireGitHub } from '../github.js'
import type { Check, CheckContext } from '../types.js'
import { sleep } from '../../sleep.js'
import type { CiStatusOptions } from './options.gen.js'
import { byName } from '../../text.js'

export type { CiStatusOptions }

export interface CiCheck {
  name: string
  /** `queued`, `in_progress`, `completed` (a commit status that is pending is `in_progress`) */
  status: string
  conclusion: string | null
}

const GREEN = new Set(['success', 'neutral', 'skipped'])

/** Check runs and commit statuses of a commit, as one list, without the gate's own job and status. */
async function readChecks(gh: GitHubClient, sha: string, ctx: CheckContext): Promise<CiCheck[]> {
  const [runs, statuses] = await Promise.all([
    listCheckRuns(gh, sha, ctx.signal),
    listStatuses(gh, sha, ctx.signal)
  ])
  const job = ctx.event.job
  const own = (name: string) => Boolean(job && (name === job || name.startsWith(`${job} (`)))
  // A re-run leaves several runs of one name in one check suite: the newest of that suite speaks. Runs of
  // the same name from another suite or app (another workflow, a look-alike app) are checks of their
  // own: each must be green, so a later passing look-alike cannot hide a failing run.
  const bySource = new Map<string, CiCheck & { id: number }>()
  for (const run of runs) {
    if (own(run.name)) continue
    const key = `${run.app?.id ?? '?'}\u0000${run.check_suite?.id ?? '?'}\u0000${run.name}`
    const seen = bySource.get(key)
    if (!seen || run.id > seen.id)
      bySource.set(key, { id: run.id, name: run.name, status: run.status, conclusion: run.conclusion })
  }
  const checks: CiCheck[] = [...bySource.values()].map(({ name, status, conclusion }) => ({
    name,
    status,
    conclusion
  }))
  for (const s of statuses) {
    if (s.context === ctx.event.statusContext) continue
    checks.push(
      s.state === 'pending'
        ? { name: s.context, status: 'in_progress', conclusion: null }
        : { name: s.context, status: 'completed', conclusion: s.state === 'success' ? 'success' : 'failure' }
    )
  }
  return checks.sort((a, b) => byName(a.name, b.name))
}

interface Judgement {
  failed: CiCheck[]
  running: CiCheck[]
  missing: string[]
  considered: CiCheck[]
}

function judge(checks: CiCheck[], require: string[] | undefined): Judgement {
  const considered = require ? checks.filter(c => require.includes(c.name)) : checks
  const missing = require ? require.filter(name => !checks.some(c => c.name === name)) : []
  return {
    considered,
    missing,
    failed: considered.filter(c => c.status === 'completed' && !GREEN.has(c.conclusion ?? '')),
    running: considered.filter(c => c.status !== 'completed')
  }
}

const list = (checks: CiCheck[]) => checks.map(c => c.name).join(', ')

/** The other CI checks on the head commit are green; with `wait`, pending ones are awaited with back-off. */
export const check: Check<CiStatusOptions> = async (options, _item, ctx) => {
  const gh = requireGitHub(ctx, 'ci-status')
  const sha = ctx.event.sha ?? ctx.event.pr?.headSha
  if (!sha) throw new CheckError('no commit to look at: GITHUB_SHA is not set')
  const require =
    options.require === undefined
      ? undefined
      : Array.isArray(options.require)
        ? options.require
        : [options.require]
  const deadline = ctx.now().getTime() + durationMs(options.wait)

  let checks = await readChecks(gh, sha, ctx)
  let j = judge(checks, require)
  // Back-off: 2 s, 4 s, 8 s ... at most 30 s between polls, never past the deadline.
  for (let delay = 2000; ; delay = Math.min(delay * 2, 30_000)) {
    const waiting =
      j.failed.length === 0 && (j.running.length > 0 || j.missing.length > 0 || checks.length === 0)
    const left = deadline - ctx.now().getTime()
    if (!waiting || left <= 0) break
    await (ctx.sleep ?? sleep)(Math.min(delay, left), ctx.signal)
    if (ctx.signal.aborted)
      throw new CheckError('timed out while waiting for checks: raise the item timeout above wait')
    forget(gh, `checks:${sha}`)
    forget(gh, `statuses:${sha}`)
    checks = await readChecks(gh, sha, ctx)
    j = judge(checks, require)
  }

  const details = { checks: j.considered, ...(j.missing.length ? { missing: j.missing } : {}) }
  const at = sha.slice(0, 7)
  if (j.failed.length)
    return {
      status: 'fail',
      summary: `${j.failed.length} check(s) on ${at} not green: ${j.failed.map(c => `${c.name} (${c.conclusion})`).join(', ')}`,
      details
    }
  if (j.missing.length || j.running.length) {
    const parts = [
      j.running.length ? `${j.running.length} still running (${list(j.running)})` : '',
      j.missing.length ? `not reported yet: ${j.missing.join(', ')}` : ''
    ].filter(Boolean)
    return { status: 'pending', summary: `checks on ${at}: ${parts.join('; ')}`, details }
  }
  if (j.considered.length === 0)
    return {
      status: 'pending',
      summary: `no other check has reported on ${at} yet: set wait, or name the checks under require`,
      details
    }
  return { status: 'pass', summary: `${j.considered.length} check(s) on ${at} green`, details }
}
