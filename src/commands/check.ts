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
  env: NodeJS.ProcessEnv
  stdout: (s: string) => void
  stderr: (s: string) => void
  color: boolean
}

export async function checkCommand(o: CheckCommandOptions): Promise<number> {
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
  const result = await runGate(
    checklist,
    { workspace: new Workspace(o.root), event, github, now: () => new Date(), env: o.env },
    { stage: o.stage }
  )

  const write = async (file: string, content: string) => {
    if (file === '-') return o.stdout(content)
    const target = path.resolve(o.cwd, file)
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(target, content)
  }
  const terminal = renderTerminal(result, { color: o.color })
  // With the JSON on standard output, the terminal report moves to standard error.
  if (o.json === '-' || o.markdown === '-' || o.sarif === '-') o.stderr(terminal)
  else o.stdout(terminal)
  if (o.json) await write(o.json, JSON.stringify(toJsonReport(result), null, 2) + '\n')
  if (o.markdown) await write(o.markdown, renderMarkdown(result, { mode: o.mode }))
  if (o.sarif) {
    const { toSarif } = await import('../report/sarif.js')
    await write(o.sarif, JSON.stringify(toSarif(result, { toolVersion: '0.1.0' }), null, 2) + '\n')
  }
  if (o.mode === 'report') return 0
  return result.result === 'pass' ? 0 : 1
}
