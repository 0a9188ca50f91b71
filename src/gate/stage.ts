import type { Checklist, Item } from '../checklist/types.js'
import { UsageError } from '../errors.js'

/** What a checklist gates when it names no stages (the schema's default, for checklists built in code). */
const IMPLICIT_STAGES = ['pre-release']

export function stagesOf(checklist: Pick<Checklist, 'stages'>): string[] {
  return checklist.stages?.length ? checklist.stages : IMPLICIT_STAGES
}

/** The stage a run gates: the one asked for (CLI --stage, input `stage`), else the first. */
export function resolveStage(checklist: Pick<Checklist, 'stages'>, requested?: string): string {
  const stages = stagesOf(checklist)
  if (requested === undefined || requested === '') return stages[0]
  if (!stages.includes(requested)) {
    const shown = requested.replace(/[^\x20-\x7e]/g, '?').slice(0, 100)
    throw new UsageError(`unknown stage '${shown}': the checklist's stages are ${stages.join(', ')}`)
  }
  return requested
}

/** Why an item of another stage does not run in this one (`stage post-deploy`), or undefined. */
export function stageSkipReason(item: Pick<Item, 'stage'>, stage: string): string | undefined {
  return item.stage !== undefined && item.stage !== stage ? `stage ${item.stage}` : undefined
}

/**
 * The commit status of a run: `go-live` for the first stage and `go-live/NAME` for the others. The input's
 * default (`go-live`) follows the stage; any other value is used as it is; empty disables the status.
 */
export function statusContextFor(input: string, checklist: Pick<Checklist, 'stages'>, stage: string): string {
  if (input !== 'go-live') return input
  return stage === stagesOf(checklist)[0] ? 'go-live' : `go-live/${stage}`
}
