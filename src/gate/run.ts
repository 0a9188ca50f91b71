import { setTimeout as wait } from 'node:timers/promises'
import { pathOptions } from '../checklist/path-options.js'
import type { Checklist, Item } from '../checklist/types.js'
import { loadCheck } from '../checks/registry.js'
import type { CheckContext, Outcome } from '../checks/types.js'
import { CheckError, errorMessage } from '../errors.js'
import { cleanDeep, cleanLine } from '../report/sanitize.js'
import type { GateResult, ItemResult } from './types.js'
import { readsTree } from './tree.js'
import { resolveStage, stageSkipReason } from './stage.js'
import { verdict } from './verdict.js'
import { applyWaivers } from './waivers.js'
import { skipReason } from './when.js'
import { oneLine } from '../text.js'

export type GateContext = Omit<CheckContext, 'signal' | 'checklist'>

export interface RunOptions {
  /** items run at once */
  concurrency?: number
  /** role whose members may waive any item (input policy-owner; default release-manager) */
  policyOwner?: string
  /** the stage gated (default: the checklist's first); items of other stages are skipped */
  stage?: string
}

const OUTCOME_STATUSES = new Set(['pass', 'fail', 'pending', 'error'])

/** Runs every item of the checklist and returns the verdict. Never throws for an item: it becomes `error`. */
export async function runGate(
  checklist: Checklist,
  base: GateContext,
  options: RunOptions = {}
): Promise<GateResult> {
  const stage = resolveStage(checklist, options.stage)
  const context: GateContext = { sleep: defaultSleep, ...base }
  const items = checklist.items
  const results: ItemResult[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await runItem(items[i], checklist, context, stage)
    }
  }
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 8, items.length))
  await Promise.all(Array.from({ length: concurrency }, worker))
  const judged = await applyWaivers(results, {
    checklist,
    event: base.event,
    github: base.github,
    policy: base.policy,
    policyOwner: options.policyOwner ?? base.policy?.owner ?? 'release-manager',
    now: base.now
  })
  const result = verdict(
    cleanDeep({ name: checklist.name, path: checklist.path, release: checklist.release }),
    // waivers bring text from comments: cleaned like everything else
    judged.map((r, i) =>
      r === results[i] ? r : { ...r, summary: oneLine(cleanLine(r.summary)), details: cleanDeep(r.details) }
    )
  )
  return { ...result, stage }
}

/** Waits without holding the process once the item is given up. */
function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return wait(ms, undefined, { signal }).catch(() => undefined)
}

async function runItem(
  item: Item,
  checklist: Checklist,
  base: GateContext,
  stage: string
): Promise<ItemResult> {
  const started = performance.now()
  const skipped = stageSkipReason(item, stage) ?? skipReason(item.when, base.event)
  const outcome: Outcome | { status: 'skipped'; summary: string } = skipped
    ? { status: 'skipped', summary: `skipped: ${skipped}` }
    : base.treeProblem && readsTree(item.check)
      ? { status: 'error', summary: base.treeProblem }
      : ((await linkProblem(item, base)) ?? (await evaluate(item, checklist, base)))
  // Every output (log, summary, comment, JSON, SARIF) is rendered from this result: clean it once, here.
  return {
    id: cleanLine(item.id),
    section: cleanLine(item.section),
    title: cleanLine(item.title),
    check: item.check,
    severity: item.severity,
    status: outcome.status,
    summary: oneLine(cleanLine(outcome.summary)),
    details: cleanDeep(('details' in outcome && outcome.details) || {}),
    annotations: cleanDeep(('annotations' in outcome && outcome.annotations) || []),
    durationMs: Math.round(performance.now() - started),
    item
  }
}

/** A path the item names that leads through a symlink out of the repository: the item is not judged. */
async function linkProblem(item: Item, base: GateContext): Promise<Outcome | undefined> {
  for (const { value } of pathOptions(item.check, item.with)) {
    const problem = await base.workspace.linkProblem(value)
    if (problem)
      return {
        status: 'error',
        summary: `${problem}: name a path inside the repository (the gate never follows a link out of it)`
      }
  }
  return undefined
}

async function evaluate(item: Item, checklist: Checklist, base: GateContext): Promise<Outcome> {
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<Outcome>(resolve => {
    timer = setTimeout(() => {
      controller.abort(new CheckError(`timed out after ${item.timeout}s`))
      resolve({
        status: 'error',
        summary: `timed out after ${item.timeout}s: raise the item's timeout or make the check faster`
      })
    }, item.timeout * 1000)
  })
  try {
    const check = await loadCheck(item.check)
    const run = check(item.with, item, { ...base, checklist, signal: controller.signal })
    const outcome = await Promise.race([run, timeout])
    return sane(outcome)
  } catch (e) {
    const details = e instanceof CheckError && e.details ? e.details : {}
    const message = e instanceof CheckError ? errorMessage(e) : `internal error: ${errorMessage(e)}`
    return { status: 'error', summary: message, details }
  } finally {
    clearTimeout(timer)
  }
}

/** A check that returns something malformed must not pass by accident. */
function sane(outcome: Outcome): Outcome {
  if (!outcome || !OUTCOME_STATUSES.has(outcome.status))
    return { status: 'error', summary: `internal error: the check returned no valid status` }
  if (typeof outcome.summary !== 'string' || outcome.summary.trim() === '')
    return { ...outcome, summary: outcome.status }
  return outcome
}
