// The `coverage` kind: reads every report the globs match, merges them per file and line, and judges
// the thresholds. Internals live in ./coverage/.
import path from 'node:path'
import { CheckError } from '../../errors.js'
import type { Workspace } from '../../workspace.js'
import { changedLinesFromGit } from './diff.js'
import { evaluate, type ChangedInput, type Summary } from './evaluate.js'
import {
  HitList,
  mergeFile,
  type FileCoverage,
  type Format,
  type MetricName,
  type ParsedReport
} from './model.js'
import { excluder } from './exclude.js'
import { PathResolver, goModulePath } from './paths.js'
import { TotalsNotEnough } from './lcov.js'
import { readReport } from './read.js'
import { streamLcovTotals } from './totals.js'
import type { Check, CheckContext } from '../types.js'
import { listOf } from '../../text.js'
import type { CoverageOptions } from './options.gen.js'

export type { CoverageOptions }

const list = listOf<string>

export const check: Check<CoverageOptions> = async (options, _item, ctx) => {
  const patterns = list(options.reports)
  const names = await ctx.workspace.glob(patterns)
  if (names.length === 0)
    throw new CheckError(
      `no coverage report matches ${patterns.join(', ')}: run the tests with coverage first`
    )

  // One report and no changed-lines: per-file totals are all the thresholds need, so an lcov report
  // is streamed into the sums (totals.ts: memory flat in its size). A file that comes twice, in the report
  // or after its path is resolved, needs its lines added up: then the report is read again in full.
  const totalsOnly = names.length === 1 && options['changed-lines'] === undefined
  const { parsed, files, excludedAny, jacocoMerged, shapeDiffers } =
    (totalsOnly ? await streamed(names[0], options, ctx) : undefined) ??
    (totalsOnly ? await gather(names, options, ctx, true) : undefined) ??
    (await gather(names, options, ctx, false))!

  const notes: string[] = []
  if (jacocoMerged.size > 0)
    notes.push(
      `branches approximate: ${jacocoMerged.size} file${jacocoMerged.size === 1 ? '' : 's'} merged from several JaCoCo XML reports, whose per-line branch counts cannot say which branch each covered (merge the .exec files with JaCoCo for exact numbers)`
    )
  if (shapeDiffers.size > 0)
    notes.push(
      `branches approximate: the lcov reports number the branches of ${shapeDiffers.size} file${shapeDiffers.size === 1 ? '' : 's'} differently (c8 does, run by run), so their merge is not branch by branch (e.g. ${clean([...shapeDiffers].sort()[0])})`
    )
  const allGo = parsed.every(([, r]) => r.format === 'go')
  const changed = options['changed-lines'] === undefined ? undefined : await changedLines(ctx)
  return evaluate(
    files,
    {
      min: options.min,
      perFileLines: options['per-file']?.lines,
      changedLines: options['changed-lines'],
      minChangedLines: options['min-changed-lines'],
      // a report's own totals stand for the report as a whole: one report, nothing left out
      declared: parsed.length === 1 && !excludedAny ? parsed[0][1].declared : undefined,
      labels: allGo ? GO_LABELS : undefined,
      notes
    },
    changed,
    names
  )
}

interface Gathered {
  parsed: [string, ParsedReport][]
  files: Map<string, FileCoverage> | Summary
  excludedAny: boolean
  jacocoMerged: Set<string>
  shapeDiffers: Set<string>
}

async function streamed(name: string, options: CoverageOptions, ctx: CheckContext): Promise<Gathered | undefined> {
  const exclude = list(options.exclude)
  const s = await streamLcovTotals(ctx.workspace, name, { format: options.format, exclude, perFileLines: options['per-file']?.lines }, ctx.signal)
  return s && { parsed: [[name, { format: 'lcov', files: new Map() }]], files: s.summary, excludedAny: s.excludedAny, jacocoMerged: new Set(), shapeDiffers: new Set() }
}

/** The reports' files by repository path, merged; undefined when `totalsOnly` met a file twice. */
async function gather(
  names: string[],
  options: CoverageOptions,
  ctx: CheckContext,
  totalsOnly: boolean
): Promise<Gathered | undefined> {
  const parsed: [string, ParsedReport][] = []
  for (const name of names) {
    const real = await ctx.workspace.resolveReal(name)
    try {
      parsed.push([name, await readReport(real, name, options.format, ctx.signal, totalsOnly)])
    } catch (e) {
      if (e instanceof TotalsNotEnough) return undefined
      throw e
    }
  }

  const resolver = await pathResolver(
    ctx.workspace,
    parsed.some(([, r]) => r.format === 'go')
  )
  const isExcluded = excluder(list(options.exclude))
  const files = new Map<string, FileCoverage>()
  /** the format each merged file came from, and whether two reports of it were merged */
  const from = new Map<string, Format>()
  let excludedAny = false
  const jacocoMerged = new Set<string>()
  const shapeDiffers = new Set<string>()
  for (const [name, report] of parsed) {
    const reportDir = path.posix.dirname(name)
    for (const [raw, coverage] of report.files) {
      const file = resolver.resolve(raw, { reportDir, sources: report.sources, go: report.format === 'go' })
      if (isExcluded(file)) {
        excludedAny = true
        continue
      }
      const into = files.get(file)
      if (into && totalsOnly) return undefined
      if (into) {
        if (into.branches && coverage.branches) {
          if (report.format === 'jacoco' && from.get(file) === 'jacoco') jacocoMerged.add(file)
          else if (
            report.format === 'lcov' &&
            from.get(file) === 'lcov' &&
            !sameKeys(into.branches, coverage.branches)
          )
            shapeDiffers.add(file)
        }
        mergeFile(into, coverage)
      } else {
        files.set(file, coverage)
        from.set(file, report.format)
      }
    }
  }

  return { parsed, files, excludedAny, jacocoMerged, shapeDiffers }
}

/** Go has statements (counted as `go test -cover` counts them) and no lines: say what each number is. */
const GO_LABELS: Partial<Record<MetricName, string>> = {
  statements: 'statements (go test -cover)',
  lines: 'lines spanned by Go blocks'
}

/** Printable: without control or bidi characters (a path from a report is the PR's). */
const clean = (s: string): string =>
  // eslint-disable-next-line no-control-regex
  s.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').slice(0, 200)

type BranchData = NonNullable<FileCoverage['branches']>

function keysOf(b: BranchData): Set<string | number> | undefined {
  if (b instanceof Map) return new Set(b.keys())
  if (b instanceof HitList) return new Set(b.toMap().keys())
  return undefined
}

/** Whether two reports record the same branches of a file (same keys): else their merge is not per branch. */
function sameKeys(a: BranchData, b: BranchData): boolean {
  const ka = keysOf(a)
  const kb = keysOf(b)
  if (!ka || !kb) return true
  if (ka.size !== kb.size) return false
  for (const k of ka) if (!kb.has(k)) return false
  return true
}

/**
 * What the PR changed, from `git diff` between its base and head in the checkout. The seam for GitHub's
 * "list pull request files" API: its per-file `patch` feeds `addPatchLines` from ./coverage/diff.js.
 */
async function changedLines(ctx: CheckContext): Promise<ChangedInput> {
  const pr = ctx.event.pr
  if (!pr) return { notJudged: `not a pull request (${ctx.event.name} event)` }
  const head = ctx.event.sha ?? pr.headSha ?? 'HEAD'
  return { lines: await changedLinesFromGit(ctx.git, pr.baseSha, head, ctx.signal) }
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
