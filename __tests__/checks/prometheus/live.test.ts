// The prometheus kind against Debian's real Prometheus, through the bundle (dist/cli.js), as a user runs it.
// @early-service prometheus-live
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { fileURLToPath, pathToFileURL } from 'node:url'
import path from 'node:path'
import { DAY } from '../../helpers/prometheus.js'
import { useService } from '../../helpers/early-services.js'
import { runCliAsync } from '../../helpers/run-dist.js'
import type { Item } from '../../../src/checklist/types.js'
import { check as check_ } from '../../../src/checks/prometheus/index.js'
import { context, tempTree } from '../../helpers/context.js'
import { ORDERS_P95, RISK_P95 } from './data.js'

const FAKE_SLEEP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fake-sleep.mjs')
let prom: Awaited<ReturnType<typeof useService<'prometheus-live'>>>
let fake: Server
let fakeUrl = ''
let deadPort = 0
let from = 0
const dirs: string[] = []
// built at run time: a credential-shaped value that must appear in no output
const CANARY = `glgcanary${randomBytes(12).toString('hex')}`

beforeAll(async () => {
  // a week of data.ts's families up to two minutes ago, its RULES, and scrape targets up and down (deadPort)
  prom = await useService('prometheus-live')
  ;({ from, deadPort } = prom)
  // protocol-level faults only: the real API answers everything else
  fake = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    switch (url.pathname.split('/api/v1')[0]) {
      case '/overloaded':
        return json(503, {
          status: 'error',
          errorType: 'unavailable',
          error: 'too many queries\n\u202eincoming'
        })
      case '/proxy':
        return res.writeHead(502, { 'content-type': 'text/html' }).end('<html>bad gateway</html>')
      case '/html':
        return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Grafana</html>')
      case '/notenvelope':
        return json(200, { hello: 'world' })
      case '/redirect':
        return res.writeHead(302, { location: 'http://127.0.0.1:1/' }).end()
      case '/echo':
        return json(401, {
          status: 'error',
          errorType: 'unauthorized',
          error: `token ${req.headers.authorization} refused`
        })
      case '/garbage':
        return json(200, {
          status: 'success',
          data: { resultType: 'vector', result: [{ metric: {}, value: [1, 'abc'] }] }
        })
      case '/huge': {
        res.writeHead(200, { 'content-type': 'application/json' })
        const chunk = Buffer.alloc(1024 * 1024, 0x20)
        for (let i = 0; i < 17; i++) res.write(chunk)
        return res.end()
      }
    }
    res.writeHead(404).end()
  })
  await new Promise<void>(r => fake.listen(0, '127.0.0.1', r))
  fakeUrl = `http://127.0.0.1:${(fake.address() as { port: number }).port}`
}, 180_000)

