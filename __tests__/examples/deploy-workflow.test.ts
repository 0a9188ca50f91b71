// examples/workflows/deploy.yml, the rollback trigger of docs/deployment.md: its gate steps (`uses: ./`) run
// as the runner runs them (dist/index.js with INPUT_* from the step's `with`), against the example's
// checklist and a real Prometheus holding the example's week of data, with the GitHub API on loopback.
// @early-service prometheus-deploy
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parse } from 'yaml'
import { fakeToken } from '../emulator/context.js'
import { startEmulator, emptyState, type Emulator } from '../emulator/server.js'
import { useService } from '../helpers/early-services.js'
import { ACTION, cleanEnv } from '../helpers/run-dist.js'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const ROOT = path.resolve(HERE, '../..')
const EXAMPLE = path.join(ROOT, 'examples/mech-exo')
const FAKE_SLEEP = path.join(ROOT, '__tests__/checks/prometheus/fake-sleep.mjs')
const SHA = 'c'.repeat(40)
const CANARY = `glgcanary${randomBytes(12).toString('hex')}`

/* eslint-disable @typescript-eslint/no-explicit-any */
const workflow: any = parse(readFileSync(path.join(ROOT, 'examples/workflows/deploy.yml'), 'utf8'))
const gateStep = (job: string) => workflow.jobs[job].steps.find((s: any) => s.uses === './')

let prom: Awaited<ReturnType<typeof useService<'prometheus-deploy'>>>
let gh: Emulator
let token = ''
const dirs: string[] = []

beforeAll(async () => {
  // the example's week of data (monitoring/generate-openmetrics.mjs) and its monitoring/rules.yml
  prom = await useService('prometheus-deploy')
  gh = await startEmulator(emptyState('acme', 'trading'))
  token = fakeToken()
  gh.tokens.set(token, 'write')
}, 180_000)

afterAll(async () => {
  await prom?.stop()
  await gh?.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

/** `${{ secrets.PROM_TOKEN }}` and friends, as the runner would fill them in for this test. */
function expression(value: string): string {
  return value.replace(/\$\{\{\s*secrets\.PROM_TOKEN\s*\}\}/g, CANARY)
}

/** Runs a job's `uses: ./` step: a workspace with the example (its Prometheus URL this test's), INPUT_* from `with`. */
function runGateStep(job: string): Promise<{ code: number; stdout: string; stderr: string; summary: string; outputs: string; report: any }> {
  const step = gateStep(job)
  const dir = mkdtempSync(path.join(tmpdir(), 'glg-deploy-'))
  dirs.push(dir)
  const ws = path.join(dir, 'ws')
  cpSync(EXAMPLE, path.join(ws, 'examples/mech-exo'), { recursive: true })
  const checklist = path.join(ws, 'examples/mech-exo/.github/go-live.yml')
  const text = readFileSync(checklist, 'utf8').replaceAll('http://127.0.0.1:9090', prom.url)
  writeFileSync(checklist, text)
  // the gate judges by the default branch's checklist, read through the API: the deployed commit is its tip
  gh.state.defaultBranch = 'main'
  gh.state.branches = { main: { sha: SHA, protected: true } }
  gh.state.files[SHA] = { 'examples/mech-exo/.github/go-live.yml': text }
  const files = { event: path.join(dir, 'event.json'), summary: path.join(dir, 'summary.md'), output: path.join(dir, 'output') }
  writeFileSync(files.event, JSON.stringify({ ref: 'refs/tags/v0.5.0', after: SHA, repository: { full_name: 'acme/trading' } }))
  writeFileSync(files.summary, '')
  writeFileSync(files.output, '')
  const inputs = Object.fromEntries(
    Object.entries(step.with as Record<string, string>).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, expression(String(v))])
  )
  const stepEnv = Object.fromEntries(Object.entries((step.env ?? {}) as Record<string, string>).map(([k, v]) => [k, expression(v)]))
  const env = cleanEnv({
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: 'acme/trading',
    GITHUB_SHA: SHA,
    GITHUB_REF: 'refs/tags/v0.5.0',
    GITHUB_WORKSPACE: ws,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    GITHUB_API_URL: gh.url,
    GITHUB_JOB: job,
    // the action.yml defaults the runner fills in
    'INPUT_GITHUB-TOKEN': token,
    'INPUT_STATUS-CONTEXT': 'go-live',
    INPUT_MODE: 'enforce',
    INPUT_COMMENT: 'always',
    INPUT_CHECKLIST: '.github/go-live.yml',
    ...inputs,
    ...stepEnv,
    // interval/count sleeps answered at once (and logged), no real waiting
    NODE_OPTIONS: `--import=${pathToFileURL(FAKE_SLEEP).href}`
  })
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ACTION], { cwd: ws, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', d => (stdout += String(d)))
    child.stderr.on('data', d => (stderr += String(d)))
    child.on('error', reject)
    child.on('close', code =>
      resolve({
        code: code ?? -1,
        stdout,
        stderr,
        summary: readFileSync(files.summary, 'utf8'),
        outputs: readFileSync(files.output, 'utf8'),
        report: JSON.parse(readFileSync(path.join(ws, step.with.report), 'utf8'))
      })
    )
  })
}

