import { latestRun } from '../../github/reads.js'
import { durationMs } from '../../duration.js'
import { requireGitHub } from '../github.js'
import type { Check } from '../types.js'

export interface WorkflowOptions {
  workflow: string
  branch?: string
  within?: string
  conclusion: string
}

function age(ms: number): string {
  const h = ms / 3_600_000
  return h < 48 ? `${Math.max(0, Math.round(h))}h` : `${Math.round(h / 24)}d`
}

/** The latest completed run of a workflow file (on a branch) concluded as asked, recently enough. */
export const check: Check<WorkflowOptions> = async (options, _item, ctx) => {
  const gh = requireGitHub(ctx, 'workflow')
  const where = `${options.workflow}${options.branch ? ` on ${options.branch}` : ''}`
  const run = await latestRun(gh, options.workflow, options.branch)
  if (!run)
    return {
      status: 'fail',
      summary: `${where} has no completed run: run it${options.within ? ` (needed within ${options.within})` : ''}`,
      details: {}
    }
  const details = {
    run: { id: run.id, conclusion: run.conclusion, createdAt: run.created_at, url: run.html_url }
  }
  const old = ctx.now().getTime() - new Date(run.created_at).getTime()
  const wanted = options.conclusion ?? 'success'
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
