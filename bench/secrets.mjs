// npm run bench:secrets — first the quality of the secrets check on our own corpus (bench/secrets-quality.mjs:
// recall, false alarms and precision per rule family), then its speed against ripgrep (20 common secret
// patterns) and secretlint (recommend preset) on a large real tree: a pinned set of popular npm packages
// (several hundred MB), every file scanned (max-file-size 100MB), ours and ripgrep interleaved in one run.
// Installs the tree into bench/.work/tree on first run. Prints Markdown tables.
// SECRETS_BENCH=quality or =speed runs one half only.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { quality } from './secrets-quality.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const work = path.join(root, 'bench/.work')
const tree = path.join(work, 'tree')
const SAMPLE_SHARE = Number(process.env.SECRETLINT_SAMPLE ?? 0.05)

const PACKAGES = {
  typescript: '5.9.3',
  'aws-sdk': '2.1692.0',
  googleapis: '144.0.0',
  'monaco-editor': '0.52.0',
  lodash: '4.17.21',
  moment: '2.30.1',
  rxjs: '7.8.1',
  '@babel/core': '7.26.0',
  webpack: '5.97.1',
  eslint: '9.17.0',
  three: '0.170.0',
  'date-fns': '4.1.0',
  'core-js': '3.39.0',
  'react-dom': '18.3.1',
  '@angular/core': '19.0.0',
  firebase: '11.0.2'
}

function ensureTree() {
  if (existsSync(path.join(tree, 'node_modules'))) return
  mkdirSync(tree, { recursive: true })
  writeFileSync(
    path.join(tree, 'package.json'),
    JSON.stringify({ name: 'bench-tree', private: true, dependencies: PACKAGES }, null, 2)
  )
  console.error('installing the bench tree (pinned npm packages) into bench/.work/tree ...')
  execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: tree,
    stdio: 'inherit'
  })
}

const RG_PATTERNS = [
  '(A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}',
  `(?i)aws_?secret_?access_?key\\s*[:=]\\s*["']?[A-Za-z0-9/+=]{40}`,
  'AIza[0-9A-Za-z_-]{35}',
  'gh[pousr]_[A-Za-z0-9]{36}',
  'github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}',
  'glpat-[A-Za-z0-9_-]{20}',
  'xox[baprs]-[0-9A-Za-z-]{10,48}',
  'https://hooks\\.slack\\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{24}',
  '[rs]k_live_[A-Za-z0-9]{24,99}',
  'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}',
  'npm_[A-Za-z0-9]{36}',
  'sk-[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}',
  'sk-ant-api03-[A-Za-z0-9_-]{93}AA',
  'dop_v1_[a-f0-9]{64}',
  'hvs\\.[A-Za-z0-9_-]{24,}',
  'shpat_[a-fA-F0-9]{32}',
  '[0-9]{8,10}:AA[A-Za-z0-9_-]{33}',
  'eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}',
  '-----BEGIN[ A-Z]*PRIVATE KEY-----',
  `(?i)(password|passwd|secret|token|api_?key)\\s*[:=]\\s*["'][^"'\\s]{8,}["']`
]

/** Runs a command under /usr/bin/time: wall seconds and peak RSS (MB). */
function timed(cmd, args, options = {}) {
  const hasTime = existsSync('/usr/bin/time')
  const t0 = performance.now()
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
        ...options
      })
    : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...options })
  const seconds = (performance.now() - t0) / 1000
  if (r.error) throw r.error
  const rss = hasTime ? Number(r.stderr.trim().split('\n').pop()) / 1024 : NaN
  return { seconds, rss, stdout: r.stdout, stderr: r.stderr, status: r.status }
}

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) walk(p, out)
    else if (e.isFile()) out.push(p)
  }
  return out
}

