import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { example, openapi, useOpenapiPaths, validateResponse } from './openapi.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

// A GitHub REST API emulator on loopback: it holds the state the gate reads and writes, answers with
// bodies shaped like GitHub's (built from the OpenAPI examples), paginates with Link headers, records
// every request and can be told to fail (5xx, secondary rate limit, hang, cut-off body).

export interface PullSpec {
  number: number
  author: string
  head: { sha: string; ref: string; repo?: string | null }
  base: { sha: string; ref: string }
  state?: 'open' | 'closed'
  merged?: boolean
  updatedAt?: string
}
export interface ReviewSpec {
  login: string
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING'
  commit: string
  at: string
}
export interface CommentSpec {
  issue: number
  login: string
  body: string
  at: string
  updatedAt?: string
  bot?: boolean
}
export interface CheckRunSpec {
  name: string
  status: 'queued' | 'in_progress' | 'completed'
  conclusion?: string | null
  /** the GitHub App that made the run (default 15368, GitHub Actions) */
  app?: number
  /** its check suite (default 1) */
  suite?: number
}
export interface StatusSpec {
  context: string
  state: 'pending' | 'success' | 'failure' | 'error'
  at?: string
  /** who posted it (default ci-bot) */
  creator?: string
  description?: string
}
export interface WorkflowRunSpec {
  workflow: string
  branch: string
  status?: 'completed' | 'in_progress'
  conclusion: string | null
  at: string
  sha?: string
  /** the event that started the run (default push) */
  event?: string
  /** owner/name of the repository the run's code came from (default this repository) */
  headRepo?: string
}

export interface PushSpec {
  /** refs/heads/NAME */
  ref: string
  before?: string
  after: string
  /** when GitHub received the push */
  at: string
  /** who pushed (default dev, the PR author) */
  actor?: string
}

export interface EmulatorState {
  owner: string
  repo: string
  pulls: PullSpec[]
  reviews: Record<number, ReviewSpec[]>
  comments: CommentSpec[]
  checkRuns: Record<string, CheckRunSpec[]>
  /** newest first, as GitHub lists them */
  statuses: Record<string, StatusSpec[]>
  workflowRuns: WorkflowRunSpec[]
  /** `org/slug` -> logins */
  teams: Record<string, string[]>
  /** login -> admin | maintain | write | triage | read */
  permissions: Record<string, string>
  /** ref or sha -> path -> text */
  files: Record<string, Record<string, string>>
  /** sha -> committer date */
  commits: Record<string, string>
  /** sha -> PR numbers */
  commitPulls: Record<string, number[]>
  /** workflow files that exist even without runs */
  workflows?: string[]
  /** ref or sha -> path -> link target: symbolic links in the tree */
  symlinks?: Record<string, Record<string, string>>
  /** branch -> tip and protection */
  branches?: Record<string, { sha: string; protected?: boolean }>
  defaultBranch?: string
  /** pushes, for the repository activity API */
  pushes?: PushSpec[]
  /** the login GET /user answers for a token; absent: 403, as for the workflow's GITHUB_TOKEN */
  tokenUser?: string
}

export type FaultKind =
  'server-error' | 'secondary-rate-limit' | 'timeout' | 'truncated' | 'redirect' | 'mislabelled-gzip'
export interface Fault {
  kind: FaultKind
  /** route name (e.g. `pulls.listReviews`) or method+path prefix; all routes when absent */
  route?: string
  /** how many requests it hits (default 1) */
  times?: number
  /** seconds, for secondary-rate-limit */
  retryAfter?: number
  /** where a `redirect` (301) points */
  location?: string
  /** the clear JSON a `mislabelled-gzip` answer sends as `content-encoding: gzip` (an empty list by default) */
  body?: unknown
}

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  route: string
  status: number
  body?: any
  response?: any
  fault?: FaultKind
}

export interface Emulator {
  url: string
  state: EmulatorState
  requests: RecordedRequest[]
  /** tokens and what they may do */
  tokens: Map<string, 'write' | 'read'>
  /** routes refused with 403 (a token without that permission) */
  deny: Set<string>
  fault(f: Fault): void
  /** called before each request is answered (tests move state along, e.g. a check finishes) */
  onRequest?: (r: { route: string; count: number }) => void
  /** responses that do not match GitHub's OpenAPI description */
  violations(): string[]
  close(): Promise<void>
}

