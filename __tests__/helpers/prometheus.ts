// A real Prometheus (Debian's package) for the tests: a week of data backfilled with promtool from
// OpenMetrics, alerting rules from a file, scrape targets up and down. Started on loopback on a free port;
// stopped and removed after.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

export const MINUTE = 60
export const HOUR = 3600
export const DAY = 86400

export interface Family {
  name: string
  type: 'counter' | 'gauge' | 'histogram'
  help: string
  /** one entry per labelset; `at` gives the value (histogram: cumulative bucket counts by le, and sum) */
  series: { labels: Record<string, string>; at: (t: number) => number | Histogram }[]
}

export interface Histogram {
  buckets: [le: string, cumulative: number][]
  sum: number
}

const labelText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',')

const number = (v: number) => (Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : String(v))

/** OpenMetrics text with timestamps, as `promtool tsdb create-blocks-from openmetrics` reads it. */
export function openMetrics(families: Family[], from: number, to: number, step: number): string {
  const out: string[] = []
  for (const f of families) {
    out.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`)
    for (const s of f.series) {
      const base = labelText(s.labels)
      for (let t = from; t <= to; t += step) {
        const v = s.at(t)
        if (typeof v === 'number') {
          const name = f.type === 'counter' ? `${f.name}_total` : f.name
          out.push(`${name}{${base}} ${number(v)} ${t}`)
        } else {
          const sep = base ? ',' : ''
          for (const [le, count] of v.buckets)
            out.push(`${f.name}_bucket{${base}${sep}le="${le}"} ${count} ${t}`)
          const total = v.buckets[v.buckets.length - 1][1]
          out.push(`${f.name}_count{${base}} ${total} ${t}`, `${f.name}_sum{${base}} ${v.sum} ${t}`)
        }
      }
    }
  }
  out.push('# EOF', '')
  return out.join('\n')
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

export interface PrometheusOptions {
  /** OpenMetrics text to backfill */
  data: string
  /** the rules file (YAML) */
  rules: string
  /** scrape jobs: name -> targets (`self` is this Prometheus) */
  jobs: Record<string, string[]>
}

/** Where a Prometheus started by launchPrometheus answers (plain data: it crosses processes as JSON). */
export interface PrometheusInstance {
  url: string
  port: number
  /** its folder: the data, the config, its log, and `failed` / `exited` when it did */
  dir: string
}

export interface LaunchedPrometheus extends PrometheusInstance {
  /** stops it (after its start, if that is still on the way) and removes its folder */
  stop(): Promise<void>
}

export interface RunningPrometheus extends PrometheusInstance {
  stop(): Promise<void>
}

const FAILED = 'failed'
const EXITED = 'exited'
const LOG = 'prometheus.log'
const PID = 'pid'

/** Stops the Prometheus of `dir` that another process launched (it removes the folder once it has exited). */
export function stopPrometheusIn(dir: string): void {
  try {
    process.kill(Number(readFileSync(path.join(dir, PID), 'utf8')), 'SIGTERM')
  } catch {
    // not started, or gone already
  }
}

/** Asks every 50 ms until the answer is there (a real server starting up: the wait is its, not a sleep). */
async function poll<T>(what: string, seconds: number, f: () => Promise<T | undefined>): Promise<T> {
  const tries = seconds * 20
  for (let i = 0; i < tries; i++) {
    try {
      const v = await f()
      if (v !== undefined) return v
    } catch (e) {
      if (e instanceof Stopped) throw e
      // not up yet
    }
    await new Promise(r => setTimeout(r, 50))
  }
  throw new Error(`Prometheus: ${what} did not happen within ${seconds}s`)
}

class Stopped extends Error {}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(cmd, args, { encoding: 'utf8' }, (error, _stdout, stderr) =>
      error ? reject(new Error(`${cmd} failed: ${stderr || error.message}`)) : resolve()
    )
  )
}

/**
 * Makes the data (`options`, called in the background), backfills it with promtool and starts Prometheus on a
 * free loopback port, without waiting for any of it: the answer says where it will be (prometheusReady waits).
 */
export async function launchPrometheus(
  options: (self: PrometheusInstance) => PrometheusOptions | Promise<PrometheusOptions>
): Promise<LaunchedPrometheus> {
  const dir = mkdtempSync(path.join(tmpdir(), 'glg-prometheus-'))
  const port = await freePort()
  const instance: PrometheusInstance = { url: `http://127.0.0.1:${port}`, port, dir }
  let child: ChildProcess | undefined
  let stopping = false
  const kill = () => child?.kill('SIGTERM')
  const started = (async () => {
    // after the caller has the address: a global setup hands it on and lets jest go on meanwhile
    await new Promise(resolve => setImmediate(resolve))
    const o = await options(instance)
    const data = path.join(dir, 'data.om')
    writeFileSync(data, o.data)
    // blocks of up to 10 days: the week in one or two blocks, not 85 of two hours (promtool writes those 20
    // times slower, and Prometheus opens them slower)
    const blocks = ['tsdb', 'create-blocks-from', 'openmetrics', '-q', '--max-block-duration=240h']
    await run('promtool', [...blocks, data, path.join(dir, 'tsdb')])
    rmSync(data)
    writeFileSync(path.join(dir, 'rules.yml'), o.rules)
    const jobs = Object.entries(o.jobs).map(
      ([job, targets]) =>
        `  - job_name: ${JSON.stringify(job)}\n    static_configs:\n      - targets: [${targets
          .map(t => JSON.stringify(t === 'self' ? `127.0.0.1:${port}` : t))
          .join(', ')}]`
    )
    writeFileSync(
      path.join(dir, 'prometheus.yml'),
      `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files: [rules.yml]\nscrape_configs:\n${jobs.join('\n')}\n`
    )
    if (stopping) return
    const log = openSync(path.join(dir, LOG), 'w')
    child = spawn(
      'prometheus',
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--storage.tsdb.retention.time=30d',
        '--log.level=error'
      ],
      { stdio: ['ignore', 'ignore', log] }
    )
    closeSync(log)
    // so that the test file that used it can stop it when it is done (stopPrometheusIn), not the end of the run
    writeFileSync(path.join(dir, PID), String(child.pid))
    // a test run that ends without stopping it (killed, or a crash) does not leave it running
    process.once('exit', kill)
    child.once('exit', code => {
      process.off('exit', kill)
      writeFileSync(path.join(dir, EXITED), String(code))
    })
  })().catch((e: Error) => writeFileSync(path.join(dir, FAILED), e.message))
  const stop = async () => {
    stopping = true
    await started
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise(r => child!.once('exit', r))
      kill()
      await exited
    }
    rmSync(dir, { recursive: true, force: true })
  }
  return { ...instance, stop }
}