describe('examples/workflows/deploy.yml', () => {
  it('deploys, gates post-deploy, rolls back on failure, and runs first-week on a schedule', () => {
    expect(workflow.on.schedule[0].cron).toBe('0 7 * * *')
    expect(workflow.jobs['post-deploy'].needs).toBe('deploy')
    expect(gateStep('post-deploy').with.stage).toBe('post-deploy')
    expect(workflow.jobs.rollback.needs).toEqual(['deploy', 'post-deploy'])
    expect(workflow.jobs.rollback.if).toMatch(/^failure\(\)/)
    expect(gateStep('first-week').with.stage).toBe('first-week')
    const issue = workflow.jobs['first-week'].steps.find((s: any) => /gh issue create/.test(s.run ?? ''))
    expect(issue.if).toMatch(/failure\(\)/)
    expect(workflow.permissions).toMatchObject({ statuses: 'write', issues: 'write' })
  })

  it('post-deploy: the gate step fails on the rejection rate, so the rollback job runs', async () => {
    const r = await runGateStep('post-deploy')
    expect(r.code).toBe(1)
    expect(r.report.stage).toBe('post-deploy')
    const byId = new Map<string, any>(r.report.items.map((i: any) => [i.id, i]))
    expect(byId.get('trading-flows-executing-as-expected')).toMatchObject({
      status: 'fail',
      summary: '1 of 2 series not < 5%: {venue="alpaca"} 9%'
    })
    expect(byId.get('performance-metrics-within-expected-ranges')).toMatchObject({
      status: 'pass',
      summary: '6 evaluations 5m apart, 0 failed (1 allowed); last: 357.1 ms < 500 ms'
    })
    expect(r.stderr.match(/^sleep 300000$/gm)).toHaveLength(5)
    expect(byId.get('all-monitoring-systems-green')).toMatchObject({ status: 'pass' })
    expect(byId.get('24-hour-stability-monitoring-completed')).toMatchObject({ status: 'pass', summary: '1 <= 1' })
    // people's T+24 h items wait for a workflow_dispatch; other stages are skipped
    expect(byId.get('no-critical-errors-in-logs')).toMatchObject({ status: 'skipped' })
    expect(byId.get('unit-coverage-95')).toMatchObject({ status: 'skipped', summary: 'skipped: stage pre-release' })
    expect(r.stdout).toContain('::error::Go-live gate failed: 1 blocking item not passed')
    expect(r.summary).toMatch(/^## ❌ Go-live gate failed: 1 blocking item not passed · stage `post-deploy`$/m)
    // the commit status of a later stage is go-live/NAME
    expect(gh.state.statuses[SHA]?.[0]).toMatchObject({ context: 'go-live/post-deploy', state: 'failure' })
    expect([r.stdout, r.stderr, r.summary, r.outputs, JSON.stringify(r.report)].join('\n')).not.toContain(CANARY)
  }, 120_000)

  it('first-week: the success metrics hold on the week of data, so no issue is opened', async () => {
    const r = await runGateStep('first-week')
    expect(r.report.stage).toBe('first-week')
    const byId = new Map<string, any>(r.report.items.map((i: any) => [i.id, i]))
        // 20 minutes down in a week of one-minute probes
    expect(byId.get('system-uptime-99-5').status).toBe('pass')
    expect(byId.get('system-uptime-99-5').summary).toMatch(/^99\.80[12]% > 99\.5%$/)
    expect(byId.get('order-latency-p95-first-week')).toMatchObject({ status: 'pass', summary: '357.1 ms < 500 ms' })
    expect(r.report.result).toBe('pass')
    expect(r.code).toBe(0)
    expect(r.outputs).toMatch(/^result<<.*\npass\n/m)
    expect(gh.state.statuses[SHA]?.[0]).toMatchObject({ context: 'go-live/first-week', state: 'success' })
  }, 120_000)
})