export function emptyState(owner = 'acme', repo = 'trading'): EmulatorState {
  return {
    owner,
    repo,
    pulls: [],
    reviews: {},
    comments: [],
    checkRuns: {},
    statuses: {},
    workflowRuns: [],
    teams: {},
    permissions: {},
    files: {},
    commits: {},
    commitPulls: {}
  }
}

/** A blob's id as git computes it. */
function blobSha(text: string): string {
  const body = Buffer.from(text)
  return createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex')
}

let nextId = 1000
const id = () => nextId++

/** A stable numeric user id per login. */
export function userId(login: string): number {
  let h = 7
  for (const c of login.toLowerCase()) h = (h * 31 + c.charCodeAt(0)) % 9_000_000
  return 1_000_000 + h
}

function user(login: string, bot = false): any {
  const u = example('simple-user')
  return Object.assign(u, {
    login,
    // a person keeps one numeric id, as on GitHub
    id: userId(login),
    type: bot ? 'Bot' : 'User',
    url: `https://api.github.com/users/${login}`,
    html_url: `https://github.com/${login}`
  })
}

interface Route {
  name: string
  method: string
  /** OpenAPI path template */
  template: string
  pattern: RegExp
  handle: (ctx: HandlerContext) => { status: number; body?: any; list?: boolean } | undefined
  write?: boolean
}

interface HandlerContext {
  params: string[]
  query: Record<string, string>
  body: any
  state: EmulatorState
  base: string
}

function repoJson(state: EmulatorState, fullName?: string | null): any {
  if (fullName === null) return null
  const r = example('pull-request').base.repo
  const name = fullName ?? `${state.owner}/${state.repo}`
  const [owner, repo] = name.split('/')
  r.full_name = name
  r.name = repo
  r.owner.login = owner
  r.fork = name !== `${state.owner}/${state.repo}`
  return r
}

function pullJson(state: EmulatorState, p: PullSpec, simple = false): any {
  const pr = example(simple ? 'pull-request-simple-items' : 'pull-request')
  const out = Array.isArray(pr) ? pr[0] : pr
  Object.assign(out, {
    id: p.number + 500000,
    number: p.number,
    state: p.state ?? 'open',
    user: user(p.author),
    updated_at: p.updatedAt ?? '2025-01-01T00:00:00Z',
    url: `https://api.github.com/repos/${state.owner}/${state.repo}/pulls/${p.number}`,
    html_url: `https://github.com/${state.owner}/${state.repo}/pull/${p.number}`,
    requested_teams: []
  })
  if (!simple) Object.assign(out, { merged: p.merged ?? false, merged_at: p.merged ? out.updated_at : null })
  out.head = {
    ...out.head,
    sha: p.head.sha,
    ref: p.head.ref,
    label: p.head.ref,
    repo: repoJson(state, p.head.repo)
  }
  out.base = { ...out.base, sha: p.base.sha, ref: p.base.ref, label: p.base.ref, repo: repoJson(state) }
  return out
}

function commentJson(state: EmulatorState, c: CommentSpec & { id: number }): any {
  const out = example('issue-comment')
  return Object.assign(out, {
    id: c.id,
    node_id: `IC_${c.id}`,
    body: c.body,
    user: user(c.login, c.bot),
    created_at: c.at,
    updated_at: c.updatedAt ?? c.at,
    html_url: `https://github.com/${state.owner}/${state.repo}/pull/${c.issue}#issuecomment-${c.id}`,
    issue_url: `https://api.github.com/repos/${state.owner}/${state.repo}/issues/${c.issue}`,
    url: `https://api.github.com/repos/${state.owner}/${state.repo}/issues/comments/${c.id}`
  })
}

function statusJson(s: StatusSpec & { id?: number }, sha: string): any {
  const out = example('status')
  return Object.assign(out, {
    id: s.id ?? id(),
    context: s.context,
    state: s.state,
    description: (s as any).description ?? null,
    target_url: (s as any).target_url ?? null,
    created_at: s.at ?? '2025-01-01T00:00:00Z',
    updated_at: s.at ?? '2025-01-01T00:00:00Z',
    url: `https://api.github.com/repos/o/r/statuses/${sha}`,
    creator: user(s.creator ?? 'ci-bot', (s.creator ?? 'ci-bot').endsWith('[bot]'))
  })
}

const notFound = {
  status: 404,
  body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }
}

