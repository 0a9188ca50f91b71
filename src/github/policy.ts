import type { Checklist, Item } from '../checklist/types.js'
import type { ApprovalsOptions } from '../checks/approvals/index.js'
import type { PolicyContext } from '../checks/types.js'
import { sandboxedTools } from '../audit-sandbox.js'
import type { GateEvent } from '../event.js'
import { gitPort } from '../git.js'
import { CheckError } from '../errors.js'
import { MissingChecklistError } from '../checklist/read.js'
import type { Workspace } from '../workspace.js'
import { unifiedDiff } from './diff.js'
import type { TreeEntry } from './reads.js'
import { apiSource, gitSource, type BlobSource } from './source.js'
import type { GitHubClient } from './types.js'

export interface FileChange {
  /** repository path */
  path: string
  /** unified diff, policy -> proposed */
  diff: string
  added: number
  removed: number
  /** `checklist`, or a `workflow` that runs the gate */
  what: 'checklist' | 'workflow'
  /** the file does not exist on the policy branch: the change introduces it */
  introduced: boolean
}

export interface PolicyChange {
  /** unified diff of every file, policy branch -> gated commit */
  diff: string
  added: number
  removed: number
  /** the checklist does not exist on the policy branch: the change introduces it */
  introduced: boolean
  files: FileChange[]
}

export interface Policy {
  /** the checklist text the gate judges by */
  text: string
  /** where it was read: the policy `branch` (at `sha`), the PR `head`, or the working tree */
  from: 'branch' | 'head' | 'workspace'
  sha?: string
  /** the branch the policy was read from */
  branch?: string
  /** the tip of that branch (suppressions are read there) */
  branchSha?: string
  /** how files of the policy commit are read (blobs, never the working tree) */
  source?: BlobSource
  /** set when the gated commit changes the policy: the change needs the policy owner's sign-off */
  change?: PolicyChange
}

export interface PolicyOptions {
  github?: GitHubClient
  event: GateEvent
  /** the git checkout (for reading blobs without a token) */
  workspace: Workspace
  /** path of the checklist in the repository (what the contents API and `git ls-tree` read) */
  path: string
  /** reads the checked-out checklist (the working tree): local runs only */
  readLocal?: () => Promise<string>
  /** input `policy-ref` */
  policyRef: 'base' | 'head'
  /** input `policy-branch`: a protected branch to read the policy from instead of the default branch */
  policyBranch?: string
  /** words that mark a workflow file as one that runs the gate (status context, action repository) */
  gateWords?: string[]
  /** a blob source other than the API or the local git store (tests) */
  source?: BlobSource
}

export const WORKFLOWS = '.github/workflows'
/** local actions, which a workflow may wrap the gate in */
export const ACTIONS = '.github/actions'

function change(files: FileChange[]): PolicyChange | undefined {
  if (files.length === 0) return undefined
  return {
    diff: files.map(f => f.diff).join('\n'),
    added: files.reduce((n, f) => n + f.added, 0),
    removed: files.reduce((n, f) => n + f.removed, 0),
    introduced: files.some(f => f.what === 'checklist' && f.introduced),
    files
  }
}

/** Control and bidi characters of the PR's text and names, shown as `?`: no CR, no workflow command. */
function printable(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    '?'
  )
}

function fileChange(
  path: string,
  before: string | undefined,
  after: string | undefined,
  what: FileChange['what']
): FileChange {
  const d = unifiedDiff(before ?? '', after ?? '', {
    before: before === undefined ? '/dev/null' : `a/${path}`,
    after: after === undefined ? '/dev/null' : `b/${path}`
  })
  return {
    path: printable(path).replace(/\n/g, '?'),
    diff: printable(d.text),
    added: d.added,
    removed: d.removed,
    what,
    introduced: before === undefined
  }
}

/** A file's text, or a stand-in that differs from any text when it is a link (a change all the same). */
async function textOrLink(source: BlobSource, sha: string, path: string): Promise<string | undefined> {
  try {
    return await source.file(sha, path)
  } catch (e) {
    if (e instanceof CheckError && /symbolic link|not a file/.test(e.message))
      return `(not a file: ${path})\n`
    throw e
  }
}

/**
 * The workflow files the gated commit changes that run the gate (on either side): a change to them is a
 * change of policy (`policy-ref: head`, `mode: report`, a removed step, a status posted by hand).
 */
