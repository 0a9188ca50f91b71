// npm run bench:scale — how the gate's run time and peak memory grow with the work, each case a whole
// process as a user runs it (`node dist/cli.js check`), side by side with its peer in the same run:
//   items        10 / 100 / 1,000 `file` items in a repository of 20,000 files   vs `node -e 0`
//   glob         one `file` item with max-age over 1k / 10k / 100k committed files vs a bare `git log --name-only`
//   history      `secrets` with history: since-tag over 1k / 10k commits          vs a bare `git log -p` of the range
//   report       one `coverage` item on an lcov of 6 / 58 / 580 MB                vs lcov-parse as a whole process
//   api          `dist/index.js` as the runner runs it on a PR with 100 / 1,000 / 5,000 comments and as many
//                reviews (10 manual items, approvals), through the tests' loopback GitHub emulator
//                                                                                   vs a bare paginated fetch of the same pages
//                The emulator runs in this process (bundled from __tests__/emulator by esbuild): its CPU time per
//                run is shown apart, and its OpenAPI response validation runs once afterwards, never during a run.
// Each case runs BENCH_RUNS times (default 3), ours and the peer taking turns; medians are shown. Peak RSS
// comes from GNU time (%M). Trees are built once into bench/.work/scale/ and kept for the next run.
// BENCH_ONLY=items,glob,... picks cases; BENCH_MAX_MB=58 leaves out the 580 MB report; BENCH_API=100,1000 picks
// the API sizes; BENCH_CLI=path/to/cli.js runs another build as ours.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..')
const work = path.join(here, '.work', 'scale')
// BENCH_CLI=/other/dist/cli.js: run another build as ours (before and after a change, on the same inputs)
const cli = process.env.BENCH_CLI ? path.resolve(process.env.BENCH_CLI) : path.join(root, 'dist/cli.js')
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3))
const ONLY = process.env.BENCH_ONLY?.split(',')
const MAX_MB = Number(process.env.BENCH_MAX_MB ?? 580)
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.invalid'
}
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/.test(k))
)

function git(cwd, args, input) {
  return execFileSync('git', args, { cwd, env: GIT_ENV, input, maxBuffer: 1 << 30, encoding: 'utf8' })
}

