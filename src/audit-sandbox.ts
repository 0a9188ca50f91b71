// The audit tools' sandbox: the real ToolPort (src/checks/types.ts) the entries hand to the gate. A kind asks
// `ctx.tools.run(...)`; only this module spawns a process for it (docs/security.md says what it guards).
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { CheckError } from './errors.js'
import type { SandboxedRun, ToolPort, ToolRun } from './checks/types.js'
import { pathProblem } from './workspace.js'

/** Output beyond this is not an audit report we can use. */
const MAX_OUTPUT = 256 * 1024 * 1024
/** A manifest or lockfile beyond this is not one we hand to a tool. */
const MAX_INPUT = 64 * 1024 * 1024

/** The registry audits go to, unless the workflow (never the PR) names another. */
export const DEFAULT_REGISTRY = 'https://registry.npmjs.org/'

/** Variables a tool may see from the gate's own environment: none of them carries a credential. */
const PASSED_ENV = ['PATH', 'LANG', 'LC_ALL', 'SystemRoot', 'SYSTEMROOT', 'ComSpec', 'PATHEXT', 'WINDIR']

/** The real ToolPort: every run in the sandbox below, against the registry the workflow named (or npm's). */
export function sandboxedTools(): ToolPort {
  return { registry: auditRegistry(), run: runSandboxedTool }
}

/**
 * Runs an audit tool so that nothing the PR controls can steer it: in a fresh folder holding copies of only
 * the manifests and lockfiles it needs (so no `.npmrc`, `.yarnrc`, `.yarnrc.yml`, `.pnpmrc`, `yarn-path` or
 * `yarnPath` of the PR is read), with a fresh HOME and a minimal environment (no token, no `GITHUB_*`,
 * `INPUT_*`, `ACTIONS_*` or `npm_config_*` of the runner), the registry named explicitly, and
 * `YARN_IGNORE_PATH=1` so that no checked-in yarn release runs. Missing inputs are left out (the tool says).
 */
export async function runSandboxedTool(run: SandboxedRun): Promise<ToolRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'go-live-audit-'))
  try {
    const work = path.join(dir, 'project')
    const home = path.join(dir, 'home')
    await mkdir(work)
    await mkdir(home)
    for (const rel of run.inputs) {
      const problem = pathProblem(rel)
      if (problem) throw new CheckError(problem)
      if (!(await run.workspace.exists(rel))) continue
      const bytes = await run.workspace.readBytes(rel, MAX_INPUT)
      await mkdir(path.dirname(path.join(work, rel)), { recursive: true })
      await writeFile(
        path.join(work, rel),
        path.basename(rel) === 'package.json' ? withoutToolPins(bytes) : bytes
      )
    }
    const userconfig = path.join(home, '.npmrc')
    const registry = auditRegistry()
    await writeFile(userconfig, `registry=${registry}\n`)
    const env: Record<string, string> = {}
    for (const name of PASSED_ENV) {
      const value = process.env[name]
      if (value !== undefined) env[name] = value
    }
    Object.assign(env, {
      HOME: home,
      USERPROFILE: home,
      TMPDIR: dir,
      XDG_CONFIG_HOME: path.join(home, '.config'),
      XDG_CACHE_HOME: path.join(home, '.cache'),
      CI: 'true',
      NO_UPDATE_NOTIFIER: '1',
      npm_config_userconfig: userconfig,
      npm_config_globalconfig: path.join(home, 'npmrc-global'),
      npm_config_registry: registry,
      npm_config_cache: path.join(home, '.npm'),
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      YARN_IGNORE_PATH: '1',
      YARN_REGISTRY: registry,
      YARN_NPM_REGISTRY_SERVER: registry.replace(/\/$/, ''),
      YARN_ENABLE_TELEMETRY: '0',
      COREPACK_ENABLE_STRICT: '0',
      COREPACK_ENABLE_AUTO_PIN: '0',
      ...run.env
    })
    return await runTool(run.file, run.args, work, { signal: run.signal, timeoutMs: run.timeoutMs, env })
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined)
  }
}

/**
 * A package.json without `packageManager` / `devEngines`: through corepack they pick (and download) the tool
 * that runs, which a PR must not choose. Text that is not a JSON object is copied as it is (the tool says).
 */
function withoutToolPins(bytes: Buffer): Buffer {
  try {
    const manifest = JSON.parse(bytes.toString('utf8')) as unknown
    if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) return bytes
    const copy = { ...(manifest as Record<string, unknown>) }
    delete copy.packageManager
    delete copy.devEngines
    return Buffer.from(JSON.stringify(copy, null, 2) + '\n')
  } catch {
    return bytes
  }
}

/** `GO_LIVE_GATE_AUDIT_REGISTRY` (set by the workflow, e.g. for a mirror), else the public registry. */
export function auditRegistry(): string {
  const named = process.env.GO_LIVE_GATE_AUDIT_REGISTRY?.trim()
  if (!named) return DEFAULT_REGISTRY
  return named.endsWith('/') ? named : `${named}/`
}

/**
 * Runs a command in `cwd`, collecting its output; a missing tool, a timeout or an abort throws. The child sees
 * `options.env` only (never the gate's whole environment): audits go through runSandboxedTool.
 */
export function runTool(
  file: string,
  args: string[],
  cwd: string,
  options: { signal: AbortSignal; timeoutMs: number; env: Record<string, string> }
): Promise<ToolRun> {
  const command = [file, ...args].join(' ')
  return new Promise((resolve, reject) => {
    let child: ReturnType<typeof spawn>
    try {
      child = spawn(file, args, {
        cwd,
        env: options.env,
        signal: options.signal,
        // npm, yarn and pnpm are .cmd shims on Windows
        shell: process.platform === 'win32',
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true
      })
    } catch (e) {
      reject(new CheckError(`cannot run ${command}: ${(e as Error).message}`))
      return
    }
    // Our own timer, cleared on every ending: spawn's `timeout` keeps the process alive after ENOENT.
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGTERM')
    }, options.timeoutMs)
    timer.unref()
    const out: Buffer[] = []
    const err: Buffer[] = []
    let size = 0
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_OUTPUT) child.kill()
      else into.push(chunk)
    }
    child.stdout?.on('data', collect(out))
    child.stderr?.on('data', collect(err))
    child.on('error', e => {
      clearTimeout(timer)
      const code = (e as NodeJS.ErrnoException).code
      if (code === 'ENOENT')
        reject(
          new CheckError(`${file} is not installed (cannot run ${command}); install it or give \`report\``)
        )
      else if (e.name === 'AbortError') reject(new CheckError(`${command} was stopped: the item timed out`))
      else reject(new CheckError(`cannot run ${command}: ${e.message}`))
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (options.signal.aborted) return reject(new CheckError(`${command} was stopped: the item timed out`))
      if (signal || timedOut)
        return reject(
          new CheckError(
            size > MAX_OUTPUT
              ? `${command} printed more than ${MAX_OUTPUT} bytes`
              : `${command} did not finish within ${Math.round(options.timeoutMs / 1000)}s (${signal})`
          )
        )
      resolve({
        command,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code
      })
    })
  })
}
