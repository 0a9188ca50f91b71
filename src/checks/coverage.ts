// The `coverage` kind: reads every report the globs match, merges them per file and line, and judges
// the thresholds. Internals live in ./coverage/.
import path from 'node:path'
import picomatch from 'picomatch'
import { CheckError } from '../errors.js'
import type { Workspace } from '../workspace.js'
import { changedLinesFromGit } from './coverage/diff.js'
import { evaluate, type ChangedInput } from './coverage/evaluate.js'
import {
  mergeFile,
  type FileCoverage,
  type Format,
  type MetricName,
  type ParsedReport
} from './coverage/model.js'
import { TotalsNotEnough } from './coverage/lcov.js'
import { PathResolver, goModulePath } from './coverage/paths.js'
import { readReport } from './coverage/read.js'
import type { Check, CheckContext } from './types.js'

export interface CoverageOptions {
  reports: string | string[]
  format?: Format | 'auto'
  min?: Partial<Record<MetricName, number>>
  'per-file'?: { lines?: number }
  'changed-lines'?: number
  'min-changed-lines'?: number
  exclude?: string | string[]
}

const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v]

export const check: Check<CoverageOptions> = async (options, _item, ctx) => {
  const patterns = list(options.reports)
  const names = await ctx.workspace.glob(patterns)
  if (names.length === 0)
    throw new CheckError(
      `no coverage report matches ${patterns.join(', ')}: run the tests with coverage first`
    )

  // One report and no changed-lines: per-file totals are all the thresholds need, so an lcov report
  // keeps no lines (memory stays flat in its size). A file that comes twice, in the report or after its
  // path is resolved, needs its lines to be added up: then the report is read again in full.
  const totalsOnly = names.length === 1 && options['changed-lines'] === undefined
  const files =
    (totalsOnly ? await gather(names, options, ctx, true) : undefined) ??
    (await gather(names, options, ctx, false))!

  const changed = options['changed-lines'] === undefined ? undefined : await changedLines(ctx)
  return evaluate(
    files,
    {
      min: options.min,
      perFileLines: options['per-file']?.lines,
      changedLines: options['changed-lines'],
      minChangedLines: options['min-changed-lines'] ?? 5
    },
    changed,
    names
  )
}

/** The reports' files by repository path, merged; undefined when `totalsOnly` met a file twice. */
async function gather(
  names: string[],
  options: CoverageOptions,
  ctx: CheckContext,
  totalsOnly: boolean
): Promise<Map<string, FileCoverage> | undefined> {
  const parsed: [string, ParsedReport][] = []
  for (const name of names) {
    const real = await ctx.workspace.resolveReal(name)
    try {
      parsed.push([name, await readReport(real, name, options.format ?? 'auto', ctx.signal, totalsOnly)])
    } catch (e) {
      if (e instanceof TotalsNotEnough) return undefined
      throw e
    }
  }

  const resolver = await pathResolver(
    ctx.workspace,
    parsed.some(([, r]) => r.format === 'go')
  )
  const exclude = list(options.exclude)
  const excluded = picomatch(exclude, { dot: true })
  const files = new Map<string, FileCoverage>()
  for (const [name, report] of parsed) {
    const reportDir = path.posix.dirname(name)
    for (const [raw, coverage] of report.files) {
      const file = resolver.resolve(raw, { reportDir, sources: report.sources, go: report.format === 'go' })
      if (exclude.length > 0 && excluded(file)) continue
      const into = files.get(file)
      if (into && totalsOnly) return undefined
      if (into) mergeFile(into, coverage)
      else files.set(file, coverage)
    }
  }
  return files
}

/**
 * What the PR changed, from `git diff` between its base and head in the checkout. The seam for GitHub's
 * "list pull request files" API: its per-file `patch` feeds `addPatchLines` from ./coverage/diff.js.
 */
async function changedLines(ctx: CheckContext): Promise<ChangedInput> {
  const pr = ctx.event.pr
  if (!pr) return { notJudged: `not a pull request (${ctx.event.name} event)` }
  const head = ctx.event.sha ?? pr.headSha ?? 'HEAD'
  return { lines: await changedLinesFromGit(ctx.workspace.root, pr.baseSha, head, ctx.signal) }
}

async function pathResolver(ws: Workspace, go: boolean): Promise<PathResolver> {
  const files = new Set(await ws.glob(['**'], { exclude: ['**/node_modules/**'] }))
  const modules = new Map<string, string>()
  if (go) {
    for (const f of files) {
      if (f !== 'go.mod' && !f.endsWith('/go.mod')) continue
      const mod = goModulePath(await ws.readText(f).catch(() => ''))
      if (mod) modules.set(mod, path.posix.dirname(f) === '.' ? '' : path.posix.dirname(f))
    }
  }
  const roots = [ws.root, await ws.realRootPath()]
  return new PathResolver(roots, files, modules)
}
