import type { Checklist, Item } from '../checklist/types.js'
import type { GateEvent } from '../event.js'
import { CheckError } from '../errors.js'
import { git } from '../git.js'
import type { Workspace } from '../workspace.js'
import { unifiedDiff } from './diff.js'
import { fileAt } from './reads.js'
import type { GitHubClient } from './types.js'

/** Events that gate a pull request's proposed change: their checklist comes from the base. */
const PR_EVENTS = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
  'issue_comment',
  'merge_group'
])

export interface PolicyChange {
  /** unified diff, base -> PR head */
  diff: string
  added: number
  removed: number
  /** the checklist does not exist on the base: the PR introduces it */
  introduced: boolean
}

export interface Policy {
  /** the checklist text the gate judges by */
  text: string
  /** where it was read: `base` (at `sha`), `head` or the working tree */
  from: 'base' | 'head' | 'workspace'
  sha?: string
  /** set when the PR changes the checklist: the change needs the policy owner's sign-off */
  change?: PolicyChange
}

export interface PolicyOptions {
  github?: GitHubClient
  event: GateEvent
  workspace: Workspace
  /** path of the checklist in the repository (what the contents API and `git show` read) */
  path: string
  /** reads the checked-out checklist (the working tree) */
  readLocal?: () => Promise<string>
  /** input `policy-ref` */
  policyRef: 'base' | 'head'
}

async function readAt(o: PolicyOptions, sha: string): Promise<string | undefined> {
  if (o.github) return fileAt(o.github, o.path, sha)
  try {
    return await git(['show', `${sha}:${o.path}`], o.workspace.root)
  } catch (e) {
    if (/does not exist|exists on disk, but not in/.test((e as Error).message)) return undefined
    throw new CheckError(
      `cannot read ${o.path} at the base commit ${sha.slice(0, 7)}: ${(e as Error).message} ` +
        '(give the gate a github-token, or check out with fetch-depth: 0)'
    )
  }
}

/**
 * The checklist the gate judges by (contract section 5). On PR events it is the base's, so a PR cannot
 * weaken the gate that judges it; the PR's own version is only read as text to show the difference
 * (never checked out or run, which keeps `pull_request_target` safe).
 */
export async function readPolicy(o: PolicyOptions): Promise<Policy> {
  const pr = o.event.pr
  const local = o.readLocal ?? (() => o.workspace.readText(o.path))
  if (!pr || !PR_EVENTS.has(o.event.name)) return { text: await local(), from: 'workspace' }
  // the PR's version: from the API at the head commit, else the checked-out tree
  const head = (o.github ? await fileAt(o.github, o.path, pr.headSha) : undefined) ?? (await local())
  if (o.policyRef === 'head') return { text: head, from: 'head', sha: pr.headSha }

  const baseSha = pr.baseSha
  const base = await readAt(o, baseSha)
  if (base === undefined) {
    // the PR introduces the checklist: nothing to judge by but its own, so the owner must approve it
    const d = unifiedDiff('', head, { before: '/dev/null', after: `b/${o.path}` })
    return {
      text: head,
      from: 'head',
      sha: pr.headSha,
      change: { diff: d.text, added: d.added, removed: d.removed, introduced: true }
    }
  }
  if (base === head) return { text: base, from: 'base', sha: baseSha }
  const d = unifiedDiff(base, head, { before: `a/${o.path}`, after: `b/${o.path}` })
  return {
    text: base,
    from: 'base',
    sha: baseSha,
    change: { diff: d.text, added: d.added, removed: d.removed, introduced: false }
  }
}

export const POLICY_ITEM_ID = 'checklist-change'

/** The item a checklist change adds: an approving review by the policy owner on the head commit. */
export function policyItem(change: PolicyChange, path: string, policyOwner: string): Item {
  const what = change.introduced ? 'adds' : 'changes'
  return {
    id: POLICY_ITEM_ID,
    title: `This PR ${what} ${path} (+${change.added} −${change.removed}): approved by role ${policyOwner}`,
    section: 'Checklist policy',
    check: 'approvals',
    with: { roles: [policyOwner], count: 1, 'dismiss-stale': true, 'exclude-author': true },
    severity: 'blocking',
    timeout: 120,
    owner: policyOwner
  }
}

/** The checklist with the policy item in front, in a section of its own. */
export function withPolicyItem(checklist: Checklist, item: Item): Checklist {
  return {
    ...checklist,
    sections: [{ title: item.section, items: [item] }, ...checklist.sections],
    items: [item, ...checklist.items]
  }
}

/** The change shown above the report: what the PR does to the checklist, folded. */
export function policyPreamble(change: PolicyChange, path: string, policyOwner: string): string {
  const fence = '`'.repeat(Math.max(3, ...[...change.diff.matchAll(/`+/g)].map(m => m[0].length + 1)))
  const what = change.introduced
    ? `This PR adds the checklist \`${path}\``
    : `This PR changes the checklist \`${path}\` (+${change.added} −${change.removed}); it is judged by the base branch's checklist`
  return [
    '<details>',
    `<summary>${what}: the change needs an approving review by role <code>${policyOwner}</code></summary>`,
    '',
    `${fence}diff`,
    change.diff,
    fence,
    '</details>'
  ].join('\n')
}