/** Wall seconds and peak RSS (MB) of one whole process, from GNU time. */
function measure(cmd, args, cwd) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', cmd, ...args], {
    cwd,
    env: { ...cleanEnv, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 30
  })
  const last = r.stderr.trim().split('\n').pop() ?? ''
  const [secs, kb, user, sys] = last.split(' ').map(Number)
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 400)}`)
  return { secs, mb: kb / 1024, cpu: user + sys, stdout: r.stdout }
}
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function compare(ours, peer) {
  const a = []
  const b = []
  measure(...ours) // warm the file cache
  measure(...peer)
  for (let i = 0; i < RUNS; i++) {
    a.push(measure(...ours))
    b.push(measure(...peer))
  }
  return {
    secs: median(a.map(x => x.secs)),
    mb: median(a.map(x => x.mb)),
    cpu: median(a.map(x => x.cpu)),
    peerSecs: median(b.map(x => x.secs)),
    peerMb: median(b.map(x => x.mb)),
    peerCpu: median(b.map(x => x.cpu)),
    stdout: a[0].stdout
  }
}

function checklist(dir, items) {
  mkdirSync(path.join(dir, '.github'), { recursive: true })
  writeFileSync(
    path.join(dir, '.github/go-live.yml'),
    `version: 1\nname: Scale\nsections:\n  - title: Scale\n    items:\n${items.join('\n')}\n`
  )
}

/** A repository with the given files committed through fast-import (one commit), fast at any size. */
function repo(dir, files, commits = 1) {
  if (existsSync(path.join(dir, '.git'))) return dir
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  git(dir, ['init', '-q', '-b', 'main'])
  let stream = ''
  let mark = 0
  const blobs = new Map()
  for (const [, content] of files) {
    if (!blobs.has(content)) {
      blobs.set(content, ++mark)
      stream += `blob\nmark :${mark}\ndata ${Buffer.byteLength(content)}\n${content}\n`
    }
  }
  const t0 = Math.floor(Date.now() / 1000) - 86400 * 30
  stream += `commit refs/heads/main\ncommitter Bench <bench@example.invalid> ${t0} +0000\ndata 4\nroot\n`
  for (const [name, content] of files) stream += `M 100644 :${blobs.get(content)} ${name}\n`
  stream += '\n'
  stream += `reset refs/tags/v1.0.0\nfrom refs/heads/main\n\n`
  for (let c = 1; c < commits; c++) {
    const content = `change ${c}\nconst value = ${c * 7919}\n`
    stream += `commit refs/heads/main\ncommitter Bench <bench@example.invalid> ${t0 + c * 60} +0000\ndata ${String(c).length + 7}\ncommit ${c}\n`
    stream += `M 100644 inline src/changed-${c % 500}.js\ndata ${Buffer.byteLength(content)}\n${content}\n\n`
  }
  git(dir, ['fast-import', '--quiet'], stream)
  git(dir, ['checkout', '-q', '-f', 'main'])
  return dir
}

const rows = []
/** a ratio, or a dash when the time under it is below /usr/bin/time's 10 ms resolution */
const ratio = (a, b) => (b >= 0.01 ? `${(a / b).toFixed(1)}x` : '- (under 10 ms)')
const row = (kase, size, r, peer) =>
  rows.push(
    `| ${kase} | ${size} | ${r.secs.toFixed(2)} | ${r.cpu.toFixed(2)} | ${r.mb.toFixed(0)} | ${peer} | ${r.peerSecs.toFixed(2)} | ${r.peerCpu.toFixed(2)} | ${r.peerMb.toFixed(0)} | ${ratio(r.secs, r.peerSecs)} | ${ratio(r.peerSecs, r.secs)} |`
  )
const want = k => !ONLY || ONLY.includes(k)

if (want('items')) {
  const files = []
  for (let i = 0; i < 20_000; i++) files.push([`src/m${i % 200}/f${i}.ts`, `export const x${i} = ${i}\n`])
  for (let i = 0; i < 1000; i++) files.push([`docs/d${i}.md`, `# Doc ${i}\nRollback: rollback.sh\n`])
  for (const n of [10, 100, 1000]) {
    const dir = repo(path.join(work, `items-${n}`), files)
    checklist(
      dir,
      Array.from(
        { length: n },
        (_, i) =>
          `      - { id: doc-${i}, title: Doc ${i}, check: file, with: { path: docs/d${i}.md, contains: 'rollback\\.sh', max-age: 3650d } }`
      )
    )
    row(
      'items',
      `${n} file items, 20k-file repo`,
      compare([process.execPath, [cli, 'check'], dir], [process.execPath, ['-e', '0'], dir]),
      '`node -e 0`'
    )
  }
}

if (want('glob')) {
  for (const n of [1_000, 10_000, 100_000]) {
    const files = Array.from({ length: n }, (_, i) => [`docs/s${i % 100}/d${i}.md`, `doc ${i % 50}\n`])
    const dir = repo(path.join(work, `glob-${n}`), files)
    checklist(dir, [
      `      - { id: fresh, title: Docs fresh, check: file, with: { path: 'docs/**/*.md', max-age: 3650d } }`
    ])
    row(
      'glob + max-age',
      `${n.toLocaleString('en-US')} files`,
      compare([process.execPath, [cli, 'check'], dir], ['git', ['log', '--name-only', '--format=%H'], dir]),
      '`git log --name-only`'
    )
  }
}