async function workflowChanges(
  source: BlobSource,
  policySha: string,
  gated: string,
  words: string[]
): Promise<FileChange[]> {
  const [before, after, actionsBefore, actionsAfter] = await Promise.all([
    source.folder(policySha, WORKFLOWS),
    source.folder(gated, WORKFLOWS),
    source.folder(policySha, ACTIONS),
    source.folder(gated, ACTIONS)
  ])
  const index = (list: TreeEntry[] | undefined) => new Map((list ?? []).map(e => [e.name, e]))
  const lowered = words.filter(Boolean).map(w => w.toLowerCase())
  const runsGate = (text: string | undefined) =>
    text !== undefined && lowered.some(w => text.toLowerCase().includes(w))
  // the files to compare: workflow files, and the action.yml of local actions a workflow may wrap the
  // gate in (`uses: ./.github/actions/release-gate`)
  const candidates: { path: string; link: boolean }[] = []
  const changed = (a: Map<string, TreeEntry>, b: Map<string, TreeEntry>) =>
    [...new Set([...a.keys(), ...b.keys()])].sort().filter(name => {
      const x = a.get(name)
      const y = b.get(name)
      return !(x && y && x.sha === y.sha && x.type === y.type)
    })
  const wa = index(before)
  const wb = index(after)
  for (const name of changed(wa, wb)) {
    const link = wa.get(name)?.type === 'symlink' || wb.get(name)?.type === 'symlink'
    if (/\.ya?ml$/i.test(name) || link) candidates.push({ path: `${WORKFLOWS}/${name}`, link })
  }
  const aa = index(actionsBefore)
  const ab = index(actionsAfter)
  for (const name of changed(aa, ab)) {
    const link = aa.get(name)?.type === 'symlink' || ab.get(name)?.type === 'symlink'
    if (link) candidates.push({ path: `${ACTIONS}/${name}`, link })
    else
      for (const file of ['action.yml', 'action.yaml'])
        candidates.push({ path: `${ACTIONS}/${name}/${file}`, link })
  }
  const out: FileChange[] = []
  for (const c of candidates) {
    const [old, now] = await Promise.all([
      textOrLink(source, policySha, c.path),
      textOrLink(source, gated, c.path)
    ])
    if (old === now) continue
    if (c.link || runsGate(old) || runsGate(now)) out.push(fileChange(c.path, old, now, 'workflow'))
  }
  return out
}

/**
 * The checklist the gate judges by. In Actions it is read from the repository's default branch (or the
 * protected branch input `policy-branch` names), as a blob through the API or `git cat-file`: never from a
 * branch the actor controls (a PR's base they created, the branch they pushed), never through a path of
 * the working tree (a link). The gated commit's own checklist and the workflows that run the gate are only
 * read as text to show the difference; a difference is a change of policy that needs the policy owner.
 * Outside Actions (the CLI) the working tree's checklist is the policy.
 */
export async function readPolicy(o: PolicyOptions): Promise<Policy> {
  const local = o.readLocal ?? (() => o.workspace.readText(o.path))
  const event = o.event
  if (event.name === 'local') return { text: await local(), from: 'workspace' }
  const source = o.source ?? (o.github ? apiSource(o.github) : gitSource(o.workspace.root))
  const pr = event.pr
  const gated = event.sha ?? pr?.headSha

  if (o.policyRef === 'head') {
    // the workflow asked for the gated commit's own checklist (no protection against a PR weakening it)
    const text = gated ? await source.file(gated, o.path) : undefined
    if (text === undefined) throw new MissingChecklistError(o.path)
    return { text, from: 'head', sha: gated, source }
  }

  const branch = o.policyBranch || event.defaultBranch || (await source.defaultBranch())
  if (!branch)
    throw new CheckError(
      'cannot tell the repository default branch to read the checklist from: name a protected branch in input policy-branch'
    )
  const tip = await source.branch(branch)
  if (o.policyBranch && tip.protected !== true)
    throw new CheckError(
      tip.protected === false
        ? `policy-branch ${branch} is not protected: anyone who can push to it could rewrite the gate; protect it or leave policy-branch empty (the default branch)`
        : `policy-branch ${branch}: the gate needs a github-token to verify the branch is protected`
    )
  const policyText = await source.file(tip.sha, o.path)
  if (!gated || gated === tip.sha) {
    if (policyText === undefined) throw new MissingChecklistError(o.path)
    return { text: policyText, from: 'branch', sha: tip.sha, branch, branchSha: tip.sha, source }
  }
  const proposed = await textOrLink(source, gated, o.path)
  const files: FileChange[] = []
  if (proposed !== policyText) files.push(fileChange(o.path, policyText, proposed, 'checklist'))
  files.push(
    ...(await workflowChanges(source, tip.sha, gated, o.gateWords ?? ['go-live', event.statusContext ?? '']))
  )
  if (policyText === undefined) {
    // no checklist on the policy branch: nothing to judge by but the change's own, so the owner must approve it
    if (proposed === undefined) throw new MissingChecklistError(o.path)
    return {
      text: proposed,
      from: 'head',
      sha: gated,
      branch,
      branchSha: tip.sha,
      source,
      change: change(files)
    }
  }
  return {
    text: policyText,
    from: 'branch',
    sha: tip.sha,
    branch,
    branchSha: tip.sha,
    source,
    change: change(files)
  }
}

