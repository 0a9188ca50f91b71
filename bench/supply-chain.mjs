// npm run bench:supply-chain
// Generates an osv-scanner report of 20,000 advisories (one per package, a GHSA and a PYSEC record of each,
// CVSS v3 and v4 vectors) and a CycloneDX SBOM of 20,000 components into bench/.work/supply-chain/, then
// runs the bundled CLI (dist/cli.js check) on each RUNS times (default 3, BENCH_RUNS=n) as a child process
// and prints the median wall time, CPU time and peak RSS. Run `npm run build` first.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const cli = path.resolve(here, '../dist/cli.js')
const work = path.join(here, '.work', 'supply-chain')
const N = 20_000
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3))

rmSync(work, { recursive: true, force: true })
mkdirSync(path.join(work, '.github'), { recursive: true })
const vectors = [
  ['CVSS_V3', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N'],
  ['CVSS_V4', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N'],
  ['CVSS_V3', 'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:H/I:H/A:N']
]
const packages = []
for (let i = 0; i < N; i++) {
  const ghsa = `GHSA-bench-${String(i).padStart(5, '0')}`
  const pysec = `PYSEC-2026-${i}`
  const entry = (id, aliases) => ({
    id,
    aliases,
    summary: `advisory ${i}`,
    severity: [{ type: vectors[i % 3][0], score: vectors[i % 3][1] }],
    affected: [
      {
        package: { name: `pkg-${i}` },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0.1' }] }]
      }
    ]
  })
  packages.push({
    package: { name: `pkg-${i}`, version: '1.0.0', ecosystem: 'PyPI' },
    vulnerabilities: [entry(ghsa, [`CVE-2026-${i}`]), entry(pysec, [ghsa])],
    groups: [{ ids: [ghsa, pysec] }]
  })
}
writeFileSync(
  path.join(work, 'osv.json'),
  JSON.stringify({ results: [{ source: { path: 'poetry.lock', type: 'lockfile' }, packages }] })
)
const components = Array.from({ length: N }, (_, i) => ({
  type: 'library',
  name: `pkg-${i}`,
  version: '1.0.0',
  licenses: i % 7 === 0 ? [{ expression: 'MIT OR Apache-2.0' }] : [{ license: { id: 'MIT' } }]
}))
writeFileSync(
  path.join(work, 'sbom.json'),
  JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components })
)

function run(item) {
  writeFileSync(
    path.join(work, '.github/go-live.yml'),
    `version: 1\nname: bench\nsections:\n  - title: s\n    items:\n      - ${item}\n`
  )
  const times = []
  for (let r = 0; r < RUNS; r++) {
    const p = spawnSync(
      '/usr/bin/time',
      ['-f', '%e %U %S %M', process.execPath, cli, 'check', '--mode', 'report'],
      {
        cwd: work,
        encoding: 'utf8'
      }
    )
    const [wall, user, sys, rss] = p.stderr.trim().split('\n').pop().split(' ').map(Number)
    times.push({ wall, cpu: user + sys, rss })
  }
  const med = k => times.map(t => t[k]).sort((a, b) => a - b)[Math.floor(times.length / 2)]
  return { wall: med('wall'), cpu: med('cpu'), rss: med('rss') }
}

execFileSync('test', ['-f', cli])
const rows = [
  [
    'osv-scanner, 20,000 advisories (40,000 records)',
    run('{ id: osv, title: o, check: vulnerabilities, with: { source: osv-scanner, report: osv.json } }')
  ],
  [
    'CycloneDX SBOM, 20,000 components',
    run('{ id: sbom, title: s, check: licenses, with: { sbom: sbom.json, allow: [MIT] } }')
  ]
]
console.log(`| input | wall (s) | CPU (s) | peak RSS (MB) |\n| --- | --- | --- | --- |`)
for (const [name, r] of rows)
  console.log(`| ${name} | ${r.wall.toFixed(2)} | ${r.cpu.toFixed(2)} | ${(r.rss / 1024).toFixed(0)} |`)
rmSync(work, { recursive: true, force: true })
