import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { HEAD } from '../emulator/fixtures.js'
import type { Emulator } from '../emulator/server.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

// The action against the loopback emulator, with the runner's variables and a real webhook payload: the bundle
// as the runner runs it (runAction: a node process), or its code in this process (runActionHere, for the
// variants of a scenario). GLG_DIST runs another bundle (an older build, to see an attack test fail on the code
// before the fix); GLG_E2E_BUNDLE=1 sends every runActionHere through the bundle too.

const HERE = path.dirname(fileURLToPath(import.meta.url))
export const DIST = process.env.GLG_DIST || path.resolve(HERE, '../../dist/index.js')

const examples: { name: string; examples: any[] }[] = createRequire(import.meta.url)(
  '@octokit/webhooks-examples'
)

/** A webhook example payload of the repository acme/trading, default branch main. */
export function payload(name: string, action?: string): any {
  const p = structuredClone(
    examples.find(e => e.name === name)!.examples.find(x => action === undefined || x.action === action)
  )
  if (p.repository) {
    p.repository.full_name = 'acme/trading'
    p.repository.default_branch = 'main'
  }
  return p
}

export function prPayload(o: { head?: string; base?: string; baseRef?: string; fork?: boolean } = {}): any {
  const p = payload('pull_request', 'opened')
  p.number = 7
  p.pull_request.number = 7
  p.pull_request.user.login = 'dev'
  p.pull_request.head.sha = o.head ?? HEAD
  p.pull_request.head.ref = 'release/v0.5.0'
  p.pull_request.base.sha = o.base ?? 'b'.repeat(39) + '1'
  p.pull_request.base.ref = o.baseRef ?? 'main'
  p.pull_request.base.repo.full_name = 'acme/trading'
  p.pull_request.head.repo.full_name = o.fork ? 'mallory/trading' : 'acme/trading'
  return p
}

export function commentPayload(body: string): any {
  const p = payload('issue_comment', 'created')
  p.issue.number = 7
  p.issue.pull_request = { url: 'https://api.github.com/repos/acme/trading/pulls/7' }
  p.comment.body = body
  return p
}

export interface Run {
  code: number
  stdout: string
  summary: string
  outputs: Record<string, string>
  /** the workspace (removed by cleanup) */
  ws: string
}

function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const re = /^([^<\n]+)<<(ghadelimiter_[^\n]+)\n([\s\S]*?)\n\2$/gm
  for (const m of text.matchAll(re)) out[m[1]] = m[3]
  return out
}

const dirs: string[] = []

/** Removes every folder the runs made. */
export function cleanup(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
}

export interface RunOptions {
  eventName: string
  event: any
  /** files of the workspace (the checkout) */
  files?: Record<string, string>
  /** called with the workspace folder before the run (links, git) */
  prepare?: (ws: string, dir: string) => void
  env?: Record<string, string>
}

interface Prepared {
  ws: string
  env: Record<string, string>
  files: { summary: string; output: string }
}

/** The workspace, the event file and the runner's variables of one run. */
function prepareRun(gh: Emulator, token: string, o: RunOptions): Prepared {
  const dir = mkdtempSync(path.join(tmpdir(), 'glg-attack-'))
  dirs.push(dir)
  const ws = path.join(dir, 'ws')
  mkdirSync(ws)
  for (const [rel, text] of Object.entries(o.files ?? {})) {
    mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true })
    writeFileSync(path.join(ws, rel), text)
  }
  o.prepare?.(ws, dir)
  const files = {
    event: path.join(dir, 'event.json'),
    summary: path.join(dir, 'summary.md'),
    output: path.join(dir, 'output')
  }
  writeFileSync(files.event, JSON.stringify(o.event))
  writeFileSync(files.summary, '')
  writeFileSync(files.output, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: o.eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: 'acme/trading',
    GITHUB_SHA: HEAD,
    GITHUB_REF: 'refs/pull/7/merge',
    GITHUB_WORKSPACE: ws,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    GITHUB_API_URL: gh.url,
    // octokit's back-off and write spacing in milliseconds instead of seconds (honoured on loopback only)
    GO_LIVE_GATE_TEST_TIME_UNIT_MS: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_JOB: 'gate',
    'INPUT_GITHUB-TOKEN': token,
    INPUT_CHECKLIST: '.github/go-live.yml',
    INPUT_MODE: 'enforce',
    INPUT_COMMENT: 'always',
    'INPUT_STATUS-CONTEXT': 'go-live',
    'INPUT_POLICY-REF': 'base',
    'INPUT_POLICY-OWNER': 'release-manager',
    ...o.env
  }
  return { ws, env, files }
}

function finished(p: Prepared, code: number, stdout: string): Run {
  return {
    code,
    stdout,
    summary: readFileSync(p.files.summary, 'utf8'),
    outputs: parseOutputs(readFileSync(p.files.output, 'utf8')),
    ws: p.ws
  }
}

/** The bundle (dist/index.js) in a node process, as the runner starts it. */
export function runAction(gh: Emulator, token: string, o: RunOptions): Promise<Run> {
  const p = prepareRun(gh, token, o)
  return new Promise(resolve => {
    execFile(process.execPath, [DIST], { env: p.env, cwd: p.ws, timeout: 60_000 }, (error, stdout) => {
      resolve(finished(p, error ? ((error as any).code ?? 1) : 0, stdout))
    })
  })
}

/**
 * The same run of the action's own code (src/main.ts, what dist/index.js runs) in this process: the runner's
 * variables as process.env, the action's log captured, its exit code read and put back. For the variants of a
 * scenario whose bundle run (runAction) shows it end to end; git and the audit tools it starts get the same
 * variables (src/git.ts and src/audit-sandbox.ts pass process.env on).
 */
export async function runActionHere(gh: Emulator, token: string, o: RunOptions): Promise<Run> {
  if (process.env.GLG_E2E_BUNDLE) return runAction(gh, token, o)
  const p = prepareRun(gh, token, o)
  const { run } = await import('../../src/main.js')
  // @actions/core keeps the job summary's file from its first use (a runner starts one process per step)
  const summary = (await import('@actions/core')).summary as unknown as { _filePath?: string }
  summary._filePath = undefined
  const saved = { env: process.env, exitCode: process.exitCode, write: process.stdout.write }
  let stdout = ''
  process.env = { ...p.env }
  process.exitCode = undefined
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    return true
  }) as typeof process.stdout.write
  let code: number
  try {
    await run()
    code = Number(process.exitCode ?? 0)
  } finally {
    process.stdout.write = saved.write
    process.env = saved.env
    process.exitCode = saved.exitCode
  }
  return finished(p, code, stdout)
}
