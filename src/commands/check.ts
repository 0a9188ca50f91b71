import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseChecklist } from '../checklist/load.js'
import type { GateEvent } from '../checks/types.js'
import { runGate } from '../gate/run.js'
import type { Mode } from '../gate/types.js'
import type { GitHubClient } from '../github/types.js'
import { localEvent, readChecklistText, releaseOf } from '../pipeline.js'
import { toJsonReport } from '../report/json.js'
import { renderMarkdown } from '../report/markdown.js'
import { renderTerminal } from '../report/terminal.js'
import { Workspace } from '../workspace.js'
import { VERSION } from '../version.js'

export interface CheckCommandOptions {
  root: string
  /** where output files are resolved (the shell's directory) */
  cwd: string
  checklist: string
  mode: Mode
  json?: string
  markdown?: string
  sarif?: string
  evidence?: string
  subjects?: string[]
  junit?: string
  env: NodeJS.ProcessEnv
  stdout: (s: string) => void
  stderr: (s: string) => void
  color: boolean
}

export async function checkCommand(o: CheckCommandOptions): Promise<number> {
  if (o.junit && o.junit !== '-')
    await (
      await import('../report/write-file.js')
    ).checkReportFile(o.cwd, o.junit, [o.cwd, o.root], '--junit')
  const text = await readChecklistText(o.root, o.checklist)
  let github: GitHubClient | undefined
  if (o.env.GITHUB_TOKEN && o.env.GITHUB_REPOSITORY) {
    const { createGitHubClient } = await import('../github/client.js')
    github = createGitHubClient({
      token: o.env.GITHUB_TOKEN,
      repository: o.env.GITHUB_REPOSITORY,
      apiUrl: o.env.GITHUB_API_URL
    })
  }
  let event: GateEvent
  if (o.env.GITHUB_EVENT_NAME) {
    const { readEventContext } = await import('../github/context.js')
    event = await readEventContext(o.env, github)
  } else event = await localEvent(o.root)

  const checklist = parseChecklist(text, o.checklist, { release: releaseOf(event), root: o.root })
  const result = await runGate(checklist, {
    workspace: new Workspace(o.root),
    event,
    github,
    now: () => new Date()
  })

  const write = async (file: string, content: string) => {
    if (file === '-') return o.stdout(content)
    const target = path.resolve(o.cwd, file)
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(target, content)
  }
  const terminal = renderTerminal(result, { color: o.color, mode: o.mode, roles: checklist.roles })
  // With the JSON on standard output, the terminal report moves to standard error.
  if (o.json === '-' || o.markdown === '-' || o.sarif === '-' || o.junit === '-') o.stderr(terminal)
  else o.stdout(terminal)
  if (o.json) await write(o.json, JSON.stringify(toJsonReport(result), null, 2) + '\n')
  if (o.markdown) await write(o.markdown, renderMarkdown(result, { mode: o.mode, roles: checklist.roles }))
  if (o.sarif) {
    const { toSarif } = await import('../report/sarif.js')
    await write(o.sarif, JSON.stringify(toSarif(result, { toolVersion: VERSION }), null, 2) + '\n')
  }
  if (o.evidence) {
    const { buildEvidence } = await import('../report/evidence.js')
    const { hashSubjects } = await import('./subjects.js')
    const statement = buildEvidence({
      result,
      version: VERSION,
      checklist: { path: o.checklist, ref: event.ref ?? event.branch ?? event.sha, text },
      event,
      subjects: await hashSubjects(new Workspace(o.root), o.subjects ?? []),
      now: new Date()
    })
    await write(o.evidence, JSON.stringify(statement, null, 2) + '\n')
  }
  if (o.junit) {
    const { toJunit } = await import('../report/junit.js')
    if (o.junit === '-') o.stdout(toJunit(result))
    else {
      const { writeReportFile } = await import('../report/write-file.js')
      await writeReportFile(o.cwd, o.junit, toJunit(result), [o.cwd, o.root], '--junit')
    }
  }
  if (o.mode === 'report') return 0
  return result.result === 'pass' ? 0 : 1
}