/** Waits until it is ready, has scraped every target and evaluated every rule; says why when it cannot. */
export async function prometheusReady(p: PrometheusInstance): Promise<void> {
  const said = (file: string) => {
    try {
      return readFileSync(path.join(p.dir, file), 'utf8')
    } catch {
      return undefined
    }
  }
  // a launch that failed or a server that exited ends the wait at once, with its reason
  const alive = () => {
    const failed = said(FAILED)
    if (failed !== undefined) throw new Stopped(`Prometheus did not start: ${failed}`)
    const exited = said(EXITED)
    if (exited !== undefined) throw new Stopped(`prometheus exited (${exited})`)
  }
  const json = async (q: string) => {
    alive()
    return (await (await fetch(p.url + q)).json()) as { data: Record<string, unknown[]> }
  }
  try {
    await poll('/-/ready', 60, async () => {
      alive()
      return (await fetch(`${p.url}/-/ready`)).ok ? true : undefined
    })
    // Prometheus 2.42 applies the scrape configuration on a 5 s tick: the first scrape comes ~5.5 s after start
    await poll('the first scrape of every target', 30, async () => {
      const t = (await json('/api/v1/targets')).data.activeTargets as { health: string }[]
      return t.length && t.every(x => x.health !== 'unknown') ? true : undefined
    })
    await poll('the first evaluation of every rule', 30, async () => {
      const groups = (await json('/api/v1/rules')).data.groups as { rules: { health: string }[] }[]
      return groups.every(g => g.rules.every(r => r.health !== 'unknown')) ? true : undefined
    })
  } catch (e) {
    const log = said(LOG)
    throw new Error(`${(e as Error).message}${log ? `; ${log.slice(-2000)}` : ''}`)
  }
}

/** Backfills, starts, and waits until it is ready, has scraped every target and evaluated every rule. */
export async function startPrometheus(o: PrometheusOptions): Promise<RunningPrometheus> {
  const p = await launchPrometheus(() => o)
  try {
    await prometheusReady(p)
  } catch (e) {
    await p.stop()
    throw e
  }
  return p
}
