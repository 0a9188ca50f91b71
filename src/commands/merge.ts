import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Mode } from '../gate/types.js'
import { UsageError } from '../errors.js'
import { renderMarkdown } from '../report/markdown.js'
import { mergeReports, readServiceReport, servicesTable, toMergedJson } from '../report/merge.js'
import { renderTerminal } from '../report/terminal.js'

export interface MergeCommandOptions {
  reports: string[]
  cwd: string
  mode: Mode
  json?: string
  markdown?: string
  stdout: (s: string) => void
  stderr: (s: string) => void
  write: (file: string, content: string) => Promise<void>
  color: boolean
}

const MAX_REPORT = 64 * 1024 * 1024

/** `go-live-gate merge REPORT...`: one verdict for the services of a monorepo gated in a job matrix. */
export async function mergeCommand(o: MergeCommandOptions): Promise<number> {
  const reports = []
  for (const file of o.reports) {
    const abs = path.resolve(o.cwd, file)
    const info = await stat(abs).catch(() => undefined)
    if (!info?.isFile()) throw new UsageError(`${file} is not a report file`)
    if (info.size > MAX_REPORT) throw new UsageError(`${file} is larger than 64 MiB`)
    reports.push(readServiceReport(await readFile(abs, 'utf8'), file))
  }
  const merged = mergeReports(reports)
  const toStdout = o.json === '-' || o.markdown === '-'
  ;(toStdout ? o.stderr : o.stdout)(renderTerminal(merged.result, { color: o.color }))
  if (o.json) await o.write(o.json, JSON.stringify(toMergedJson(merged), null, 2) + '\n')
  if (o.markdown)
    await o.write(
      o.markdown,
      renderMarkdown(merged.result, { mode: o.mode, preamble: servicesTable(merged.services) })
    )
  if (o.mode === 'report') return 0
  return merged.result.verdict === 'pass' ? 0 : 1
}
