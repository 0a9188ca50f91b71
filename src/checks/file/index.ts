import { boundedExec, boundedTest } from '../../checklist/regex-safety.js'
import { formatDuration, parseDuration } from '../../duration.js'
import { compileUserRegex } from '../../checklist/regex.js'
import { CheckError } from '../../errors.js'
import type { Check } from '../types.js'
import { listOf } from '../../text.js'
import type { FileOptions } from './options.gen.js'

export type { FileOptions }

const list = listOf<string>
const DAY = 86400 * 1000

/**
 * A document exists, says what it must and is fresh. Every file the globs match is judged: each must
 * match every `contains`, none may match a `not-contains`, and each must have been committed within `max-age`.
 */
export const check: Check<FileOptions> = async (options, _item, ctx) => {
  const patterns = list(options.path)
  const files = await ctx.workspace.glob(patterns)
  if (files.length === 0)
    return {
      status: 'fail',
      summary: `no file matches ${patterns.join(', ')}: write it and commit it`,
      details: { files: [] }
    }

  const contains = list(options.contains).map(r => ({ source: r, re: compileUserRegex(r, 'm') }))
  const notContains = list(options['not-contains']).map(r => ({ source: r, re: compileUserRegex(r, 'm') }))
  const problems: string[] = []
  if (contains.length || notContains.length) {
    for (const file of files) {
      const text = await ctx.workspace.readText(file)
      for (const { source, re } of contains)
        if (!boundedTest(re, text)) problems.push(`${file} does not mention /${source}/`)
      for (const { source, re } of notContains) {
        const m = boundedExec(re, text)
        if (m) {
          const line = text.slice(0, m.index).split('\n').length
          problems.push(`${file}:${line} matches /${source}/`)
        }
      }
    }
  }

  let oldest: { file: string; ageMs: number } | undefined
  const maxAge = options['max-age']
  if (maxAge !== undefined) {
    const limit = parseDuration(maxAge) ?? 0
    const now = ctx.now().getTime()
    const commits = await ctx.git.lastCommits(files, ctx.signal)
    for (const file of files) {
      const commit = commits.get(file)
      if (!commit) throw new CheckError(`${file} has never been committed, so its age is unknown: commit it`)
      const ageMs = Math.max(0, now - commit.date.getTime())
      if (!oldest || ageMs > oldest.ageMs) oldest = { file, ageMs }
      if (ageMs > limit)
        problems.push(
          `${file} was last changed ${formatDuration(ageMs)} ago (max ${maxAge}): review and update it`
        )
    }
  }

  const details: Record<string, unknown> = { files }
  if (oldest) details.age = Math.round((oldest.ageMs / DAY) * 10) / 10
  const what = files.length === 1 ? files[0] : `${files.length} files`
  if (problems.length)
    return {
      status: 'fail',
      summary: problems[0] + (problems.length > 1 ? ` (+${problems.length - 1} more)` : ''),
      details: { ...details, problems }
    }
  const parts = [`${what} ${files.length === 1 ? 'exists' : 'exist'}`]
  if (contains.length)
    parts.push(`${files.length === 1 ? 'says' : 'say'} what ${files.length === 1 ? 'it' : 'they'} must`)
  if (oldest) parts.push(`last changed ${formatDuration(oldest.ageMs)} ago (max ${maxAge})`)
  return { status: 'pass', summary: parts.join(', '), details }
}
