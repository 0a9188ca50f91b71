import { latestRuns, type WorkflowRun } from '../../github/reads.js'
import type { GitHubClient } from '../../github/types.js'
import { requireGitHub } from '../github.js'
import type { Check } from '../types.js'
import { durationMs } from '../../duration.js'
import type { WorkflowOptions } from './options.gen.js'

export type { WorkflowOptions }

/**
 * Events whose runs this repository started itself, from its own code: a `pull_request` run (a fork's
 * branch may be called `main` too) or a run in another repository says nothing about this one.
 */
export const TRUSTED_EVENTS = new Set([
  'push',
  'schedule',
  'workflow_dispatch',
  'release',
  'repository_dispatch',
  'deployment',
  'merge_group'
])

function trusted(run: WorkflowRun, gh: GitHubClient): boolean {
  const home = `${gh.owner}/${gh.repo}`.toLowerCase()
  return run.head_repository?.full_name?.toLowerCase() === home && TRUSTED_EVENTS.has(run.event ?? '')
}

function age(ms: number): string {
  const h = ms / 3_600_000
  return h < 48 ? `${Math.max(0, Math.round(h))}h` : `${Math.round(h / 24)}d`
}

/** The latest completed run of a workflow file (on a branch) concluded as asked, recently enough. */
export const check: Check<WorkflowOptions> = async (options, _item, ctx) => {
  const gh = requireGitHub(ctx, 'workflow')
  const where = `${options.workflow}${options.branch ? ` on ${options.branch}` : ''}`
  const runs = await latestRuns(gh, options.workflow, options.branch)
  const run = runs.find(r => trusted(r, gh))
  const foreign = runs.filter(r => r !== run && !trusted(r, gh)).length
  if (!run)
    return {
      status: 'fail',
      summary:
        `${where} has no completed run from this repository on a trusted event (${[...TRUSTED_EVENTS].join(', ')})` +
        `${foreign ? `; ${foreign} run(s) from forks or pull requests do not count` : ''}: run it` +
        `${options.within ? ` (needed within ${options.within})` : ''}`,
      details: {}
    }
  const details = {
    run: { id: run.id, conclusion: run.conclusion, createdAt: run.created_at, url: run.html_url }
  }
  const old = ctx.now().getTime() - new Date(run.created_at).getTime()
  const wanted = options.conclusion
  if (run.conclusion !== wanted)
    return {
      status: 'fail',
      summary: `latest run of ${where} (${age(old)} ago) concluded ${run.conclusion ?? 'without a conclusion'}, not ${wanted}: ${run.html_url}`,
      details
    }
  if (options.within && old > durationMs(options.within))
    return {
      status: 'fail',
      summary: `latest run of ${where} is ${age(old)} old, more than ${options.within}: run it again`,
      details
    }
  return { status: 'pass', summary: `${where} ${wanted} ${age(old)} ago: ${run.html_url}`, details }
}