afterAll(async () => {
  await prom?.stop()
  fake?.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

function repo(items: string, extra = ''): string {
  const dir = tempTree({
    '.github/go-live.yml': `version: 1
name: Live Trading
release: v1.0.0
stages: [pre-release, post-deploy, first-week]
sections:
  - title: Before
    items:
      - id: runbook
        title: Runbook exists
        check: file
        with: { path: runbook.md }
${extra}  - title: After the deploy
    stage: post-deploy
    items:
${items}`,
    'runbook.md': '# Rollback\n'
  })
  dirs.push(dir)
  return dir
}

const item = (id: string, w: string, more = '') =>
  `      - id: ${id}\n        title: ${id}\n        check: prometheus\n${more}        with: ${w}\n`

interface JsonItem {
  id: string
  status: string
  summary: string
  details: Record<string, unknown> & {
    series: { labels: Record<string, string>; value: number | string; ok: boolean }[]
  }
}

async function check(dir: string, args: string[], env: Record<string, string> = {}) {
  const r = await runCliAsync(
    ['check', '--json', 'report.json', '--markdown', 'report.md', ...args],
    dir,
    env
  )
  if (r.code !== 0 && r.code !== 1) throw new Error(`exit ${r.code}: ${r.stderr}`)
  const json = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'))
  const items = new Map<string, JsonItem>(json.items.map((i: JsonItem) => [i.id, i]))
  const markdown = readFileSync(path.join(dir, 'report.md'), 'utf8')
  return { ...r, dir, json, items, markdown, get: (id: string) => items.get(id)! }
}

describe('prometheus: query and condition', () => {
  let run: Awaited<ReturnType<typeof check>>
  beforeAll(async () => {
    const u = prom.url
    const q = (s: string) => JSON.stringify(s)
    run = await check(
      repo(
        [
          item(
            'p95-orders',
            `{ url: ${u}, query: ${q('histogram_quantile(0.95, sum by (le) (rate(order_execution_seconds_bucket{service="orders"}[1h])))')}, lt: 0.5 }`
          ),
          item(
            'p95-by-service',
            `{ url: ${u}, query: ${q('histogram_quantile(0.95, sum by (service, le) (rate(order_execution_seconds_bucket[1h])))')}, lt: 0.5 }`
          ),
          item(
            'rejections-ib',
            `{ url: ${u}, query: ${q('sum(rate(mechexo_orders_rejected_total{venue="ib"}[1h])) / sum(rate(mechexo_orders_total{venue="ib"}[1h]))')}, lt: 0.05 }`
          ),
          item(
            'rejections-by-venue',
            `{ url: ${u}, query: ${q('sum by (venue) (rate(mechexo_orders_rejected_total{venue!="paused"}[1h])) / sum by (venue) (rate(mechexo_orders_total{venue!="paused"}[1h]))')}, lte: 0.05 }`
          ),
          item(
            'nan',
            `{ url: ${u}, query: ${q('sum(rate(mechexo_orders_rejected_total{venue="paused"}[1h])) / sum(rate(mechexo_orders_total{venue="paused"}[1h]))')}, lt: 0.05 }`
          ),
          item(
            'inf',
            `{ url: ${u}, query: ${q('sum(rate(mechexo_orders_rejected_total{venue="ib"}[1h])) / sum(rate(mechexo_orders_rejected_total{venue="paused"}[1h]))')}, lt: 1 }`
          ),
          item('empty-default', `{ url: ${u}, query: 'up{job="nope"}', equals: 1 }`),
          item('empty-fail', `{ url: ${u}, query: 'up{job="nope"}', equals: 1, empty: fail }`),
          item('empty-pass', `{ url: ${u}, query: 'up{job="nope"}', equals: 1, empty: pass }`),
          item('matrix', `{ url: ${u}, query: 'mechexo_orders_total[5m]', gt: 0 }`),
          item('bad-promql', `{ url: ${u}, query: 'sum(rate(mechexo_orders_total[5m])', gt: 0 }`),
          item(
            'execution-error',
            `{ url: ${u}, query: 'mechexo_orders_total / on() mechexo_orders_rejected_total', gt: 0 }`
          ),
          item('scalar', `{ url: ${u}, query: 'scalar(sum(up{job="prometheus"}))', equals: 1 }`),
          item('up-all', `{ url: ${u}, query: 'up{job="trading"}', equals: 1 }`),
          item(
            'stability',
            `{ url: ${u}, query: 'changes(process_start_time_seconds{job="mech-exo"}[24h])', equals: 0 }`
          )
        ].join(''),
        `  - title: First week\n    stage: first-week\n    items:\n${item('uptime', `{ url: ${prom.url}, query: 'avg_over_time(probe_success{job="blackbox"}[7d])', gte: 0.995 }`)}`
      ),
      ['--stage', 'post-deploy']
    )
  }, 120_000)

  it('passes and fails every series on its value, with the value in its unit', () => {
    expect(run.code).toBe(1)
    expect(run.json.stage).toBe('post-deploy')
    const p95 = run.get('p95-orders')
    expect([p95.status, p95.summary]).toEqual(['pass', '375 ms < 500 ms'])
    expect(p95.details).toMatchObject({ unit: 'seconds', series: [{ labels: {}, ok: true }] })
    expect(p95.details.series[0].value as number).toBeCloseTo(ORDERS_P95, 6)
    const bySvc = run.get('p95-by-service')
    expect([bySvc.status, bySvc.summary]).toEqual([
      'fail',
      '1 of 2 series not < 500 ms: {service="risk"} 750 ms'
    ])
    expect(bySvc.details.series.map(s => [s.labels.service, s.ok])).toEqual([
      ['risk', false],
      ['orders', true]
    ])
    expect(bySvc.details.series[0].value as number).toBeCloseTo(RISK_P95, 6)
    expect(run.get('rejections-ib')).toMatchObject({
      status: 'pass',
      summary: '3% < 5%',
      details: { unit: 'ratio' }
    })
    expect(run.get('rejections-by-venue')).toMatchObject({
      status: 'fail',
      summary: '1 of 2 series not <= 5%: {venue="alpaca"} 8%'
    })
    expect(run.get('scalar')).toMatchObject({ status: 'pass', summary: '1 = 1' })
    expect(run.get('up-all')).toMatchObject({ status: 'fail' })
    expect(run.get('up-all').summary).toMatch(
      new RegExp(`^1 of 2 series not = 1: up\\{instance="127\\.0\\.0\\.1:${deadPort}", job="trading"\\} 0$`)
    )
    expect(run.get('stability')).toMatchObject({ status: 'pass', summary: '0 = 0' })
  })

  it('decides an empty result by `empty` (error by default)', () => {
    expect(run.get('empty-default')).toMatchObject({
      status: 'error',
      summary:
        'the query returned no series: check the metric name, the labels and the window, or set empty: fail or pass'
    })
    expect(run.get('empty-fail')).toMatchObject({
      status: 'fail',
      summary: 'the query returned no series (empty: fail)'
    })
    expect(run.get('empty-pass')).toMatchObject({
      status: 'pass',
      summary: 'the query returned no series (empty: pass)'
    })
  })

  it('is an error, said plainly, for NaN, Inf, a matrix, bad PromQL and a failing query', () => {
    expect(run.get('nan')).toMatchObject({ status: 'error' })
    expect(run.get('nan').summary).toMatch(/^the value is NaN: the window holds no data/)
    expect(run.get('nan').details.series).toEqual([{ labels: {}, value: 'NaN', ok: false }])
    expect(run.get('inf').summary).toMatch(/^the value is \+Inf: the value is unbounded/)
    expect(run.get('matrix')).toMatchObject({ status: 'error' })
    expect(run.get('matrix').summary).toMatch(/^the query returns a range vector \(matrix\)/)
    // Prometheus's own parser message, on one line
    expect(run.get('bad-promql')).toMatchObject({ status: 'error' })
    expect(run.get('bad-promql').summary).toMatch(
      /^the query is not valid PromQL: 1:\d+: parse error: .+: fix 'query'$/
    )
    expect(run.get('execution-error').summary).toMatch(
      new RegExp(
        `^${prom.url.replace(/\./g, '\\.')}/api/v1/query answered 422 .*\\(execution\\): .*many-to-many matching not allowed`
      )
    )
  })

  it('skips the other stages with the reason `stage NAME`, and shows the stage in every report', () => {
    expect(run.get('runbook')).toMatchObject({ status: 'skipped', summary: 'skipped: stage pre-release' })
    expect(run.get('uptime')).toMatchObject({ status: 'skipped', summary: 'skipped: stage first-week' })
    // a section of another stage is one line in the terminal and the job summary
    expect(run.stdout).toContain('\nBefore  1 item skipped: stage pre-release\n')
    expect(run.stdout).not.toContain('skipped runbook')
    expect(run.markdown).toContain('⏭️ <b>First week</b> · 1 item skipped: stage first-week\n')
    expect(run.stdout.split('\n')[0]).toBe('Live Trading v1.0.0 (.github/go-live.yml, stage post-deploy)')
    expect(run.markdown).toMatch(
      /^## ❌ Go-live gate failed: \d+ blocking items not passed · stage `post-deploy`$/m
    )
    // the details table: labels and the value in its unit
    expect(run.markdown).toContain('| ❌ | `{service="risk"}` | 750 ms |')
    expect(run.markdown).toContain('| ✅ | `{service="orders"}` | 375 ms |')
  })

  it('gates the first week on a week of data: uptime over 7 days', async () => {
    const week = await check(run.dir, ['--stage', 'first-week'])
    expect(week.json.stage).toBe('first-week')
    // 20 of about 5040 two-minute probes down
    expect(week.get('uptime')).toMatchObject({ status: 'pass', details: { unit: 'ratio' } })
    expect(week.get('uptime').summary).toMatch(/^99\.60[234]% >= 99\.5%$/)
    expect(week.get('p95-orders')).toMatchObject({ status: 'skipped', summary: 'skipped: stage post-deploy' })
    expect(week.code).toBe(0)
    expect(week.stdout).toContain('PASS Go-live gate passed (1 pass, 16 skipped)')
  }, 120_000)
})

describe('prometheus: rules and targets', () => {
  let run: Awaited<ReturnType<typeof check>>
  beforeAll(async () => {
    const u = prom.url
    run = await check(
      repo(
        [
          item('rules-loaded', `{ url: ${u}, rules: [OrderLatencyHigh, OrderRejectionRateHigh, Watchdog] }`),
          item(
            'rules-quiet',
            `{ url: ${u}, rules: [OrderLatencyHigh, OrderRejectionRateHigh], firing: false }`
          ),
          item('rules-missing', `{ url: ${u}, rules: [Watchdog, PnlVarianceHigh] }`),
          item('rules-unhealthy', `{ url: ${u}, rules: [RejectionsPerOrder] }`),
          item('watchdog', `{ url: ${u}, rules: [Watchdog], firing: true }`),
          item('targets-up', `{ url: ${u}, targets: { job: prometheus } }`),
          item('targets-half', `{ url: ${u}, targets: { job: trading, min-up: 2 } }`),
          item('targets-one', `{ url: ${u}, targets: { job: trading } }`),
          item('targets-none', `{ url: ${u}, targets: { job: nope } }`)
        ].join('')
      ),
      ['--stage', 'post-deploy']
    )
  }, 120_000)

  it('checks that alerting rules are loaded, healthy and (not) firing', () => {
    expect(run.get('rules-loaded')).toMatchObject({
      status: 'pass',
      summary: 'all 3 alerting rules are loaded and healthy',
      details: {
        series: [],
        rules: [
          { name: 'OrderLatencyHigh', health: 'ok', state: 'inactive' },
          { name: 'OrderRejectionRateHigh', health: 'ok', state: 'firing' },
          { name: 'Watchdog', health: 'ok', state: 'firing' }
        ]
      }
    })
    expect(run.get('rules-quiet')).toMatchObject({
      status: 'fail',
      summary: 'OrderRejectionRateHigh is firing'
    })
    expect(run.get('rules-missing')).toMatchObject({
      status: 'fail',
      summary: 'PnlVarianceHigh is not loaded'
    })
    expect(run.get('rules-unhealthy').status).toBe('fail')
    expect(run.get('rules-unhealthy').summary).toMatch(
      /^RejectionsPerOrder is unhealthy \(err: found duplicate series .*many-to-many/
    )
    expect(run.get('watchdog')).toMatchObject({
      status: 'pass',
      summary: 'the alerting rule is loaded and healthy, all firing'
    })
  })

  it('counts the scrape targets of a job that are up', () => {
    expect(run.get('targets-up')).toMatchObject({
      status: 'pass',
      summary: "1 of 1 target of job 'prometheus' up (at least 1 needed)",
      details: { targets: { up: 1, total: 2 - 1 } }
    })
    expect(run.get('targets-half').status).toBe('fail')
    expect(run.get('targets-half').summary).toMatch(
      new RegExp(
        `^1 of 2 targets of job 'trading' up, at least 2 needed: 127\\.0\\.0\\.1:${deadPort} down \\(.*connection refused\\)$`
      )
    )
    expect(run.get('targets-half').details.targets).toEqual({ up: 1, total: 2 })
    expect(run.get('targets-one')).toMatchObject({ status: 'pass' })
    expect(run.get('targets-none')).toMatchObject({ status: 'fail' })
    expect(run.get('targets-none').summary).toBe(
      "no scrape target of job 'nope' is active (jobs: prometheus, trading)"
    )
    expect(run.markdown).toContain('| OrderRejectionRateHigh | ok | firing |')
    expect(run.markdown).toContain('**targets**: 1 of 2 up')
  })
})

describe('prometheus: faults, headers and the canary', () => {
  let run: Awaited<ReturnType<typeof check>>
  beforeAll(async () => {
    const auth = `headers: { Authorization: "Bearer \${env:PROM_TOKEN}", X-Scope-OrgID: mech-exo }`
    const q = `query: 'vector(1)', equals: 1`
    run = await check(
      repo(
        [
          item('with-token', `{ url: ${prom.url}, ${q}, ${auth} }`),
          item('unreachable', `{ url: "http://127.0.0.1:${deadPort}", ${q} }`),
          item('overloaded', `{ url: "${fakeUrl}/overloaded", ${q}, ${auth} }`),
          item('proxy', `{ url: "${fakeUrl}/proxy", ${q} }`),
          item('html', `{ url: "${fakeUrl}/html", ${q} }`),
          item('not-envelope', `{ url: "${fakeUrl}/notenvelope", ${q} }`),
          item('redirect', `{ url: "${fakeUrl}/redirect", ${q}, ${auth} }`),
          item('echo', `{ url: "${fakeUrl}/echo", ${q}, ${auth} }`),
          item('garbage', `{ url: "${fakeUrl}/garbage", ${q} }`),
          item('huge', `{ url: "${fakeUrl}/huge", ${q} }`),
          item(
            'unset',
            `{ url: ${prom.url}, ${q}, headers: { Authorization: "Bearer \${env:PROM_TOKEN_UNSET}" } }`
          )
        ].join('')
      ),
      ['--stage', 'post-deploy'],
      { PROM_TOKEN: CANARY }
    )
  }, 120_000)

  it('sends the headers, and says what went wrong for every protocol fault', () => {
    expect(run.get('with-token')).toMatchObject({ status: 'pass', summary: '1 = 1' })
    expect(run.get('unreachable')).toMatchObject({
      status: 'error',
      summary: `cannot reach http://127.0.0.1:${deadPort}/api/v1/query (ECONNREFUSED): check 'url' and that this runner can reach the server`
    })
    expect(run.get('overloaded')).toMatchObject({
      status: 'error',
      summary: `${fakeUrl}/overloaded/api/v1/query answered 503 Service Unavailable (unavailable): too many queries incoming: the server is failing; try again or ask its owners`
    })
    expect(run.get('proxy').summary).toBe(
      `${fakeUrl}/proxy/api/v1/query answered 502 Bad Gateway: the server is failing; try again or ask its owners`
    )
    expect(run.get('html').summary).toBe(
      `${fakeUrl}/html/api/v1/query answered 200 but not with Prometheus API JSON (text/html): set 'url' to the server's base URL (without /api/v1)`
    )
    expect(run.get('not-envelope').summary).toMatch(
      /answered 200 but not with Prometheus API JSON \(application\/json\)/
    )
    expect(run.get('redirect').summary).toBe(
      `${fakeUrl}/redirect/api/v1/query answered 302 (a redirect, not followed: it would carry the headers along): set 'url' to where the API answers`
    )
    expect(run.get('garbage').summary).toBe(
      "the answer is not what the Prometheus API sends for a query: is 'url' a Prometheus-compatible API?"
    )
    expect(run.get('huge').summary).toBe(
      `${fakeUrl}/huge/api/v1/query answered more than 16 MB: aggregate the query (sum by, topk) so that it returns fewer series`
    )
    expect(run.get('unset').summary).toBe(
      "header 'Authorization' reads ${env:PROM_TOKEN_UNSET}, which is not set: set PROM_TOKEN_UNSET in the step's env (from a secret)"
    )
    for (const id of [
      'unreachable',
      'overloaded',
      'proxy',
      'html',
      'redirect',
      'echo',
      'garbage',
      'huge',
      'unset'
    ])
      expect([id, run.get(id).status]).toEqual([id, 'error'])
  })

  it('never prints a value read from the environment, even when the server echoes it', () => {
    expect(run.get('echo').summary).toBe(
      `${fakeUrl}/echo/api/v1/query answered 401 Unauthorized (unauthorized): token *** refused: check the credential in 'headers' (and that its variable is set)`
    )
    const everything = [run.stdout, run.stderr, JSON.stringify(run.json), run.markdown].join('\n')
    expect(everything).toContain('token *** refused')
    expect(everything).not.toContain(CANARY)
    expect(everything).not.toContain(CANARY.slice(9))
  })
})

describe('prometheus: repeated evaluation (interval, count, failure-limit)', () => {
  it('evaluates count times, interval apart, and stops once more than failure-limit failed', async () => {
    const u = prom.url
    const dir = repo(
      [
        item(
          'steady',
          `{ url: ${u}, query: 'vector(1)', equals: 1, interval: 5m, count: 4 }`,
          '        timeout: 1200\n'
        ),
        item(
          'flapping',
          `{ url: ${u}, query: 'up{job="trading"}', equals: 1, interval: 1m, count: 10, failure-limit: 1 }`,
          '        timeout: 900\n'
        )
      ].join('')
    )
    // the bundle's sleeps go through node:timers/promises: the preload answers them at once and logs them
    const r = await check(dir, ['--stage', 'post-deploy'], {
      NODE_OPTIONS: `--import=${pathToFileURL(FAKE_SLEEP).href}`
    })
    const sleeps = r.stderr.split('\n').filter(l => l.startsWith('sleep '))
    expect(sleeps.sort()).toEqual(['sleep 300000', 'sleep 300000', 'sleep 300000', 'sleep 60000'].sort())
    const steady = r.get('steady')
    expect(steady).toMatchObject({
      status: 'pass',
      summary: '4 evaluations 5m apart, 0 failed (0 allowed); last: 1 = 1'
    })
    expect((steady.details.evaluations as unknown[]).length).toBe(4)
    const flapping = r.get('flapping')
    expect(flapping.status).toBe('fail')
    expect(flapping.summary).toMatch(
      /^2 of 2 evaluations failed, more than the 1 allowed \(stopped after 2 of 10\); last: 1 of 2 series not = 1: /
    )
    expect(flapping.details.evaluations).toEqual([
      { at: expect.any(String), ok: false, summary: expect.stringMatching(/^1 of 2 series not = 1/) },
      { at: expect.any(String), ok: false, summary: expect.stringMatching(/^1 of 2 series not = 1/) }
    ])
    expect(r.markdown).toContain('**evaluations** (4)')
  }, 120_000)
})

describe('prometheus: the clock and the sleep come from the context', () => {
  it('evaluates at the injected clock, sleeping through the injected sleep only', async () => {
    // an hour-long watch over the week's data, one evaluation every 10 minutes: no real waiting
    let now = (from + 3 * DAY) * 1000
    const sleeps: number[] = []
    const ctx = context(tempTree(), {
      now: () => new Date(now),
      sleep: (ms: number) => {
        sleeps.push(ms)
        now += ms
        return Promise.resolve()
      },
      env: { PROM_TOKEN: CANARY }
    })
    dirs.push(ctx.workspace.root)
    const outcome = await check_(
      {
        url: prom.url,
        query:
          'sum(rate(mechexo_orders_rejected_total{venue="ib"}[1h])) / sum(rate(mechexo_orders_total{venue="ib"}[1h]))',
        lt: 0.05,
        empty: 'error',
        headers: { Authorization: 'Bearer ${env:PROM_TOKEN}' },
        interval: '10m',
        count: 7,
        'failure-limit': 0
      },
      { id: 'watch', title: 'watch' } as Item,
      ctx
    )
    expect(sleeps).toEqual([600_000, 600_000, 600_000, 600_000, 600_000, 600_000])
    expect(outcome.status).toBe('pass')
    expect(outcome.summary).toBe('7 evaluations 10m apart, 0 failed (0 allowed); last: 3% < 5%')
    const at = (outcome.details!.evaluations as { at: string }[]).map(e => Date.parse(e.at) / 1000)
    expect(at).toEqual([0, 1, 2, 3, 4, 5, 6].map(i => from + 3 * DAY + i * 600))
    // before the data begins there is nothing to judge: an error, counted against the limit
    now = (from - DAY) * 1000
    const before = await check_(
      {
        url: prom.url,
        query: 'sum(rate(mechexo_orders_total[1h]))',
        gt: 0,
        empty: 'error',
        headers: {},
        interval: '1m',
        count: 3,
        'failure-limit': 1
      },
      { id: 'before', title: 'before' } as Item,
      ctx
    )
    expect(before.status).toBe('error')
    expect(before.summary).toMatch(
      /^2 of 2 evaluations failed, more than the 1 allowed \(stopped after 2 of 3\); last: the query returned no series/
    )
  }, 120_000)
})
