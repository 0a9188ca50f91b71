// A real Prometheus (Debian's package) for the tests: a week of data backfilled with promtool from
// OpenMetrics, alerting rules from a file, scrape targets up and down. Started on loopback on a free port;
// stopped and removed after.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
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

export interface RunningPrometheus {
  url: string
  port: number
  stop(): Promise<void>
}

/** Asks every 50 ms until the answer is there (a real server starting up: the wait is its, not a sleep). */
async function poll<T>(what: string, seconds: number, f: () => Promise<T | undefined>): Promise<T> {
  const tries = seconds * 20
  for (let i = 0; i < tries; i++) {
    try {
      const v = await f()
      if (v !== undefined) return v
    } catch {
      // not up yet
    }
    await new Promise(r => setTimeout(r, 50))
  }
  throw new Error(`Prometheus: ${what} did not happen within ${seconds}s`)
}

/** Backfills, starts, and waits until it is ready, has scraped every target and evaluated every rule. */
export async function startPrometheus(o: PrometheusOptions): Promise<RunningPrometheus> {
  const dir = mkdtempSync(path.join(tmpdir(), 'glg-prometheus-'))
  let child: ChildProcess | undefined
  const stop = async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise(r => child!.once('exit', r))
      child.kill('SIGTERM')
      await exited
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const port = await freePort()
    const data = path.join(dir, 'data.om')
    writeFileSync(data, o.data)
    const backfill = spawnSync(
      'promtool',
      // blocks of up to 10 days: the week in one or two blocks, not 85 of two hours (promtool writes those
      // 20 times slower, and Prometheus opens them slower)
      [
        'tsdb',
        'create-blocks-from',
        'openmetrics',
        '-q',
        '--max-block-duration=240h',
        data,
        path.join(dir, 'tsdb')
      ],
      {
        encoding: 'utf8'
      }
    )
    if (backfill.status !== 0) throw new Error(`promtool backfill failed: ${backfill.stderr}`)
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
    child = spawn(
      'prometheus',
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--storage.tsdb.retention.time=30d',
        '--log.level=error'
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] }
    )
    let stderr = ''
    child.stderr?.on('data', d => (stderr = (stderr + String(d)).slice(-2000)))
    const url = `http://127.0.0.1:${port}`
    const json = async (p: string) =>
      (await (await fetch(url + p)).json()) as { data: Record<string, unknown[]> }
    await poll('/-/ready', 60, async () => {
      if (child!.exitCode !== null) throw new Error(`prometheus exited: ${stderr}`)
      return (await fetch(`${url}/-/ready`)).ok ? true : undefined
    }).catch(e => {
      throw new Error(`${(e as Error).message}; ${stderr}`)
    })
    await poll('the first scrape of every target', 30, async () => {
      const t = (await json('/api/v1/targets')).data.activeTargets as { health: string }[]
      return t.length && t.every(x => x.health !== 'unknown') ? true : undefined
    })
    await poll('the first evaluation of every rule', 30, async () => {
      const groups = (await json('/api/v1/rules')).data.groups as { rules: { health: string }[] }[]
      return groups.every(g => g.rules.every(r => r.health !== 'unknown')) ? true : undefined
    })
    return { url, port, stop }
  } catch (e) {
    await stop()
    throw e
  }
}