function routes(): Route[] {
  const R = (
    name: string,
    method: string,
    template: string,
    handle: Route['handle'],
    write = false
  ): Route => ({
    name,
    method,
    template,
    write,
    handle,
    pattern: new RegExp('^' + template.replace(/\{path\}/, '(.+)').replace(/\{[a-z_]+\}/g, '([^/]+)') + '$')
  })
  const P = '/repos/{owner}/{repo}'
  return [
    R('pulls.get', 'GET', `${P}/pulls/{pull_number}`, ({ state, params }) => {
      const p = state.pulls.find(x => x.number === Number(params[2]))
      return p ? { status: 200, body: pullJson(state, p) } : notFound
    }),
    R('pulls.listReviews', 'GET', `${P}/pulls/{pull_number}/reviews`, ({ state, params }) => {
      const list = (state.reviews[Number(params[2])] ?? []).map((r, i) => {
        const out = example('pull-request-review-items')[0]
        return Object.assign(out, {
          id: 80 + i,
          node_id: `PRR_${i}`,
          user: user(r.login),
          state: r.state,
          commit_id: r.commit,
          submitted_at: r.at,
          body: ''
        })
      })
      return { status: 200, body: list, list: true }
    }),
    R('issues.listComments', 'GET', `${P}/issues/{issue_number}/comments`, ({ state, params }) => {
      const n = Number(params[2])
      const list = state.comments
        .map((c, i) => ({ ...c, id: (c as any).id ?? i + 1 }))
        .filter(c => c.issue === n)
        .map(c => commentJson(state, c))
      return { status: 200, body: list, list: true }
    }),
    R(
      'issues.createComment',
      'POST',
      `${P}/issues/{issue_number}/comments`,
      ({ state, params, body }) => {
        if (typeof body?.body !== 'string') return { status: 422, body: { message: 'Invalid request' } }
        const n = Number(params[2])
        if (!state.pulls.some(p => p.number === n)) return notFound
        const c = {
          issue: n,
          login: 'github-actions[bot]',
          bot: true,
          body: body.body,
          at: new Date().toISOString()
        }
        state.comments.push(c)
        return { status: 201, body: commentJson(state, { ...c, id: state.comments.length }) }
      },
      true
    ),
    R(
      'issues.updateComment',
      'PATCH',
      `${P}/issues/comments/{comment_id}`,
      ({ state, params, body }) => {
        const i = Number(params[2]) - 1
        const c = state.comments[i]
        if (!c) return notFound
        c.body = body.body
        c.updatedAt = new Date().toISOString()
        return { status: 200, body: commentJson(state, { ...c, id: i + 1 }) }
      },
      true
    ),
    R(
      'repos.getCollaboratorPermissionLevel',
      'GET',
      `${P}/collaborators/{username}/permission`,
      ({ state, params }) => {
        const login = decodeURIComponent(params[2])
        const level = Object.entries(state.permissions).find(
          ([k]) => k.toLowerCase() === login.toLowerCase()
        )?.[1]
        if (!level) return notFound
        const out = example('repository-collaborator-permission-response-if-user-has-admin-permissions')
        const permission = { maintain: 'write', triage: 'read' }[level] ?? level
        return {
          status: 200,
          body: Object.assign(out, {
            permission,
            role_name: level,
            user: Object.assign(out.user ?? {}, { ...user(login), permissions: undefined, role_name: level })
          })
        }
      }
    ),
    R('teams.listMembersInOrg', 'GET', '/orgs/{org}/teams/{team_slug}/members', ({ state, params }) => {
      const members = state.teams[`${params[0]}/${params[1]}`]
      if (!members) return notFound
      return { status: 200, body: members.map(l => user(l)), list: true }
    }),
    R('checks.listForRef', 'GET', `${P}/commits/{ref}/check-runs`, ({ state, params }) => {
      const runs = (state.checkRuns[params[2]] ?? []).map((c, i) => {
        const out = example('check-run-paginated').check_runs[0]
        return Object.assign(out, {
          id: 4000 + i,
          name: c.name,
          head_sha: params[2],
          status: c.status,
          app: { ...out.app, id: c.app ?? 15368 },
          check_suite: { id: c.suite ?? 1 },
          conclusion: c.status === 'completed' ? (c.conclusion ?? 'success') : null,
          completed_at: c.status === 'completed' ? '2025-01-01T00:00:00Z' : null
        })
      })
      return { status: 200, body: { total_count: runs.length, check_runs: runs }, list: true }
    }),
    R('repos.listCommitStatusesForRef', 'GET', `${P}/commits/{ref}/statuses`, ({ state, params }) => ({
      status: 200,
      body: (state.statuses[params[2]] ?? []).map(s => statusJson(s, params[2])),
      list: true
    })),
    R(
      'repos.createCommitStatus',
      'POST',
      `${P}/statuses/{sha}`,
      ({ state, params, body }) => {
        if (!['pending', 'success', 'failure', 'error'].includes(body?.state))
          return { status: 422, body: { message: 'Validation Failed' } }
        const s = { ...body, at: new Date().toISOString(), id: id(), creator: 'github-actions[bot]' }
        ;(state.statuses[params[2]] ??= []).unshift(s)
        return { status: 201, body: statusJson(s, params[2]) }
      },
      true
    ),
    R(
      'actions.listWorkflowRuns',
      'GET',
      `${P}/actions/workflows/{workflow_id}/runs`,
      ({ state, params, query }) => {
        const wf = decodeURIComponent(params[2])
        if (!state.workflowRuns.some(r => r.workflow === wf) && !state.workflows?.includes(wf))
          return notFound
        const runs = state.workflowRuns
          .map((r, i) => ({ ...r, id: 9000 + i }))
          .filter(r => r.workflow === wf)
          .filter(r => !query.branch || r.branch === query.branch)
          .filter(r => !query.status || (r.status ?? 'completed') === query.status)
          .sort((a, b) => b.at.localeCompare(a.at))
          .map(r => {
            const out = example('workflow-run-paginated').workflow_runs[0]
            return Object.assign(out, {
              id: r.id,
              head_branch: r.branch,
              head_sha: r.sha ?? 'acb5820ced9479c074f688cc328bf03f341a511d',
              event: r.event ?? 'push',
              head_repository: (() => {
                const name = r.headRepo ?? `${state.owner}/${state.repo}`
                const hr = structuredClone(out.head_repository)
                hr.full_name = name
                hr.name = name.split('/')[1]
                hr.owner.login = name.split('/')[0]
                return hr
              })(),
              path: `.github/workflows/${wf}`,
              status: r.status ?? 'completed',
              conclusion: r.conclusion,
              created_at: r.at,
              updated_at: r.at,
              html_url: `https://github.com/${state.owner}/${state.repo}/actions/runs/${r.id}`
            })
          })
        return { status: 200, body: { total_count: runs.length, workflow_runs: runs }, list: true }
      }
    ),
    R('repos.getContent', 'GET', `${P}/contents/{path}`, ({ state, params, query }) => {
      const path = decodeURIComponent(params[2])
      const ref = query.ref ?? 'HEAD'
      const files = state.files[ref] ?? {}
      const links = state.symlinks?.[ref] ?? {}
      const link = links[path]
      if (link !== undefined) {
        const out = example('content-file-response-if-content-is-a-symlink')
        return {
          status: 200,
          body: Object.assign(out, {
            type: 'symlink',
            target: link,
            path,
            name: path.split('/').pop(),
            sha: blobSha(link),
            size: link.length
          })
        }
      }
      const text = files[path]
      if (text === undefined) {
        const prefix = path.replace(/\/+$/, '') + '/'
        const all = [...Object.keys(files), ...Object.keys(links)].filter(f => f.startsWith(prefix))
        if (all.length === 0) return notFound
        const template = example('content-file-response-if-content-is-a-directory')[0]
        const names = all.filter(f => !f.slice(prefix.length).includes('/'))
        const dirs = [
          ...new Set(
            all
              .map(f => f.slice(prefix.length))
              .filter(r => r.includes('/'))
              .map(r => r.split('/')[0])
          )
        ]
        const list = names.sort().map(f => {
          const isLink = f in links
          const body = isLink ? links[f] : files[f]
          return {
            ...structuredClone(template),
            type: isLink ? 'symlink' : 'file',
            name: f.slice(prefix.length),
            path: f,
            sha: blobSha(body),
            size: Buffer.byteLength(body)
          }
        })
        for (const d of dirs.sort()) {
          const inside = all.filter(f => f.startsWith(`${prefix}${d}/`)).sort()
          list.push({
            ...structuredClone(template),
            type: 'dir',
            name: d,
            path: `${prefix}${d}`,
            // stands for the tree id: it changes when anything inside does
            sha: blobSha(inside.map(f => `${f}\u0000${files[f] ?? links[f]}`).join('\u0000')),
            size: 0
          })
        }
        return { status: 200, body: list }
      }
      const out = example('content-file-response-if-content-is-a-file')
      const content = Buffer.from(text).toString('base64')
      return {
        status: 200,
        body: Object.assign(out, {
          path,
          name: path.split('/').pop(),
          sha: blobSha(text),
          size: Buffer.byteLength(text),
          content: content.replace(/(.{60})/g, '$1\n'),
          encoding: 'base64'
        })
      }
    }),
    R(
      'repos.listPullRequestsAssociatedWithCommit',
      'GET',
      `${P}/commits/{commit_sha}/pulls`,
      ({ state, params }) => {
        const numbers = state.commitPulls[params[2]] ?? []
        const list = numbers
          .map(n => state.pulls.find(p => p.number === n))
          .filter((p): p is PullSpec => Boolean(p))
          .map(p => pullJson(state, p, true))
        return { status: 200, body: list, list: true }
      }
    ),
    R('repos.get', 'GET', P, ({ state }) => {
      const out = example('full-repository')
      out.full_name = `${state.owner}/${state.repo}`
      out.name = state.repo
      out.default_branch = state.defaultBranch ?? 'main'
      return { status: 200, body: out }
    }),
    R('repos.getBranch', 'GET', `${P}/branches/{branch}`, ({ state, params }) => {
      const name = decodeURIComponent(params[2])
      const b = state.branches?.[name]
      if (!b) return notFound
      const out = example('branch-get')
      out.name = name
      out.commit.sha = b.sha
      out.protected = Boolean(b.protected)
      return { status: 200, body: out }
    }),
    R('repos.listActivities', 'GET', `${P}/activity`, ({ state, query }) => {
      const template = example('activity-items')[0]
      const list = (state.pushes ?? [])
        .filter(p => !query.ref || p.ref === query.ref)
        .sort((a, b) => b.at.localeCompare(a.at))
        .map((p, i) =>
          Object.assign(structuredClone(template), {
            id: 7000 + i,
            ref: p.ref,
            before: p.before ?? '0'.repeat(40),
            after: p.after,
            timestamp: p.at,
            activity_type: 'push',
            actor: user(p.actor ?? 'dev')
          })
        )
      return { status: 200, body: list, list: true }
    }),
    R('users.getAuthenticated', 'GET', '/user', ({ state }) => {
      if (!state.tokenUser)
        return {
          status: 403,
          body: {
            message: 'Resource not accessible by integration',
            documentation_url: 'https://docs.github.com/rest'
          }
        }
      const out = example('private-user')
      out.login = state.tokenUser
      return { status: 200, body: out }
    }),
    R('repos.getCommit', 'GET', `${P}/commits/{ref}`, ({ state, params }) => {
      const date = state.commits[params[2]]
      if (!date) return { status: 422, body: { message: `No commit found for SHA: ${params[2]}` } }
      const out = example('commit')
      out.sha = params[2]
      out.commit.committer.date = date
      out.commit.author.date = date
      out.files = []
      return { status: 200, body: out }
    })
  ]
}

