import type { Kind } from '../checklist/types.js'
import type { GateEvent, GitPort } from '../checks/types.js'

/** Kinds that judge GitHub's records of the gated commit, not the files of the working tree. */
export const GITHUB_KINDS: ReadonlySet<Kind> = new Set<Kind>([
  'manual',
  'approvals',
  'ci-status',
  'workflow',
  'http'
])

/** Whether a kind reads the working tree (every kind but those that only ask GitHub or a URL). */
export function readsTree(kind: Kind): boolean {
  return !GITHUB_KINDS.has(kind)
}

/** Events whose default checkout (GITHUB_SHA) is the PR's merge commit: its tree is the head's change. */
const MERGE_CHECKOUT = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment'])

export interface TreeOptions {
  /** git in the working directory of the gate */
  git: GitPort
  event: GateEvent
  /** GITHUB_SHA: what actions/checkout checks out by default */
  githubSha?: string
  /** say how to check the commit out with git (the CLI), not with actions/checkout */
  cli?: boolean
}

/**
 * Why the working tree is not the commit the verdict and the status go on, or undefined when it is.
 * On `issue_comment` and `pull_request_target` the runner checks out the default or base branch while
 * the gate reports on the PR head: file kinds would judge one commit and vouch for another.
 */
export async function treeProblem(o: TreeOptions): Promise<string | undefined> {
  const gated = o.event.sha
  if (o.event.name === 'local' || !gated) return undefined
  const pr = o.event.pr
  const how = o.cli
    ? `check it out first (git fetch origin ${pr ? `pull/${pr.number}/head` : gated} && git checkout ${gated})`
    : `check out the gated commit before the gate (actions/checkout with ref: ${gated}` +
      `${o.event.name === 'issue_comment' || o.event.name === 'pull_request_target' ? ', persist-credentials: false' : ''}` +
      '; see docs/security.md)'
  let head: string
  try {
    head = (await o.git.run(['rev-parse', '--verify', '-q', 'HEAD^{commit}'])).trim()
  } catch {
    // no git checkout: only the runner's own commit can be in the folder
    if (o.githubSha === gated || (MERGE_CHECKOUT.has(o.event.name) && o.githubSha)) return undefined
    return `the working directory is not a git checkout of ${gated.slice(0, 7)}, the commit this run reports on: ${how}`
  }
  if (head === gated) return undefined
  if (pr && MERGE_CHECKOUT.has(o.event.name)) {
    // the merge commit GitHub made of the head into the base: its second parent is the head
    try {
      const raw = await o.git.run(['cat-file', 'commit', head])
      const parents = [...raw.split('\n\n')[0].matchAll(/^parent ([0-9a-f]{40,64})$/gm)].map(m => m[1])
      if (parents.length === 2 && parents[1] === pr.headSha) return undefined
    } catch {
      // fall through: cannot tell, so it is not the gated commit
    }
  }
  return `the working tree is ${head.slice(0, 7)}, not ${gated.slice(0, 7)}, the commit this run reports on: ${how}`
}