if (want('history')) {
  for (const n of [1_000, 10_000]) {
    const files = [['README.md', '# app\n']]
    const dir = repo(path.join(work, `history-${n}`), files, n + 1)
    checklist(dir, [
      `      - { id: no-secrets, title: No credentials, check: secrets, with: { paths: [src], history: since-tag } }`
    ])
    row(
      'secrets history: since-tag',
      `${n.toLocaleString('en-US')} commits`,
      compare([process.execPath, [cli, 'check'], dir], ['git', ['log', '-p', 'v1.0.0..HEAD'], dir]),
      '`git log -p v1.0.0..HEAD`'
    )
  }
}

async function writeLcov(file, mb) {
  const out = createWriteStream(file)
  let bytes = 0
  let f = 0
  while (bytes < mb * 1024 * 1024) {
    let s = `TN:\nSF:/home/runner/work/app/app/src/module-${Math.floor(f / 100)}/file-${f}.ts\n`
    for (let i = 0; i < 10; i++) s += `FN:${i * 20 + 1},handler${i}\nFNDA:${(f + i) % 3},handler${i}\n`
    s += 'FNF:10\nFNH:7\n'
    let lh = 0
    for (let l = 1; l <= 200; l++) {
      const hit = (l * 7 + f) % 9 === 0 ? 0 : (l % 13) + 1
      if (hit) lh++
      s += `DA:${l},${hit}\n`
    }
    for (let b = 0; b < 20; b++) s += `BRDA:${b * 10 + 2},0,${b % 2},${b % 3 === 0 ? '-' : b % 5}\n`
    s += `BRF:20\nBRH:11\nLF:200\nLH:${lh}\nend_of_record\n`
    bytes += s.length
    f++
    if (!out.write(s)) await new Promise(r => out.once('drain', r))
  }
  await new Promise(r => out.end(r))
}

if (want('report')) {
  const peerScript = path.join(work, 'lcov-parse-whole.cjs')
  mkdirSync(work, { recursive: true })
  writeFileSync(
    peerScript,
    `const parse = require(${JSON.stringify(path.join(root, 'node_modules/lcov-parse'))})
parse(process.argv[2], (err, data) => { if (err) { console.error(String(err)); process.exit(3) } let lh = 0, lf = 0
for (const f of data) { lh += f.lines.hit; lf += f.lines.found } console.log(lh + '/' + lf) })\n`
  )
  for (const mb of [6, 58, 580].filter(m => m <= MAX_MB)) {
    const dir = path.join(work, `report-${mb}`)
    if (!existsSync(path.join(dir, 'lcov.info'))) {
      mkdirSync(dir, { recursive: true })
      await writeLcov(path.join(dir, 'lcov.info'), mb)
    }
    checklist(dir, [
      `      - { id: cov, title: Coverage, check: coverage, with: { reports: [lcov.info], min: { lines: 50 } } }`
    ])
    // lcov-parse reads the whole file into one string: past V8's string limit (~512 MB) it cannot run
    const peerRuns = mb < 500
    const r = peerRuns
      ? compare([process.execPath, [cli, 'check'], dir], [process.execPath, [peerScript, 'lcov.info'], dir])
      : (() => {
          const m = [0, 1, 2].slice(0, RUNS).map(() => measure(process.execPath, [cli, 'check'], dir))
          return {
            secs: median(m.map(x => x.secs)),
            mb: median(m.map(x => x.mb)),
            cpu: median(m.map(x => x.cpu)),
            peerSecs: NaN,
            peerMb: NaN,
            peerCpu: NaN
          }
        })()
    if (peerRuns) row('coverage (lcov)', `${mb} MB`, r, 'lcov-parse (whole process)')
    else
      rows.push(
        `| coverage (lcov) | ${mb} MB | ${r.secs.toFixed(2)} | ${r.cpu.toFixed(2)} | ${r.mb.toFixed(0)} | lcov-parse (whole process) | cannot (string limit) | | | | |`
      )
  }
}