function paginate(
  items: any[] | { total_count: number; [k: string]: any },
  query: Record<string, string>,
  url: URL
): { body: any; link?: string } {
  const perPage = Math.min(100, Number(query.per_page ?? 30) || 30)
  const page = Math.max(1, Number(query.page ?? 1) || 1)
  const key = Array.isArray(items)
    ? undefined
    : Object.keys(items).find(k => Array.isArray((items as any)[k]))
  const all: any[] = key ? (items as any)[key] : (items as any[])
  const last = Math.max(1, Math.ceil(all.length / perPage))
  const slice = all.slice((page - 1) * perPage, page * perPage)
  const body = key ? { ...(items as any), [key]: slice } : slice
  const at = (p: number) => {
    const u = new URL(url)
    u.searchParams.set('page', String(p))
    u.searchParams.set('per_page', String(perPage))
    return u.toString()
  }
  const links: string[] = []
  if (page < last) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`)
  if (page > 1) links.push(`<${at(1)}>; rel="first"`, `<${at(page - 1)}>; rel="prev"`)
  return { body, link: links.length ? links.join(', ') : undefined }
}

async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export async function startEmulator(state: EmulatorState = emptyState()): Promise<Emulator> {
  const table = routes()
  // loaded before the first request, so that no answer is slow
  useOpenapiPaths(table.map(r => r.template))
  openapi()
  const faults: (Fault & { left: number })[] = []
  const requests: RecordedRequest[] = []
  const checked: { method: string; template: string; status: number; body: any }[] = []
  const sockets = new Set<Socket>()
  const counts = new Map<string, number>()

  const emulator: Emulator = {
    url: '',
    state,
    requests,
    tokens: new Map(),
    deny: new Set(),
    fault(f) {
      faults.push({ ...f, left: f.times ?? 1 })
    },
    violations() {
      return checked.flatMap(c => validateResponse(c.method, c.template, c.status, c.body))
    },
    close() {
      for (const s of sockets) s.destroy()
      return new Promise(resolve => server.close(() => resolve()))
    }
  }

  const send = (res: ServerResponse, status: number, body: any, headers: Record<string, string> = {}) => {
    const text = body === undefined ? '' : JSON.stringify(body)
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
      'x-github-api-version-selected': '2022-11-28',
      ...headers
    })
    res.end(text)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', emulator.url)
    const path = url.pathname.replace(/^\/api\/v3/, '')
    const query = Object.fromEntries(url.searchParams)
    const body = await readBody(req)
    const method = req.method ?? 'GET'
    const route = table.find(r => r.method === method && r.pattern.test(path))
    const record: RecordedRequest = { method, path, query, route: route?.name ?? 'unknown', status: 0, body }
    requests.push(record)
    const name = route?.name ?? `${method} ${path}`
    counts.set(name, (counts.get(name) ?? 0) + 1)
    emulator.onRequest?.({ route: name, count: counts.get(name)! })

    const fault = faults.find(
      f => f.left > 0 && (!f.route || f.route === route?.name || `${method} ${path}`.startsWith(f.route))
    )
    if (fault) {
      fault.left--
      record.fault = fault.kind
      if (fault.kind === 'timeout') return // never answers; the client gives up
      if (fault.kind === 'server-error') {
        record.status = 502
        return send(res, 502, { message: 'Server Error' })
      }
      if (fault.kind === 'secondary-rate-limit') {
        record.status = 403
        return send(
          res,
          403,
          {
            message:
              'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api'
          },
          { 'retry-after': String(fault.retryAfter ?? 1) }
        )
      }
      if (fault.kind === 'redirect') {
        record.status = 301
        return send(
          res,
          301,
          {
            message: 'Moved Permanently',
            url: fault.location ?? '',
            documentation_url: 'https://docs.github.com/rest'
          },
          { location: fault.location ?? '/' }
        )
      }
      if (fault.kind === 'mislabelled-gzip') {
        record.status = 200
        return send(res, 200, fault.body ?? [], { 'content-encoding': 'gzip' })
      }
      if (fault.kind === 'truncated') {
        record.status = 200
        const text = JSON.stringify({
          message: 'x'.repeat(200),
          items: Array.from({ length: 20 }, (_, i) => i)
        })
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': String(Buffer.byteLength(text))
        })
        res.write(text.slice(0, text.length >> 1))
        setTimeout(() => res.destroy(), 5)
        return
      }
    }

    const auth = req.headers.authorization ?? ''
    const token = auth.replace(/^(token|bearer)\s+/i, '')
    const right = emulator.tokens.get(token)
    if (!right) {
      record.status = 401
      return send(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' })
    }
    if (!route) {
      record.status = 404
      return send(res, 404, notFound.body)
    }
    const [owner, repo] = route.pattern.exec(path)!.slice(1)
    if (route.template.startsWith('/repos/') && (owner !== state.owner || repo !== state.repo)) {
      record.status = 404
      return send(res, 404, notFound.body)
    }
    if ((route.write && right === 'read') || emulator.deny.has(route.name)) {
      record.status = 403
      return send(res, 403, {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest'
      })
    }
    const params = route.pattern.exec(path)!.slice(1)
    const out = route.handle({
      params: route.template.startsWith('/repos/') ? params : params,
      query,
      body,
      state,
      base: emulator.url
    })!
    let responseBody = out.body
    let link: string | undefined
    if (out.list && out.status === 200) ({ body: responseBody, link } = paginate(out.body, query, url))
    record.status = out.status
    record.response = responseBody
    checked.push({ method, template: route.template, status: out.status, body: responseBody })
    send(res, out.status, responseBody, link ? { link } : {})
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(e => {
      res.writeHead(500)
      res.end(String(e))
    })
  })
  server.on('connection', s => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  emulator.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return emulator
}