export const POLICY_ITEM_ID = 'checklist-change'

function changedNames(change: PolicyChange): string {
  return change.files.map(f => f.path).join(', ')
}

/** The item a policy change adds: an approving review by the policy owner on the head commit. */
export function policyItem(change: PolicyChange, path: string, policyOwner: string): Item {
  const onlyChecklist = change.files.every(f => f.what === 'checklist')
  const what = change.introduced ? 'adds' : 'changes'
  const subject = onlyChecklist ? path : changedNames(change)
  return {
    id: POLICY_ITEM_ID,
    title: `This PR ${what} ${subject} (+${change.added} −${change.removed}): approved by role ${policyOwner}`,
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

/** The change shown above the report: what the change does to the policy, folded. */
export function policyPreamble(change: PolicyChange, path: string, policyOwner: string): string {
  const fence = '`'.repeat(Math.max(3, ...[...change.diff.matchAll(/`+/g)].map(m => m[0].length + 1)))
  const checklist = change.files.find(f => f.what === 'checklist')
  const workflows = change.files.filter(f => f.what === 'workflow').map(f => `\`${f.path}\``)
  const parts: string[] = []
  if (checklist)
    parts.push(
      change.introduced
        ? `This PR adds the checklist \`${path}\``
        : `This PR changes the checklist \`${path}\` (+${checklist.added} −${checklist.removed}); it is judged by the default branch's checklist`
    )
  if (workflows.length)
    parts.push(
      `${checklist ? 'it also changes' : 'This PR changes'} the workflow${workflows.length > 1 ? 's' : ''} running the gate (${workflows.join(', ')})`
    )
  return [
    '<details>',
    `<summary>${parts.join('; ')}: the change needs an approving review by role <code>${policyOwner}</code></summary>`,
    '',
    `${fence}diff`,
    change.diff,
    fence,
    '</details>'
  ].join('\n')
}

/**
 * What kinds need of the policy: its files (suppressions count from there) and whether the policy owner
 * approved the gated commit (an approving review of the PR head, never the author's).
 */
export function policyContext(o: {
  policy: Policy
  checklist: Checklist
  event: GateEvent
  github?: GitHubClient
  workspace: Workspace
  owner: string
  /** working-directory-relative path -> repository path */
  repoPath: (rel: string) => string
}): PolicyContext | undefined {
  const { policy } = o
  if (!policy.source || !policy.branchSha) return undefined
  const source = policy.source
  const sha = policy.branchSha
  let approval: Promise<boolean> | undefined
  return {
    sha,
    owner: o.owner,
    file: rel => source.file(sha, o.repoPath(rel)),
    approved: () =>
      (approval ??= (async () => {
        if (!o.github || !o.event.pr || !Object.hasOwn(o.checklist.roles, o.owner)) return false
        const { check } = await import('../checks/approvals/index.js')
        const item = policyItem(
          { diff: '', added: 0, removed: 0, introduced: false, files: [] },
          o.checklist.path,
          o.owner
        )
        const out = await check(item.with as unknown as ApprovalsOptions, item, {
          workspace: o.workspace,
          git: gitPort(o.workspace.root),
          tools: sandboxedTools(),
          checklist: o.checklist,
          event: o.event,
          github: o.github,
          now: () => new Date(),
          signal: new AbortController().signal
        })
        return out.status === 'pass'
      })())
  }
}
