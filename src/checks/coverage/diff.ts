// The lines a pull request adds or changes, from a unified diff (`git diff --unified=0`, or the `patch`
// of each file in GitHub's "list pull request files" answer, which has the same hunk headers).
import { CheckError } from '../../errors.js'
import type { GitPort } from '../types.js'

/** repository-relative path -> line numbers (in the new version) added or changed */
export type ChangedLines = Map<string, Set<number>>

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/

/** Adds the new-side lines of the hunks of one file's patch. */
export function addPatchLines(into: ChangedLines, file: string, patch: string): void {
  let set = into.get(file)
  for (const line of patch.split('\n')) {
    const m = HUNK.exec(line)
    if (!m) continue
    const start = Number(m[1])
    const count = m[2] === undefined ? 1 : Number(m[2])
    if (count === 0) continue
    if (!set) {
      set = new Set()
      into.set(file, set)
    }
    for (let l = start; l < start + count; l++) set.add(l)
  }
}

/** `git diff` output (with a/ b/ prefixes) -> changed lines per file; deleted files have none. */
export function parseUnifiedDiff(diff: string): ChangedLines {
  const out: ChangedLines = new Map()
  let file: string | undefined
  let hunks: string[] = []
  const flush = (): void => {
    if (file !== undefined) addPatchLines(out, file, hunks.join('\n'))
    hunks = []
  }
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      flush()
      file = undefined
    } else if (line.startsWith('+++ ')) {
      const name = unquote(line.slice(4).replace(/\t.*$/, ''))
      file = name === '/dev/null' ? undefined : name.replace(/^b\//, '')
    } else if (line.startsWith('@@')) hunks.push(line)
  }
  flush()
  return out
}

/** git's C-style quoting of unusual file names ("b/na\"me") */
function unquote(s: string): string {
  if (!s.startsWith('"') || !s.endsWith('"')) return s
  const bytes: number[] = []
  const body = s.slice(1, -1)
  const esc: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 }
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (c !== '\\') {
      bytes.push(...Buffer.from(c))
      continue
    }
    const n = body[i + 1]
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8))
      i += 3
    } else {
      bytes.push(esc[n] ?? n.charCodeAt(0))
      i++
    }
  }
  return Buffer.from(bytes).toString('utf8')
}

/**
 * The lines changed between the PR's base and head, by `git diff` in the checkout. A base that is not
 * in the clone is an error that says how to fetch it.
 */
export async function changedLinesFromGit(
  git: GitPort,
  base: string,
  head: string,
  signal?: AbortSignal
): Promise<ChangedLines> {
  try {
    await git.run(['cat-file', '-e', `${base}^{commit}`], { signal })
  } catch {
    throw new CheckError(
      `changed-lines needs the PR base ${base.slice(0, 12)}, which is not in this clone: check out with fetch-depth: 0`
    )
  }
  const diff = await git.run(
    [
      '-c',
      'core.quotePath=false',
      'diff',
      '--no-color',
      '--no-ext-diff',
      '--unified=0',
      '--src-prefix=a/',
      '--dst-prefix=b/',
      '--diff-filter=AMR',
      `${base}...${head}`
    ],
    { signal }
  ).catch((e: Error) => {
    throw new CheckError(`changed-lines: ${e.message} (is the history between base and head in the clone? fetch-depth: 0)`)
  })
  return parseUnifiedDiff(diff)
}
