// Services that take seconds to become ready, started at the beginning of the run so that the wait overlaps
// with the other test files: Prometheus 2.42 scrapes its targets first ~5.5 s after it starts (a hard-coded
// 5 s tick), a whole core idle for each file that waited for it in its beforeAll.
//
// A test file names what it needs with a line `// @early-service NAME` in its header. The sequencer
// (sequencer.mjs) reads those lines of the files in the run and orders those files after the first ones;
// the global setup (global-setup.mjs) launches the services (this module, bundled by esbuild) and hands
// each one's address to the workers in GLG_EARLY_SERVICE_<NAME>. `useService` in the test file waits until
// it is ready, or launches it there when the run did not (a file run under another config).
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { families, RULES, STEP } from '../checks/prometheus/data.js'
import {
  DAY,
  freePort,
  launchPrometheus,
  openMetrics,
  prometheusReady,
  stopPrometheusIn,
  type LaunchedPrometheus,
  type PrometheusInstance
} from './prometheus.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const EXAMPLE = path.join(ROOT, 'examples/mech-exo')

/** The kind's own week of data (checks/prometheus/data.ts), and a target that is down. */
async function prometheusLive() {
  const end = Math.floor(Date.now() / 1000 / 60) * 60 - 120
  const from = end - 7 * DAY
  const deadPort = await freePort()
  const p = await launchPrometheus(() => ({
    data: openMetrics(families(from), from, end, STEP),
    rules: RULES,
    jobs: { prometheus: ['self'], trading: ['self', `127.0.0.1:${deadPort}`] }
  }))
  return { ...p, from, deadPort }
}

/** The example's week of data (examples/mech-exo/monitoring) and its rules. */
function prometheusDeploy() {
  return launchPrometheus(async () => ({
    data: await output(process.execPath, [path.join(EXAMPLE, 'monitoring/generate-openmetrics.mjs')]),
    rules: readFileSync(path.join(EXAMPLE, 'monitoring/rules.yml'), 'utf8'),
    jobs: { prometheus: ['self'] }
  }))
}

function output(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    let err = ''
    child.stdout.on('data', (d: Buffer) => out.push(d))
    child.stderr.on('data', d => (err += String(d)))
    child.on('error', reject)
    child.on('close', code =>
      code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`${args[0]}: ${err}`))
    )
  })
}

export const SERVICES = {
  'prometheus-live': prometheusLive,
  'prometheus-deploy': prometheusDeploy
} satisfies Record<string, () => Promise<LaunchedPrometheus>>

export type ServiceName = keyof typeof SERVICES
type Service<N extends ServiceName> = Omit<Awaited<ReturnType<(typeof SERVICES)[N]>>, 'stop'>

const variable = (name: string) => `GLG_EARLY_SERVICE_${name.toUpperCase().replace(/-/g, '_')}`

/**
 * Global setup: launches the named services (without waiting for them) and returns the variables that tell
 * the workers where they are, and how to stop them all.
 */
export async function launchServices(
  names: string[]
): Promise<{ env: Record<string, string>; stop: () => Promise<void> }> {
  const env: Record<string, string> = {}
  const running: LaunchedPrometheus[] = []
  for (const name of names) {
    if (!Object.hasOwn(SERVICES, name)) throw new Error(`@early-service ${name}: no such service`)
    const s = await SERVICES[name as ServiceName]()
    running.push(s)
    const { stop: _stop, ...where } = s
    env[variable(name)] = JSON.stringify(where)
  }
  return { env, stop: async () => void (await Promise.all(running.map(s => s.stop()))) }
}

/** A test file's service, ready: the one the run launched early, or one launched now; `stop` stops it. */
export async function useService<N extends ServiceName>(
  name: N
): Promise<Service<N> & { stop: () => Promise<void> }> {
  const early = process.env[variable(name)]
  // the run's own: stopped when the file is done with it (the global teardown waits for it and removes it)
  const s = early
    ? (() => {
        const where = JSON.parse(early) as Service<N>
        return { ...where, stop: () => Promise.resolve(stopPrometheusIn(where.dir)) }
      })()
    : ((await SERVICES[name]()) as Service<N> & { stop: () => Promise<void> })
  try {
    await prometheusReady(s as PrometheusInstance)
  } catch (e) {
    await s.stop()
    throw e
  }
  return s
}