async function main() {
  ensureTree()
  const rg = spawnSync('rg', ['--version'], { encoding: 'utf8' })
  if (rg.error) {
    console.error(
      'ripgrep is missing: apt-get update && apt-get install -y ripgrep (or brew install ripgrep)'
    )
    process.exit(2)
  }
  // the check, bundled as the action bundles it: code splitting, the worker as its own entry
  mkdirSync(work, { recursive: true })
  writeFileSync(
    path.join(work, 'secrets-entry.ts'),
    `export { check } from '../../src/checks/secrets/index.js'\nexport { Workspace } from '../../src/workspace.js'\nexport { gitPort } from '../../src/git.js'\n` +
      `export { FAMILIES } from '../../src/checks/secrets/rules/families.js'\n` +
      `export { generator } from '../../src/checks/secrets/rules/sample-kit.js'\n`
  )
  const bundle = path.join(work, 'bundle')
  rmSync(bundle, { recursive: true, force: true })
  await build({
    entryPoints: {
      secrets: path.join(work, 'secrets-entry.ts'),
      'secrets-worker': path.join(root, 'src/checks/secrets/worker.ts')
    },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: bundle,
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning'
  })
  writeFileSync(
    path.join(work, 'run-secrets.mjs'),
    `import { check, gitPort, Workspace } from './bundle/secrets.js'
const dir = process.argv[2]
const options = { paths: ['.'], 'max-file-size': '100MB' }
const o = await check(options, { with: options }, { workspace: new Workspace(dir), git: gitPort(dir), event: { name: 'local' }, now: () => new Date(), signal: new AbortController().signal })
console.log(JSON.stringify({ filesScanned: o.details.filesScanned, bytesScanned: o.details.bytesScanned, findings: o.details.findings.length, skipped: o.details.skipped }))
`
  )
  const half = process.env.SECRETS_BENCH ?? 'all'
  if (half !== 'speed') {
    const { check, gitPort, Workspace, FAMILIES, generator } = await import(path.join(bundle, 'secrets.js'))
    const run = dir => {
      const options = { paths: ['.'], 'max-file-size': '100MB' }
      return check(
        options,
        { with: options },
        {
          workspace: new Workspace(dir),
          git: gitPort(dir),
          event: { name: 'local' },
          now: () => new Date(),
          signal: new AbortController().signal
        }
      )
    }
    await quality({ run, FAMILIES, generator, work, tree, root })
    if (half === 'quality') return
  }

  const patterns = path.join(work, 'rg-patterns.txt')
  writeFileSync(patterns, RG_PATTERNS.join('\n') + '\n')

  // warm the page cache so that every tool reads from memory
  spawnSync('rg', ['-uu', '-c', 'zzzzzz-warmup', tree], { encoding: 'utf8' })

  const rows = []
  const ours = timed('node', [path.join(work, 'run-secrets.mjs'), tree])
  const scan = JSON.parse(ours.stdout)
  const rgRun = timed('rg', ['-uu', '-c', '-f', patterns, tree])
  const rgRun2 = timed('rg', ['-uu', '-c', '-f', patterns, tree])
  const ours2 = timed('node', [path.join(work, 'run-secrets.mjs'), tree])
  const best = (a, b) => (a.seconds <= b.seconds ? a : b)
  const rgBest = best(rgRun, rgRun2)
  const oursBest = best(ours, ours2)
  const mb = scan.bytesScanned / 1e6
  rows.push({
    tool: `go-live-gate secrets (all rules)`,
    seconds: oursBest.seconds,
    rss: oursBest.rss,
    files: scan.filesScanned,
    mb,
    note: `${scan.findings} findings`
  })
  rows.push({
    tool: `ripgrep ${rg.stdout.split('\n')[0].split(' ')[1]} (20 patterns)`,
    seconds: rgBest.seconds,
    rss: rgBest.rss,
    files: scan.filesScanned,
    mb,
    note: `${rgBest.stdout.trim().split('\n').filter(Boolean).length} files matched`
  })

  // secretlint on a sample (every k-th file), extrapolated by bytes
  const all = walk(tree)
    .filter(f => !f.includes(`${path.sep}.git${path.sep}`))
    .sort()
  const step = Math.max(1, Math.round(1 / SAMPLE_SHARE))
  const sample = all.filter((_, i) => i % step === 0)
  const sampleBytes = sample.reduce((n, f) => n + statSync(f).size, 0)
  const rc = path.join(work, 'secretlintrc.json')
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }))
  const list = path.join(work, 'secretlint-files.txt')
  writeFileSync(list, sample.join('\n'))
  const sl = timed(
    path.join(root, 'node_modules/.bin/secretlint'),
    ['--secretlintrc', rc, '--format', 'json', '--no-color', ...sample],
    { cwd: tree }
  )
  const factor = scan.bytesScanned / sampleBytes
  rows.push({
    tool: `secretlint 13 (recommend preset)`,
    seconds: sl.seconds * factor,
    rss: sl.rss,
    files: scan.filesScanned,
    mb,
    note: `measured on ${sample.length} files (${(sampleBytes / 1e6).toFixed(1)} MB, every ${step}th) in ${sl.seconds.toFixed(1)} s, extrapolated x${factor.toFixed(1)} by bytes`
  })

  const rgSeconds = rgBest.seconds
  console.log(
    `\nTree: ${scan.filesScanned.toLocaleString('en-US')} text files, ${mb.toFixed(0)} MB (bench/.work/tree/node_modules, ${Object.keys(PACKAGES).length} pinned packages and their dependencies); ${(await import('node:os')).cpus().length} cores; best of 2 runs for ours and ripgrep.\n`
  )
  console.log('| tool | time (s) | MB/s | files/s | peak RSS (MB) | time vs ripgrep | note |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |')
  for (const r of rows)
    console.log(
      `| ${r.tool} | ${r.seconds.toFixed(2)} | ${(r.mb / r.seconds).toFixed(0)} | ${Math.round(r.files / r.seconds).toLocaleString('en-US')} | ${r.rss.toFixed(0)} | ${(r.seconds / rgSeconds).toFixed(2)}x | ${r.note} |`
    )
  const slRow = rows[2]
  const load = (await import('node:os')).loadavg()[0]
  console.log(
    `\nours / ripgrep: ${(oursBest.seconds / rgSeconds).toFixed(2)}x (bar 2.5x, goal 2x); secretlint / ours: ${(slRow.seconds / oursBest.seconds).toFixed(1)}x. Runs: ours ${ours.seconds.toFixed(2)} s, ripgrep ${rgRun.seconds.toFixed(2)} s, ripgrep ${rgRun2.seconds.toFixed(2)} s, ours ${ours2.seconds.toFixed(2)} s (interleaved); load average ${load.toFixed(1)} on ${(await import('node:os')).cpus().length} cores (a shared machine inflates both, the ratio less)`
  )
}

await main()
