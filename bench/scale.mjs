// npm run bench:scale — how the gate's run time and peak memory grow with the work, each case a whole
// process as a user runs it (`node dist/cli.js check`), side by side with its peer in the same run:
//   items        10 / 100 / 1,000 `file` items in a repository of 20,000 files   vs `node -e 0`
//   glob         one `file` item with max-age over 1k / 10k / 100k committed files vs a bare `git log --name-only`
//   history      `secrets` with history: since-tag over 1k / 10k commits          vs a bare `git log -p` of the range
//   report       one `coverage` item on an lcov of 6 / 58 / 580 MB                vs lcov-parse as a whole process
// Each case runs BENCH_RUNS times (default 3), ours and the peer taking turns; medians are shown. Peak RSS
// comes from GNU time (%M). Trees are built once into bench/.work/scale/ and kept for the next run.
// BENCH_ONLY=items,glob,... picks cases; BENCH_MAX_MB=58 leaves out the 580 MB report.
import { execFileSync, spawnSync } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..')
const work = path.join(here, '.work', 'scale')
const cli = path.join(root, 'dist/cli.js')
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
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], {
    cwd,
    env: { ...cleanEnv, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 30
  })
  const last = r.stderr.trim().split('\n').pop() ?? ''
  const [secs, kb] = last.split(' ').map(Number)
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 400)}`)
  return { secs, mb: kb / 1024, stdout: r.stdout }
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
    peerSecs: median(b.map(x => x.secs)),
    peerMb: median(b.map(x => x.mb)),
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
const row = (kase, size, r, peer) =>
  rows.push(
    `| ${kase} | ${size} | ${r.secs.toFixed(2)} | ${r.mb.toFixed(0)} | ${peer} | ${r.peerSecs.toFixed(2)} | ${r.peerMb.toFixed(0)} | ${(r.secs / r.peerSecs).toFixed(1)}x |`
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
            peerSecs: NaN,
            peerMb: NaN
          }
        })()
    if (peerRuns) row('coverage (lcov)', `${mb} MB`, r, 'lcov-parse (whole process)')
    else
      rows.push(
        `| coverage (lcov) | ${mb} MB | ${r.secs.toFixed(2)} | ${r.mb.toFixed(0)} | lcov-parse (whole process) | cannot (string limit) | | |`
      )
  }
}

const cores = (await import('node:os')).cpus().length
console.log(`\nScale: median of ${RUNS} runs each, whole processes, ${process.version}, ${cores} cores\n`)
console.log(
  '| case | size | ours (s) | ours peak RSS (MB) | peer | peer (s) | peer peak RSS (MB) | ours / peer |'
)
console.log('| --- | --- | ---: | ---: | --- | ---: | ---: | ---: |')
for (const r of rows) console.log(r)
