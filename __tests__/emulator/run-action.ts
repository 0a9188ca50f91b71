import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { BASE, HEAD } from './fixtures.js'
import type { Emulator } from './server.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

// The bundled action, run as the runner runs it (a node process with the runner's variables and a real
// webhook payload), against the loopback emulator.

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/index.js')
const examples: { name: string; examples: any[] }[] = createRequire(import.meta.url)(
  '@octokit/webhooks-examples'
)

export interface ActionRun {
  code: number
  stdout: string
  summary: string
  outputs: Record<string, string>
  /** the files asked for with `read`, from the workspace, before it is removed */
  files: Record<string, string>
}

/** A `pull_request` payload for PR #7 of acme/trading (head HEAD on release/v0.5.0, base BASE on main). */
export function prPayload(author = 'dev'): any {
  const p = structuredClone(
    examples.find(e => e.name === 'pull_request')!.examples.find(x => x.action === 'opened')
  )
  p.number = 7
  p.pull_request.number = 7
  p.pull_request.user.login = author
  p.pull_request.head.sha = HEAD
  p.pull_request.head.ref = 'release/v0.5.0'
  p.pull_request.base.sha = BASE
  p.pull_request.base.ref = 'main'
  p.pull_request.base.repo.full_name = 'acme/trading'
  p.pull_request.head.repo.full_name = 'acme/trading'
  p.repository.full_name = 'acme/trading'
  p.repository.default_branch = 'main'
  return p
}

function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of text.matchAll(/^([^<\n]+)<<(ghadelimiter_[^\n]+)\n([\s\S]*?)\n\2$/gm)) out[m[1]] = m[3]
  return out
}

/** Runs dist/index.js on `event` with the checklist in a fresh workspace; inputs as INPUT_* in `extra`. */
export function runAction(
  gh: Emulator,
  token: string,
  checklist: string,
  event: any = prPayload(),
  extra: Record<string, string> = {},
  read: string[] = []
): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'glg-e2e-'))
  const ws = path.join(dir, 'ws')
  mkdirSync(path.join(ws, '.github'), { recursive: true })
  writeFileSync(path.join(ws, '.github/go-live.yml'), checklist)
  const files = {
    event: path.join(dir, 'event.json'),
    summary: path.join(dir, 'summary.md'),
    output: path.join(dir, 'output')
  }
  writeFileSync(files.event, JSON.stringify(event))
  writeFileSync(files.summary, '')
  writeFileSync(files.output, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: 'acme/trading',
    GITHUB_SHA: HEAD,
    GITHUB_REF: 'refs/pull/7/merge',
    GITHUB_WORKSPACE: ws,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    GITHUB_API_URL: gh.url,
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
    ...extra
  }
  return new Promise(resolve => {
    execFile(process.execPath, [DIST], { env, cwd: ws, timeout: 60_000 }, (error, stdout) => {
      const run = {
        code: error ? ((error as any).code ?? 1) : 0,
        stdout,
        summary: readFileSync(files.summary, 'utf8'),
        outputs: parseOutputs(readFileSync(files.output, 'utf8')),
        files: Object.fromEntries(read.map(f => [f, readFileSync(path.join(ws, f), 'utf8')]))
      }
      rmSync(dir, { recursive: true, force: true })
      resolve(run)
    })
  })
}
