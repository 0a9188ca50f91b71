import path from 'node:path'
import * as core from '@actions/core'
import { ChecklistErrors, errorMessage, UsageError } from './errors.js'
import type { GateResult } from './gate/types.js'
import { publish, publishError } from './github/publish.js'
import { readInputs } from './inputs.js'
import { judge, prepare, type PipelineInputs } from './pipeline.js'
import { toJsonReport } from './report/json.js'
import { escapeMarkdown, renderMarkdown, type MarkdownOptions } from './report/markdown.js'
import { toSarif } from './report/sarif.js'
import { renderTerminal } from './report/terminal.js'
import { verdictLine } from './report/words.js'
import { writeReportFile } from './report/write-file.js'
import { VERSION } from './version.js'
import { Workspace } from './workspace.js'

const MAX_ANNOTATIONS = 50

/** The action: the only caller of core.setFailed. */
export async function run(): Promise<void> {
  const env = process.env
  let summary: string | undefined
  let publishTo: Parameters<typeof publishError>[0] | undefined
  try {
    const inputs = readInputs()
    const workspaceRoot = path.resolve(env.GITHUB_WORKSPACE || process.cwd())
    const pipelineInputs: PipelineInputs = {
      env,
      workspaceRoot,
      workingDirectory: inputs.workingDirectory,
      checklist: inputs.checklist,
      token: inputs.token,
      repository: env.GITHUB_REPOSITORY,
      statusContext: inputs.statusContext,
      policyRef: inputs.policyRef,
      policyBranch: inputs.policyBranch,
      policyOwner: inputs.policyOwner,
      stage: inputs.stage,
      warn: core.warning,
      info: core.info
    }
    const prepared = await prepare(pipelineInputs)
    const { github, event } = prepared
    publishTo = github ? { github, event, statusContext: inputs.statusContext } : undefined
    let result: GateResult
    let preamble: string | undefined
    let people: Pick<MarkdownOptions, 'roles' | 'mention'> = {}
    let reportJson: () => object = () => toJsonReport(result)
    let evidence: (() => Promise<object>) | undefined
    let statusContext = inputs.statusContext
    if (inputs.merge.length) {
      // a monorepo's verdict: the JSON reports of its services' gates (a job matrix), judged again and joined
      if (inputs.evidence)
        throw new UsageError("input 'evidence' records a checklist run, not a merge of reports")
      const { mergeReports, readServiceReport, servicesTable, toMergedJson } =
        await import('./report/merge.js')
      const workspace = new Workspace(workspaceRoot)
      const files = await workspace.glob(inputs.merge)
      if (files.length === 0)
        throw new UsageError(`input 'merge': no report matches ${inputs.merge.join(', ')}`)
      const reports = []
      for (const file of files) reports.push(readServiceReport(await workspace.readText(file), file))
      const merged = mergeReports(reports)
      result = merged.result
      preamble = servicesTable(merged.services)
      reportJson = () => toMergedJson(merged)
    } else {
      const run = await judge(pipelineInputs, prepared)
      ;({ result, preamble, statusContext } = run)
      // a later stage publishes its own status (go-live/post-deploy), errors included
      if (publishTo) publishTo.statusContext = statusContext
      people = { roles: run.checklist.roles, mention: inputs.mention }
      if (inputs.evidence)
        evidence = async () => {
          const { buildEvidence } = await import('./report/evidence.js')
          const { hashSubjects } = await import('./commands/subjects.js')
          return buildEvidence({
            result: run.result,
            version: VERSION,
            checklist: {
              path: path.posix.normalize(path.posix.join(inputs.workingDirectory, inputs.checklist)),
              ref: run.policy.branch
                ? `refs/heads/${run.policy.branch}@${run.policy.sha ?? ''}`
                : (run.policy.sha ?? event.ref),
              text: run.policy.text
            },
            stage: run.result.stage,
            event,
            subjects: await hashSubjects(new Workspace(workspaceRoot), inputs.subjects),
            now: new Date()
          })
        }
    }

    core.info(renderTerminal(result, { color: true, mode: inputs.mode, roles: people.roles }))
    summary = renderMarkdown(result, { runUrl: event.runUrl, mode: inputs.mode, preamble, ...people })
    annotate(result, inputs.workingDirectory)

    if (inputs.report) {
      const file = await writeReportFile(
        workspaceRoot,
        inputs.report,
        JSON.stringify(reportJson(), null, 2) + '\n',
        [workspaceRoot],
        "input 'report'"
      )
      core.setOutput('report', file)
    }
    if (inputs.sarif)
      await writeReportFile(
        workspaceRoot,
        inputs.sarif,
        JSON.stringify(toSarif(result, { toolVersion: VERSION })) + '\n',
        [workspaceRoot],
        "input 'sarif'"
      )
    if (evidence) {
      const file = await writeReportFile(
        workspaceRoot,
        inputs.evidence,
        JSON.stringify(await evidence(), null, 2) + '\n',
        [workspaceRoot],
        "input 'evidence'"
      )
      core.setOutput('evidence', file)
    }
    if (inputs.junit) {
      const { toJunit } = await import('./report/junit.js')
      await writeReportFile(workspaceRoot, inputs.junit, toJunit(result), [workspaceRoot], "input 'junit'")
    }
    core.setOutput('result', result.verdict)
    core.setOutput('blocking-failures', String(result.blockingFailures))

    // GitHub publishing
    if (github)
      await publish({
        github,
        event,
        result,
        markdown: renderMarkdown(result, {
          runUrl: event.runUrl,
          mode: inputs.mode,
          preamble,
          marker: true,
          ...people
        }),
        fallback: renderMarkdown(result, {
          ...people,
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

    if (result.verdict === 'fail') {
      if (inputs.mode === 'enforce') core.setFailed(verdictLine(result))
      else core.warning(`${verdictLine(result)} (report mode: the step does not fail)`)
    } else core.notice(verdictLine(result))
  } catch (e) {
    core.setOutput('result', 'fail')
    // a run that could not judge says so on the commit: an earlier success never stays standing
    if (publishTo) await publishError({ ...publishTo, warn: core.warning }, oneLine(errorMessage(e)))
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

/** One line, no control or bidi characters: safe in a log line or a status description. */
function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim()
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