/** `measure`, without blocking this process's event loop (the emulator answers from here). */
function measureAsync(cmd, args, cwd, env) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%e %M %U %S', cmd, ...args], { cwd, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', d => (stdout += d))
    child.stderr.on('data', d => (stderr += d))
    child.on('close', status => {
      const [secs, kb, user, sys] = (stderr.trim().split('\n').pop() ?? '').split(' ').map(Number)
      if (status !== 0 && status !== 1) reject(new Error(`${cmd} exited ${status}: ${stderr.slice(-600)}`))
      else resolve({ secs, mb: kb / 1024, cpu: user + sys, stdout })
    })
  })
}

if (want('api')) {
  const esbuild = await import('esbuild')
  const bundle = path.join(here, '.work', 'emulator.mjs')
  await esbuild.build({
    stdin: {
      contents: `export { startEmulator } from './__tests__/emulator/server.js'
export { releaseState, HEAD } from './__tests__/emulator/fixtures.js'
export { prPayload } from './__tests__/emulator/run-action.js'`,
      resolveDir: root,
      loader: 'ts'
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: bundle,
    logLevel: 'warning'
  })
  const emu = await import(bundle)
  const MANUAL = 10
  const manualItems = Array.from(
    { length: MANUAL },
    (_, i) => `      - { id: step-${i}, title: Step ${i}, check: manual }`
  )
  const list = `version: 1
name: Scale
roles:
  release-manager: { title: Release Manager, users: [alice, bob] }
  security-officer: { title: Security Officer, teams: [acme/security] }
sections:
  - title: Sign-offs
    items:
      - { id: sign-offs, title: Approved, check: approvals, with: { roles: [release-manager, security-officer] } }
${manualItems.join('\n')}
`
  const peerScript = path.join(work, 'fetch-pages.mjs')
  mkdirSync(work, { recursive: true })
  writeFileSync(
    peerScript,
    `// every page of comments and reviews, as a bare client would fetch them
const [base, token] = process.argv.slice(2)
let n = 0
for (const what of ['issues/7/comments', 'pulls/7/reviews']) {
  let url = base + '/repos/acme/trading/' + what + '?per_page=100'
  while (url) {
    const r = await fetch(url, { headers: { authorization: 'token ' + token } })
    n += (await r.json()).length
    url = /<([^>]+)>; rel="next"/.exec(r.headers.get('link') ?? '')?.[1]
  }
}
console.log(n)
`
  )
  for (const n of (process.env.BENCH_API ?? '100,1000,5000').split(',').map(Number)) {
    const state = emu.releaseState()
    const people = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank']
    const t0 = Date.parse('2025-03-01T12:00:00Z')
    const at = k => new Date(t0 + k * 1000).toISOString()
    state.comments = []
    for (let k = 0; k < n; k++) {
      const login = people[k % people.length]
      const body =
        k % 10 === 0
          ? `/go-live attest step-${(k / 10) % MANUAL}`
          : `Looked at part ${k} of the release.\n\n\`\`\`\n/go-live attest step-${k % MANUAL}\n\`\`\`\n> quoted ${k}\n`
      state.comments.push({ issue: 7, login, body, at: at(k) })
    }
    state.reviews[7] = Array.from({ length: n }, (_, k) => ({
      login: people[k % people.length],
      state: k >= n - 6 ? 'APPROVED' : 'COMMENTED',
      commit: emu.HEAD,
      at: at(k)
    }))
    const gh = await emu.startEmulator(state)
    const token = ['emu', 'bench', Math.random().toString(36).slice(2)].join('_')
    gh.tokens.set(token, 'write')
    const dir = path.join(work, `api-${n}`)
    rmSync(dir, { recursive: true, force: true })
    const ws = path.join(dir, 'ws')
    mkdirSync(path.join(ws, '.github'), { recursive: true })
    writeFileSync(path.join(ws, '.github/go-live.yml'), list)
    state.files[emu.HEAD] = { '.github/go-live.yml': list }
    for (const ref of Object.keys(state.files)) state.files[ref]['.github/go-live.yml'] = list
    const eventFile = path.join(dir, 'event.json')
    writeFileSync(eventFile, JSON.stringify(emu.prPayload()))
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventFile,
      GITHUB_REPOSITORY: 'acme/trading',
      GITHUB_SHA: emu.HEAD,
      GITHUB_REF: 'refs/pull/7/merge',
      GITHUB_WORKSPACE: ws,
      GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
      GITHUB_OUTPUT: path.join(dir, 'output'),
      GITHUB_API_URL: gh.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '4242',
      GITHUB_JOB: 'gate',
      'INPUT_GITHUB-TOKEN': token,
      INPUT_CHECKLIST: '.github/go-live.yml',
      INPUT_MODE: 'report',
      INPUT_COMMENT: 'always',
      'INPUT_STATUS-CONTEXT': 'go-live',
      'INPUT_POLICY-REF': 'base',
      'INPUT_POLICY-OWNER': 'release-manager'
    }
    // BENCH_CPU_PROF=1: a V8 profile of each action run in bench/.work/prof/
    const prof = process.env.BENCH_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${path.join(here, '.work', 'prof')}`]
      : []
    const ours = async () => {
      writeFileSync(env.GITHUB_STEP_SUMMARY, '')
      writeFileSync(env.GITHUB_OUTPUT, '')
      const before = gh.requests.length
      const cpu = process.cpuUsage()
      const r = await measureAsync(process.execPath, [...prof, path.join(root, 'dist/index.js')], ws, env)
      const used = process.cpuUsage(cpu)
      return { ...r, requests: gh.requests.length - before, serverSecs: (used.user + used.system) / 1e6 }
    }
    const peer = () => measureAsync(process.execPath, [peerScript, gh.url, token], dir, { PATH: env.PATH })
    const a = []
    const b = []
    await ours()
    await peer()
    for (let i = 0; i < RUNS; i++) {
      a.push(await ours())
      b.push(await peer())
    }
    const summary = readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')
    if (!/step-0/.test(summary))
      throw new Error(`api ${n}: the summary lists no items:\n${summary.slice(0, 400)}`)
    const v0 = performance.now()
    const violations = gh.violations()
    const validateSecs = (performance.now() - v0) / 1000
    if (violations.length) console.error(`api ${n}: ${violations.length} responses off GitHub's description`)
    const pages = `${a[0].requests} requests (${Math.ceil(n / 100)} pages each of comments and reviews)`
    const r = {
      secs: median(a.map(x => x.secs)),
      mb: median(a.map(x => x.mb)),
      cpu: median(a.map(x => x.cpu)),
      peerSecs: median(b.map(x => x.secs)),
      peerMb: median(b.map(x => x.mb)),
      peerCpu: median(b.map(x => x.cpu))
    }
    row(
      'API pages (action)',
      `${n.toLocaleString('en-US')} comments + ${n.toLocaleString('en-US')} reviews; ${pages}; emulator CPU ${median(a.map(x => x.serverSecs)).toFixed(2)} s a run, OpenAPI validation of all its answers in this case ${validateSecs.toFixed(1)} s (after the runs)`,
      r,
      'bare paginated `fetch` of the pages'
    )
    await gh.close()
  }
}

const cores = (await import('node:os')).cpus().length
console.log(`\nScale: median of ${RUNS} runs each, whole processes, ${process.version}, ${cores} cores\n`)
const load = (await import('node:os')).loadavg()[0]
console.log(
  `1-minute load average at the end: ${load.toFixed(1)} (wall times stretch with it; CPU = user + system)\n`
)
console.log(
  '| case | size | ours (s) | ours CPU (s) | ours peak RSS (MB) | peer | peer (s) | peer CPU (s) | peer peak RSS (MB) | ours / peer | peer / ours |'
)
console.log('| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |')
for (const r of rows) console.log(r)
