// Start-up cost of the CLI validating a small checklist, against a bare `node -e 0`, in one run.
// Runs are interleaved so that machine noise hits both sides alike; medians and the ratio are printed.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const RUNS = Number(process.env.BENCH_RUNS ?? 30)
const cli = path.resolve('dist/cli.js')
const dir = mkdtempSync(path.join(tmpdir(), 'glg-bench-'))
mkdirSync(path.join(dir, '.github'))
writeFileSync(
  path.join(dir, '.github/go-live.yml'),
  `version: 1
name: Bench
roles:
  release-manager: { title: Release Manager, users: [alice] }
sections:
  - title: Security
    items:
      - { id: no-secrets, title: No credentials, check: secrets }
      - { id: runbook, title: Runbook, check: file, with: { path: docs/runbook.md, max-age: 180d } }
      - { id: p95, title: p95 < 500 ms, check: values, with: { file: perf.json, assert: [{ path: p95_ms, lt: 500 }] } }
      - { id: sign-off, title: Signed off, owner: release-manager }
`
)

function time(args) {
  const t = process.hrtime.bigint()
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' })
  const ms = Number(process.hrtime.bigint() - t) / 1e6
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return ms
}
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const sides = { 'node -e 0': ['-e', '0'], 'go-live-gate validate': [cli, 'validate'] }
const times = Object.fromEntries(Object.keys(sides).map(k => [k, []]))
for (const args of Object.values(sides)) time(args) // warm the file cache
for (let i = 0; i < RUNS; i++) for (const [k, args] of Object.entries(sides)) times[k].push(time(args))

const base = median(times['node -e 0'])
console.log(
  `Start-up, median of ${RUNS} interleaved runs (${process.version}, ${process.platform}/${process.arch})\n`
)
console.log('| command | median ms | ratio to node -e 0 |')
console.log('| --- | ---: | ---: |')
for (const [k, xs] of Object.entries(times))
  console.log(`| \`${k}\` | ${median(xs).toFixed(1)} | ${(median(xs) / base).toFixed(2)}x |`)
const ratio = median(times['go-live-gate validate']) / base
console.log(`\nbar: at most 2.50x; measured ${ratio.toFixed(2)}x ${ratio <= 2.5 ? '(met)' : '(NOT met)'}`)
rmSync(dir, { recursive: true, force: true })
