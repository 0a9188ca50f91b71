// The lines added by the commits being released, from `git log -p`, grouped by commit and file.
import { CheckError } from '../../errors.js'
import type { GateEvent } from '../../event.js'
import type { GitPort } from '../types.js'

export interface AddedLines {
  commit: string
  file: string
  /** the added lines joined by '\n' */
  text: string
  /** line number in the commit's version of the file of each added line */
  lines: number[]
}

/** The revision range `history` asks for, or a CheckError that says why there is none. */
export async function historyRange(
  mode: 'pr' | 'since-tag',
  event: GateEvent,
  git: GitPort,
  signal?: AbortSignal
): Promise<{ range: string; label: string }> {
  if (mode === 'pr') {
    const base = event.pr?.baseSha
    const head = event.sha ?? event.pr?.headSha
    if (!base || !head)
      throw new CheckError(
        `history: pr needs a pull request (its base commit), but this run is a '${event.name}' event: use history: since-tag or none here`
      )
    return { range: `${base}..${head}`, label: `commits of PR #${event.pr?.number}` }
  }
  const describe = async (rev: string): Promise<string | undefined> => {
    try {
      return (await git.run(['describe', '--tags', '--abbrev=0', rev], { signal })).trim() || undefined
    } catch {
      return undefined
    }
  }
  let tag = await describe('HEAD')
  if (tag) {
    // Gating the tagged commit itself: what is released is what came after the tag before it.
    const [tagged, head] = await Promise.all([
      git.run(['rev-parse', `${tag}^{commit}`], { signal }),
      git.run(['rev-parse', 'HEAD'], { signal })
    ])
    if (tagged.trim() === head.trim()) {
      const first = tag
      tag = await describe('HEAD^')
      // the first tag: everything up to it is being released, from the root commit
      if (!tag)
        return { range: 'HEAD', label: `commits up to ${first} (the first tag, from the root commit)` }
    }
  }
  if (!tag)
    throw new CheckError(
      'history: since-tag found no tag reachable from HEAD: fetch the tags (actions/checkout with fetch-depth: 0) or use history: none'
    )
  return { range: `${tag}..HEAD`, label: `commits since ${tag}` }
}

const HUNK = /^@@ -[0-9,]+ \+([0-9]+)(?:,[0-9]+)? @@/

/** Parses `git log -p --unified=0 --format=%x01%H` output. */
export function parseLogPatch(output: string): AddedLines[] {
  const out: AddedLines[] = []
  let commit = ''
  let file: string | undefined
  let current: { commit: string; file: string; added: string[]; lines: number[] } | undefined
  let next = 0
  let inHunk = false
  const flush = (): void => {
    if (current && current.added.length > 0)
      out.push({
        commit: current.commit,
        file: current.file,
        text: current.added.join('\n'),
        lines: current.lines
      })
    current = undefined
  }
  for (const line of output.split('\n')) {
    if (line.startsWith('\x01')) {
      flush()
      commit = line.slice(1).trim()
      file = undefined
      inHunk = false
    } else if (line.startsWith('diff --git ')) {
      flush()
      file = undefined
      inHunk = false
    } else if (!inHunk && line.startsWith('+++ ')) {
      const target = line.slice(4)
      file = target === '/dev/null' ? undefined : unquote(target).replace(/^b\//, '')
    } else if (line.startsWith('@@')) {
      const m = HUNK.exec(line)
      if (!m || !file) continue
      inHunk = true
      next = Number(m[1])
      if (!current) current = { commit, file, added: [], lines: [] }
    } else if (inHunk && line.startsWith('+') && current) {
      current.added.push(line.slice(1))
      current.lines.push(next++)
    }
  }
  flush()
  return out
}

/** git quotes unusual paths as C strings: "b/caf\303\251.txt". */
function unquote(p: string): string {
  if (!p.startsWith('"')) return p
  const bytes: number[] = []
  const body = p.slice(1, -1)
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'))
      continue
    }
    const n = body[++i]
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8))
      i += 2
    } else bytes.push(({ n: 10, t: 9, '"': 34, '\\': 92 } as Record<string, number>)[n] ?? n.charCodeAt(0))
  }
  return Buffer.from(bytes).toString('utf8')
}

export async function addedLines(range: string, git: GitPort, signal?: AbortSignal): Promise<AddedLines[]> {
  let output: string
  try {
    output = await git.run(
      [
        'log',
        '-p',
        '--no-color',
        '--no-ext-diff',
        '--no-renames',
        '--unified=0',
        '--format=%x01%H',
        range,
        '--'
      ],
      { signal, maxBuffer: 1024 * 1024 * 1024 }
    )
  } catch (e) {
    throw new CheckError(
      `cannot read the commits ${range}: ${(e as Error).message} (a shallow clone lacks them: use fetch-depth: 0)`
    )
  }
  return parseLogPatch(output)
}
