import type { GateEvent } from './event.js'
import { git } from './git.js'

/**
 * Outside Actions: the commit and branch checked out, and a tag on it. Two git processes at once (the
 * commit and the branch from one `rev-parse`), since every CLI run waits for them before it parses.
 */
export async function localEvent(root: string): Promise<GateEvent> {
  const event: GateEvent = { name: 'local' }
  const [head, tags] = await Promise.allSettled([
    git(['rev-parse', 'HEAD', '--abbrev-ref', 'HEAD'], root),
    git(['tag', '--points-at', 'HEAD'], root)
  ])
  // not a git repository (or no commit yet): checks that need git say so themselves
  if (head.status === 'rejected') return event
  const [sha, branch] = head.value.split('\n').map(s => s.trim())
  if (sha) event.sha = sha
  if (branch && branch !== 'HEAD') event.branch = branch
  const tag = tags.status === 'fulfilled' ? tags.value.trim().split('\n')[0] : undefined
  if (tag) event.tag = tag
  return event
}
