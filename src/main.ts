import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import * as core from '@actions/core'
import { parseChecklist } from './checklist/load.js'
import { ChecklistErrors, errorMessage } from './errors.js'
import { runGate } from './gate/run.js'
import { resolveStage, statusContextFor } from './gate/stage.js'
import type { GateResult } from './gate/types.js'
import { createGitHubClient } from './github/client.js'
import { readEventContext } from './github/context.js'
import { policyItem, policyPreamble, readPolicy, withPolicyItem } from './github/policy.js'
import { publish } from './github/publish.js'
import { readInputs } from './inputs.js'
import { readChecklistText, releaseOf } from './pipeline.js'
import { toJsonReport } from './report/json.js'
import { escapeMarkdown, renderMarkdown } from './report/markdown.js'
import { toSarif } from './report/sarif.js'
import { renderTerminal } from './report/terminal.js'
import { verdictLine } from './report/words.js'
import { Workspace } from './workspace.js'

const MAX_ANNOTATIONS = 50

/** The action: the only caller of core.setFailed. */
export async function run(): Promise<void> {
  const env = process.env
  let summary: string | undefined
  try {
    const inputs = readInputs()
    const workspaceRoot = path.resolve(env.GITHUB_WORKSPACE || process.cwd())
    const root = path.resolve(workspaceRoot, inputs.workingDirectory)
    const github =
      inputs.token && env.GITHUB_REPOSITORY
        ? createGitHubClient({
            token: inputs.token,
            repository: env.GITHUB_REPOSITORY,
            apiUrl: env.GITHUB_API_URL,
            warn: core.warning
          })
        : undefined
    const event = await readEventContext(env, github)

    // On PR events the checklist comes from the base (contract section 5); a change to it needs a sign-off.
    const policy = await readPolicy({
      github,
      event,
      workspace: new Workspace(workspaceRoot),
      path: path.posix.normalize(path.posix.join(inputs.workingDirectory, inputs.checklist)),
      policyRef: inputs.policyRef,
      readLocal: () => readChecklistText(root, inputs.checklist)
    })
    const text = policy.text
    let checklist = parseChecklist(text, inputs.checklist, { release: releaseOf(event), root })
    const preamble = policy.change
      ? policyPreamble(policy.change, inputs.checklist, inputs.policyOwner)
      : undefined
    if (policy.change) {
      checklist = withPolicyItem(checklist, policyItem(policy.change, inputs.checklist, inputs.policyOwner))
      core.info(
        `This PR changes ${inputs.checklist}; the gate uses the base branch's version.\n${policy.change.diff}`
      )
    }
    // The stage decides the commit status (go-live, go-live/post-deploy), which ci-status leaves out.
    const stage = resolveStage(checklist, inputs.stage)
    const statusContext = statusContextFor(inputs.statusContext, checklist, stage)
    event.statusContext = statusContext || undefined
    const result = await runGate(
      checklist,
      { workspace: new Workspace(root), event, github, now: () => new Date(), env },
      { stage }
    )

    core.info(renderTerminal(result, { color: true }))
    summary = renderMarkdown(result, { runUrl: event.runUrl, mode: inputs.mode, preamble })
    annotate(result, inputs.workingDirectory)

    if (inputs.report) {
      const file = path.resolve(workspaceRoot, inputs.report)
      await writeOut(file, JSON.stringify(toJsonReport(result), null, 2) + '\n')
      core.setOutput('report', file)
    }
    if (inputs.sarif)
      await writeOut(
        path.resolve(workspaceRoot, inputs.sarif),
        JSON.stringify(toSarif(result, { toolVersion: '0.1.0' })) + '\n'
      )
    core.setOutput('result', result.result)
    core.setOutput('blocking-failures', String(result.blockingFailures))

    // GitHub publishing
    if (github)
      await publish({
        github,
        event,
        result,
        markdown: renderMarkdown(result, { runUrl: event.runUrl, mode: inputs.mode, preamble, marker: true }),
        fallback: renderMarkdown(result, {
          runUrl: event.runUrl,
          mode: inputs.mode,
          marker: true,
          details: false,
          all: false
        }),
        comment: inputs.comment,
        statusContext,
        warn: core.warning
      })

    if (result.result === 'fail') {
      if (inputs.mode === 'enforce') core.setFailed(verdictLine(result))
      else core.warning(`${verdictLine(result)} (report mode: the step does not fail)`)
    } else core.notice(verdictLine(result))
  } catch (e) {
    core.setOutput('result', 'fail')
    if (e instanceof ChecklistErrors) {
      for (const p of e.problems)
        core.error(p.message, { file: p.file, startLine: p.line, startColumn: p.col, title: 'Checklist' })
      summary = checklistProblems(e)
      const n = e.problems.length
      core.setFailed(
        `the checklist has ${n === 1 ? '1 problem: fix it' : `${n} problems: fix them`} and run again`
      )
    } else {
      summary = `## ❌ Go-live gate failed\n\n${escapeMarkdown(errorMessage(e))}\n`
      core.setFailed(errorMessage(e))
    }
  } finally {
    if (summary) {
      try {
        await core.summary.addRaw(summary).write()
      } catch (e) {
        core.warning(`could not write the job summary: ${errorMessage(e)}`)
      }
    }
  }
}

async function writeOut(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, content)
}

/** Findings at file:line, and one annotation per blocking item not passed. */
function annotate(result: GateResult, workingDirectory: string): void {
  let n = 0
  const prefix = workingDirectory === '.' ? '' : workingDirectory.replace(/\/+$/, '') + '/'
  for (const r of result.items) {
    for (const a of r.annotations) {
      if (n++ >= MAX_ANNOTATIONS) return
      const props = {
        title: `${r.title} (${r.id})`,
        file: prefix + a.file,
        startLine: a.line,
        endLine: a.endLine
      }
      if (a.level === 'error') core.error(a.message, props)
      else if (a.level === 'warning') core.warning(a.message, props)
      else core.notice(a.message, props)
    }
  }
  for (const r of result.items) {
    if (r.status === 'pass' || r.status === 'skipped') continue
    if (n++ >= MAX_ANNOTATIONS) return
    const message = `${r.status}: ${r.summary}`
    if (r.severity === 'blocking' && r.status !== 'pending') core.error(message, { title: r.title })
    else core.warning(message, { title: r.title })
  }
}

function checklistProblems(e: ChecklistErrors): string {
  const lines = e.problems.map(p => `- \`${p.file}:${p.line}:${p.col}\` ${escapeMarkdown(p.message)}`)
  return `## ❌ Go-live gate: the checklist has ${e.problems.length} problem${e.problems.length === 1 ? '' : 's'}\n\n${lines.join('\n')}\n`
}
