import path from 'node:path'
import { parseChecklist } from './checklist/load.js'
import type { Checklist } from './checklist/types.js'
import type { GateEvent } from './event.js'
import { UsageError } from './errors.js'
import { runGate } from './gate/run.js'
import { resolveStage, statusContextFor } from './gate/stage.js'
import { treeProblem } from './gate/tree.js'
import type { GateResult } from './gate/types.js'
import { sandboxedTools } from './audit-sandbox.js'
import { gitPort } from './git.js'
import { localEvent } from './local-event.js'
import type { Policy } from './github/policy.js'
import type { GitHubClient } from './github/types.js'
import { Workspace } from './workspace.js'
import { readChecklistText } from './checklist/read.js'
import { useRegexBudget } from './checklist/regex-safety.js'
export { MissingChecklistError, readChecklistText } from './checklist/read.js'

/** The release being gated when the checklist names none: the tag, else the branch, else the commit. */
export function releaseOf(event: GateEvent): string | undefined {
  return event.tag ?? event.pr?.headRef ?? event.branch ?? event.sha?.slice(0, 7)
}

/** Where the action and the CLI differ on the way in: everything else is the same pipeline. */
export interface PipelineInputs {
  env: NodeJS.ProcessEnv
  /** the folder the repository is checked out in (GITHUB_WORKSPACE; the CLI's --cwd) */
  workspaceRoot: string
  /** the checklist's root, relative to workspaceRoot */
  workingDirectory: string
  checklist: string
  token?: string
  /** owner/name */
  repository?: string
  /** commit status the gate publishes (left out of ci-status); empty: none */
  statusContext: string
  policyRef: 'base' | 'head'
  policyBranch: string
  policyOwner: string
  /** gate this pull request (the CLI's --pr), read-only */
  pr?: number
  /** the stage to gate (CLI --stage, input stage); empty: the checklist's first */
  stage?: string
  /** outside Actions: the event from git, if the caller asked for it early (the CLI, while its code loads) */
  localEvent?: Promise<GateEvent>
  warn: (message: string) => void
  info: (message: string) => void
}

/** The first half: who to ask (GitHub) and what is gated (the event). */
export interface Prepared {
  github?: GitHubClient
  event: GateEvent
  /** absolute checklist root */
  root: string
  /** outside Actions: the checklist's text, read while git was asked for the event */
  localText?: Promise<string>
}

/** The whole run: the policy, the checklist the gate judged by, and the verdict. */
export interface PipelineRun extends Prepared {
  policy: Policy
  checklist: Checklist
  /** the change of policy, shown above the report */
  preamble?: string
  result: GateResult
  /** the commit status this run publishes: go-live, go-live/STAGE for later stages, or the input's; '' none */
  statusContext: string
}

/** inputs -> GitHub client -> event. */
export async function prepare(i: PipelineInputs): Promise<Prepared> {
  const badBudget = useRegexBudget(i.env)
  if (badBudget) throw new UsageError(badBudget)
  const root = path.resolve(i.workspaceRoot, i.workingDirectory)
  const local = i.pr === undefined && !i.env.GITHUB_EVENT_NAME
  // what the run needs next starts at once, while the GitHub client loads: git for a local event, the
  // local checklist's text (the policy outside Actions), the code of the later steps
  const policyCode = import('./github/policy.js')
  const contextCode = local ? undefined : import('./github/context.js')
  const localGit = local ? (i.localEvent ?? localEvent(root)) : undefined
  const localText = local ? readChecklistText(root, i.checklist) : undefined
  // each is awaited (and its failure reported) where it is used
  for (const started of [policyCode, contextCode, localText]) started?.catch(() => {})
  let github: GitHubClient | undefined
  if (i.token && i.repository) {
    const { createGitHubClient } = await import('./github/client.js')
    github = createGitHubClient({
      token: i.token,
      repository: i.repository,
      apiUrl: i.env.GITHUB_API_URL,
      warn: i.warn
    })
  }
  let event: GateEvent
  if (i.pr !== undefined) {
    if (!github) throw new UsageError('--pr needs GITHUB_TOKEN and the repository (--repo OWNER/NAME)')
    const { pullRequestEvent } = await contextCode!
    event = await pullRequestEvent(github, i.pr)
  } else if (!local) {
    const { readEventContext } = await contextCode!
    event = await readEventContext(i.env, github)
  } else event = await localGit!
  event.statusContext = i.statusContext || undefined
  return { github, event, root, localText }
}

/** event -> policy -> checklist -> gate. */
export async function judge(i: PipelineInputs, p: Prepared): Promise<PipelineRun> {
  const { github, event, root } = p
  const { readPolicy, policyContext, policyItem, policyPreamble, withPolicyItem } =
    await import('./github/policy.js')
  // The checklist comes from the default branch (or input policy-branch), read as a blob; a change to it
  // or to a workflow running the gate needs the policy owner's sign-off (docs/security.md).
  const repoPath = (rel: string) => path.posix.normalize(path.posix.join(i.workingDirectory, rel))
  const policy = await readPolicy({
    github,
    event,
    workspace: new Workspace(i.workspaceRoot),
    path: repoPath(i.checklist),
    policyRef: i.policyRef,
    policyBranch: i.policyBranch,
    gateWords: ['go-live', i.statusContext, i.env.GITHUB_ACTION_REPOSITORY ?? ''],
    readLocal: () => p.localText ?? readChecklistText(root, i.checklist)
  })
  let checklist = parseChecklist(policy.text, i.checklist, { release: releaseOf(event) })
  let preamble: string | undefined
  if (policy.change) {
    preamble = policyPreamble(policy.change, i.checklist, i.policyOwner)
    checklist = withPolicyItem(checklist, policyItem(policy.change, i.checklist, i.policyOwner))
    i.info(
      `This change touches the gate's policy (${policy.change.files.map(f => f.path).join(', ')}); the gate uses the ${policy.branch ?? 'default'} branch's checklist.\n${policy.change.diff}`
    )
  }
  // the stage decides the commit status (go-live, go-live/post-deploy), which ci-status leaves out
  const stage = resolveStage(checklist, i.stage)
  const statusContext = statusContextFor(i.statusContext, checklist, stage)
  event.statusContext = statusContext || undefined
  const git = gitPort(root)
  const result = await runGate(
    checklist,
    {
      workspace: new Workspace(root),
      // the effects a kind may reach, each behind its port (src/checks/types.ts)
      git,
      tools: sandboxedTools(),
      event,
      github,
      env: i.env,
      now: () => new Date(),
      treeProblem: await treeProblem({
        git,
        event,
        githubSha: i.env.GITHUB_SHA,
        cli: i.env.GITHUB_ACTIONS !== 'true'
      }),
      policy: policyContext({
        policy,
        checklist,
        event,
        github,
        workspace: new Workspace(root),
        owner: i.policyOwner,
        repoPath
      })
    },
    { stage, policyOwner: i.policyOwner }
  )
  return { ...p, policy, checklist, preamble, result, statusContext }
}
