import { fileURLToPath, pathToFileURL } from 'node:url'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const HERE = path.dirname(fileURLToPath(import.meta.url))

const ROOT = path.resolve(HERE, '../..')
export const CLI = path.join(ROOT, 'dist/cli.js')
export const ACTION = path.join(ROOT, 'dist/index.js')

export interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Environment without the runner's and the caller's GitHub variables, so a test says what it sets. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env))
    if (!/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_|CI$)/.test(k)) env[k] = v
  // octokit's back-off and write spacing in milliseconds instead of seconds (honoured on loopback only)
  return { ...env, NO_COLOR: '1', GO_LIVE_GATE_TEST_TIME_UNIT_MS: '1', ...extra }
}

export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: cleanEnv(env),
    encoding: 'utf8',
    timeout: 60_000
  })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

/**
 * node with `args` as a child process that does not block this one (loopback servers in the test keep
 * answering), with the clean environment and `env`; killed past `timeoutMs`.
 */
export function runNodeAsync(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
  timeoutMs = 60_000
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: cleanEnv(env) })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', d => (stdout += String(d)))
    child.stderr.on('data', d => (stderr += String(d)))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', e => {
      clearTimeout(timer)
      reject(e)
    })
    child.on('close', code => {
      clearTimeout(timer)
      resolve({ code: code ?? -1, stdout, stderr })
    })
  })
}

/** The bundled CLI, as runNodeAsync runs node. */
export function runCliAsync(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
  timeoutMs?: number
): Promise<Run> {
  return runNodeAsync([CLI, ...args], cwd, env, timeoutMs)
}

export interface ActionRun extends Run {
  summary: string
  outputs: Record<string, string>
}

/** Runs the bundled action the way the runner does: a node process with INPUT_* and GITHUB_* set. */
export function runAction(
  workspace: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {}
): ActionRun {
  const dir = mkdtempSync(path.join(tmpdir(), 'glg-runner-'))
  const summaryFile = path.join(dir, 'summary.md')
  const outputFile = path.join(dir, 'output.txt')
  writeFileSync(summaryFile, '')
  writeFileSync(outputFile, '')
  const eventPath = path.join(dir, 'event.json')
  if (!env.GITHUB_EVENT_PATH)
    writeFileSync(
      eventPath,
      JSON.stringify({ ref: 'refs/heads/main', repository: { default_branch: 'main' } })
    )
  // the runner checks out the commit it reports on: a git workspace's HEAD is GITHUB_SHA
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: workspace, encoding: 'utf8' })
  const sha = head.status === 0 ? head.stdout.trim() : '0123456789abcdef0123456789abcdef01234567'
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
  const r = spawnSync(process.execPath, [ACTION], {
    cwd: workspace,
    encoding: 'utf8',
    timeout: 60_000,
    env: cleanEnv({
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REF: 'refs/heads/main',
      GITHUB_SHA: sha,
      ...inputEnv,
      ...env
    })
  })
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    summary: readFileSync(summaryFile, 'utf8'),
    outputs: parseOutputs(readFileSync(outputFile, 'utf8'))
  }
}

/** The GITHUB_OUTPUT file format: `name<<DELIM\nvalue\nDELIM`. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (!m) continue
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i])
    out[m[1]] = value.join('\n')
  }
  return out
}

/**
 * NODE_OPTIONS for a run whose every new worker thread writes `marker` on stderr: proof that the bundle
 * really did the work in workers, not in-thread.
 */
export function countingWorkers(marker: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'glg-preload-')), 'count-workers.mjs')
  writeFileSync(
    file,
    `import wt from 'node:worker_threads'
import { syncBuiltinESMExports } from 'node:module'
const Base = wt.Worker
wt.Worker = class extends Base {
  constructor(...args) {
    super(...args)
    process.stderr.write(${JSON.stringify(marker + '\n')})
  }
}
syncBuiltinESMExports()
`
  )
  return `--import=${pathToFileURL(file).href}`
}
