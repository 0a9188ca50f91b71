import * as core from '@actions/core'
import type { Mode } from './gate/types.js'
import { UsageError } from './errors.js'

export interface Inputs {
  checklist: string
  token: string
  mode: Mode
  comment: 'always' | 'on-failure' | 'never'
  /** empty: no commit status */
  statusContext: string
  policyRef: 'base' | 'head'
  policyOwner: string
  /** a protected branch to read the policy from; empty: the default branch */
  policyBranch: string
  report: string
  sarif: string
  junit: string
  workingDirectory: string
  /** pending: @-mention the people the gate waits for; none: name them without notifying */
  mention: 'none' | 'pending'
  /** where to write the evidence statement (section 11); empty: none */
  evidence: string
  /** globs of release artifacts for the evidence's subjects */
  subjects: string[]
  /** merge mode: globs of JSON reports of other gates (a monorepo's job matrix) to join into one verdict */
  merge: string[]
  /** the stage to gate; empty: the checklist's first */
  stage: string
}

function choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = core.getInput(name).trim() || fallback
  if (!allowed.includes(value as T))
    throw new UsageError(`input '${name}' must be ${allowed.join(' or ')}, not '${value}'`)
  return value as T
}

/** The only reader of the action's inputs. */
export function readInputs(): Inputs {
  const token = core.getInput('github-token')
  if (token) core.setSecret(token)
  return {
    checklist: core.getInput('checklist').trim() || '.github/go-live.yml',
    token,
    mode: choice('mode', ['enforce', 'report'] as const, 'enforce'),
    comment: choice('comment', ['always', 'on-failure', 'never'] as const, 'always'),
    statusContext:
      process.env['INPUT_STATUS-CONTEXT'] === undefined ? 'go-live' : core.getInput('status-context').trim(),
    policyRef: choice('policy-ref', ['base', 'head'] as const, 'base'),
    policyOwner: core.getInput('policy-owner').trim() || 'release-manager',
    policyBranch: core.getInput('policy-branch').trim(),
    report: core.getInput('report').trim(),
    sarif: core.getInput('sarif').trim(),
    workingDirectory: core.getInput('working-directory').trim() || '.',
    mention: choice('mention', ['none', 'pending'] as const, 'none'),
    evidence: core.getInput('evidence').trim(),
    subjects: core
      .getMultilineInput('subjects')
      .map(s => s.trim())
      .filter(Boolean),
    merge: core
      .getMultilineInput('merge')
      .map(s => s.trim())
      .filter(Boolean),
    junit: core.getInput('junit').trim(),
    stage: core.getInput('stage').trim()
  }
}
