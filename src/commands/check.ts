import path from 'node:path'
import type { GateEvent } from '../event.js'
import type { Mode } from '../gate/types.js'
import { GITHUB_KINDS } from '../gate/tree.js'
import { writeOutput } from './output.js'
import { judge, prepare, type PipelineInputs } from '../pipeline.js'
import { toJsonReport } from '../report/json.js'
import { renderMarkdown } from '../report/markdown.js'
import { renderTerminal } from '../report/terminal.js'
import { VERSION } from '../version.js'

export interface CheckCommandOptions {
  root: string
  /** where output files are resolved (the shell's directory) */
  cwd: string
  checklist: string
  /** the stage to gate (default: the checklist's first) */
  stage?: string
  mode: Mode
  json?: string
  markdown?: string
  sarif?: string
  junit?: string
  evidence?: string
  subjects?: string[]
  /** owner/name of the repository of `pr` (default GITHUB_REPOSITORY) */
  repo?: string
  /** a pull request to gate, read-only, as the action would */
  pr?: number
  /** the local event (git), asked for before this code loaded */
  localEvent?: Promise<GateEvent>
  env: NodeJS.ProcessEnv
  stdout: (s: string) => void
  stderr: (s: string) => void
  color: boolean
}

const inside = (dir: string, p: string) => p === dir || p.startsWith(dir + path.sep)

/**
 * The CLI: the action's pipeline with inputs from the command line and the environment, output to the
 * terminal and files, and nothing published (no comment, no status).
 */
export async function checkCommand(o: CheckCommandOptions): Promise<number> {
  // a report path that cannot be written is refused before the gate runs
  if (o.junit && o.junit !== '-')
    await (
      await import('../report/write-file.js')
    ).checkReportFile(o.cwd, o.junit, [o.cwd, o.root], '--junit')
  // inside Actions the repository is checked out at GITHUB_WORKSPACE: the policy path is relative to it
  const ws =
    o.env.GITHUB_EVENT_NAME && o.env.GITHUB_WORKSPACE ? path.resolve(o.env.GITHUB_WORKSPACE) : undefined
  const workspaceRoot = ws && inside(ws, o.root) ? ws : o.root
  const inputs: PipelineInputs = {
    env: o.env,
    workspaceRoot,
    workingDirectory: path.relative(workspaceRoot, o.root).split(path.sep).join('/') || '.',
    checklist: o.checklist,
    token: o.env.GITHUB_TOKEN || undefined,
    repository: o.repo ?? (o.env.GITHUB_REPOSITORY || undefined),
    statusContext: 'go-live',
    policyRef: 'base',
    policyBranch: '',
    policyOwner: 'release-manager',
    pr: o.pr,
    stage: o.stage,
    // only where prepare() would ask git itself: outside Actions, no --pr, in the checklist's root
    localEvent: o.pr === undefined && !o.env.GITHUB_EVENT_NAME && ws === undefined ? o.localEvent : undefined,
    warn: m => o.stderr(`warning: ${m}\n`),
    info: () => {}
  }
  const run = await judge(inputs, await prepare(inputs))
  const { result } = run

  const write = (file: string, content: string) => writeOutput(o.cwd, file, content, o.stdout)
  let terminal = renderTerminal(result, { color: o.color, mode: o.mode, roles: run.checklist.roles })
  if (!run.github) {
    // without a token the GitHub-backed items cannot be judged here: say so once, and how to
    const n = result.items.filter(
      i => GITHUB_KINDS.has(i.check) && i.status !== 'pass' && i.status !== 'skipped'
    ).length
    if (n > 0)
      terminal += `${n === 1 ? '1 item needs' : `${n} items need`} GitHub: run with --pr N and GITHUB_TOKEN${inputs.repository ? '' : ' (and --repo OWNER/NAME)'}\n`
  }
  // With the JSON on standard output, the terminal report moves to standard error.
  if (o.json === '-' || o.markdown === '-' || o.sarif === '-' || o.junit === '-') o.stderr(terminal)
  else o.stdout(terminal)
  if (o.json) await write(o.json, JSON.stringify(toJsonReport(result), null, 2) + '\n')
  if (o.markdown)
    await write(
      o.markdown,
      renderMarkdown(result, { mode: o.mode, preamble: run.preamble, roles: run.checklist.roles })
    )
  if (o.sarif) {
    const { toSarif } = await import('../report/sarif.js')
    await write(o.sarif, JSON.stringify(toSarif(result, { toolVersion: VERSION }), null, 2) + '\n')
  }
  if (o.junit) {
    const { toJunit } = await import('../report/junit.js')
    if (o.junit === '-') o.stdout(toJunit(result))
    else {
      const { writeReportFile } = await import('../report/write-file.js')
      await writeReportFile(o.cwd, o.junit, toJunit(result), [o.cwd, o.root], '--junit')
    }
  }
  if (o.evidence) {
    const { buildEvidence } = await import('../report/evidence.js')
    const { hashSubjects } = await import('./subjects.js')
    const { Workspace } = await import('../workspace.js')
    const statement = buildEvidence({
      result,
      version: VERSION,
      checklist: {
        path: o.checklist,
        ref: run.policy.sha ?? run.event.ref ?? run.event.branch ?? run.event.sha,
        text: run.policy.text
      },
      stage: result.stage,
      event: run.event,
      subjects: await hashSubjects(new Workspace(o.root), o.subjects ?? []),
      now: new Date()
    })
    await write(o.evidence, JSON.stringify(statement, null, 2) + '\n')
  }
  if (o.mode === 'report') return 0
  return result.verdict === 'pass' ? 0 : 1
}
