// npm run bench:coverage
// Generates a ~60 MB lcov (20,000 files x 200 lines) and a Cobertura file of similar size into bench/.work/,
// then parses each with ours and with a reference (lcov-parse; a plain @xmldom/xmldom DOM parse), every
// parser in its own child process so that its peak RSS is its own. Each side runs RUNS times (default 3,
// BENCH_RUNS=n to change), ours and the reference taking turns so that a busy spell on the machine hits
// both; the table shows the median time and the median peak RSS, with ratios of the medians.
import { execFileSync } from 'node:child_process'
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..')
const work = path.join(here, '.work', 'coverage')
const bundleDir = path.join(work, 'bundle')
const bundle = path.join(bundleDir, 'coverage.js')
const lcovFile = path.join(work, 'lcov.info')
const coberturaFile = path.join(work, 'cobertura.xml')

const LCOV_FILES = 20_000
const COBERTURA_CLASSES = 4_200
const LINES = 200
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3))

// deterministic pseudo-random hits, so every run parses the same data
function rng(seed) {
  let x = seed >>> 0
  return () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 4294967296
  }
}

async function writeFileStreamed(file, produce) {
  const out = createWriteStream(file)
  let buf = ''
  const flush = async () => {
    if (!out.write(buf)) await new Promise(r => out.once('drain', r))
    buf = ''
  }
  for (const piece of produce()) {
    buf += piece
    if (buf.length > 1 << 20) await flush()
  }
  await flush()
  await new Promise(r => out.end(r))
}

function* lcov() {
  const rand = rng(42)
  for (let f = 0; f < LCOV_FILES; f++) {
    let s = `TN:\nSF:/home/runner/work/app/app/packages/service-${f % 20}/src/module-${Math.floor(f / 100)}/file-${f}.ts\n`
    let fnh = 0
    for (let i = 0; i < 10; i++) s += `FN:${i * 20 + 1},handleIncomingRequest${i}\n`
    for (let i = 0; i < 10; i++) {
      const hit = rand() < 0.8 ? Math.floor(rand() * 50) + 1 : 0
      if (hit) fnh++
      s += `FNDA:${hit},handleIncomingRequest${i}\n`
    }
    s += `FNF:10\nFNH:${fnh}\n`
    let lh = 0
    for (let l = 1; l <= LINES; l++) {
      const hit = rand() < 0.85 ? Math.floor(rand() * 200) + 1 : 0
      if (hit) lh++
      s += `DA:${l},${hit}\n`
    }
    let brh = 0
    for (let b = 0; b < 20; b++) {
      const taken = rand() < 0.7 ? Math.floor(rand() * 9) + 1 : 0
      if (taken) brh++
      s += `BRDA:${b * 10 + 2},${b >> 1},${b & 1},${taken}\n`
    }
    s += `BRF:20\nBRH:${brh}\nLF:${LINES}\nLH:${lh}\nend_of_record\n`
    yield s
  }
}

function* cobertura() {
  const rand = rng(7)
  yield '<?xml version="1.0" ?>\n<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">\n'
  yield '<coverage lines-valid="0" lines-covered="0" line-rate="0" branches-valid="0" branches-covered="0" branch-rate="0" timestamp="0" complexity="0" version="0.1">\n'
  yield '  <sources>\n    <source>/home/runner/work/app/app</source>\n  </sources>\n  <packages>\n'
  for (let c = 0; c < COBERTURA_CLASSES; c++) {
    if (c % 100 === 0)
      yield `    <package name="module-${c / 100}" line-rate="0" branch-rate="0">\n      <classes>\n`
    let s = `        <class name="file-${c}.ts" filename="src/module-${Math.floor(c / 100)}/file-${c}.ts" line-rate="0" branch-rate="0">\n          <methods>\n`
    for (let i = 0; i < 10; i++) {
      const hit = rand() < 0.8 ? Math.floor(rand() * 50) + 1 : 0
      s += `            <method name="fn${i}" hits="${hit}" signature="()V">\n              <lines>\n                <line number="${i * 20 + 1}" hits="${hit}"/>\n              </lines>\n            </method>\n`
    }
    s += '          </methods>\n          <lines>\n'
    for (let l = 1; l <= LINES; l++) {
      const hit = rand() < 0.85 ? Math.floor(rand() * 200) + 1 : 0
      if (l % 10 === 2) {
        const cov = Math.floor(rand() * 3)
        s += `            <line number="${l}" hits="${hit}" branch="true" condition-coverage="${Math.round((cov / 2) * 100)}% (${cov}/2)"/>\n`
      } else s += `            <line number="${l}" hits="${hit}" branch="false"/>\n`
    }
    s += '          </lines>\n        </class>\n'
    yield s
    if (c % 100 === 99 || c === COBERTURA_CLASSES - 1) yield '      </classes>\n    </package>\n'
  }
  yield '  </packages>\n</coverage>\n'
}

// ---- child: parse once, print {ms, rss, files, lines} ----
async function child(parser, file) {
  const t0 = performance.now()
  let files = 0
  let covered = 0
  let total = 0
  if (parser === 'ours') {
    const { readReport, countsOf } = await import(pathToFileURL(bundle).href)
    const start = performance.now()
    const report = await readReport(file, path.basename(file), 'auto')
    const ms = performance.now() - start
    // not timed: the totals that show both parsers read the same data
    const sum = { lines: [0, 0], branches: [0, 0], functions: [0, 0] }
    for (const f of report.files.values())
      for (const m of Object.keys(sum))
        if (f[m]) {
          const c = countsOf(f[m])
          sum[m][0] += c.covered
          sum[m][1] += c.total
        }
    return { ms, files: report.files.size, covered: sum.lines[0], total: sum.lines[1], sum }
  }
  const require = createRequire(path.join(root, 'package.json'))
  if (parser === 'lcov-parse') {
    const parse = require('lcov-parse')
    const start = performance.now()
    const data = await new Promise((resolve, reject) =>
      parse(file, (err, d) => (err ? reject(new Error(err)) : resolve(d)))
    )
    const ms = performance.now() - start
    const sum = { lines: [0, 0], branches: [0, 0], functions: [0, 0] }
    for (const f of data) {
      for (const d of f.lines.details) sum.lines[d.hit > 0 ? 0 : 1]++
      for (const d of f.branches.details) sum.branches[d.taken > 0 ? 0 : 1]++
      for (const d of f.functions.details) sum.functions[d.hit > 0 ? 0 : 1]++
    }
    // [covered, uncovered] -> [covered, total]
    for (const m of Object.keys(sum)) sum[m][1] += sum[m][0]
    return { ms, files: data.length, covered: sum.lines[0], total: sum.lines[1], sum }
  }
  if (parser === 'xmldom') {
    const { DOMParser } = require('@xmldom/xmldom')
    const start = performance.now()
    const doc = new DOMParser().parseFromString(readFileSync(file, 'utf8'), 'text/xml')
    const ms = performance.now() - start
    // not timed: totals to show both read the same data
    const classes = doc.getElementsByTagName('class')
    for (let i = 0; i < classes.length; i++) {
      files++
      for (let n = classes[i].firstChild; n; n = n.nextSibling) {
        if (n.nodeName !== 'lines') continue
        for (let l = n.firstChild; l; l = l.nextSibling) {
          if (l.nodeName !== 'line') continue
          total++
          if (Number(l.getAttribute('hits')) > 0) covered++
        }
      }
    }
    return { ms, files, covered, total }
  }
  throw new Error(`unknown parser ${parser} (${t0})`)
}

if (process.argv[2] === '--child') {
  const r = await child(process.argv[3], process.argv[4])
  // maxRSS is in KiB
  process.stdout.write(JSON.stringify({ ...r, rss: process.resourceUsage().maxRSS * 1024 }))
  process.exit(0)
}

// ---- parent ----
mkdirSync(work, { recursive: true })
const { build } = await import('esbuild')
// bundled as the action bundles it: code splitting, the Cobertura part worker as its own entry
writeFileSync(
  path.join(work, 'coverage-entry.ts'),
  "export { readReport } from '../../../src/checks/coverage/read.js'\nexport { countsOf } from '../../../src/checks/coverage/model.js'\n"
)
rmSync(bundleDir, { recursive: true, force: true })
await build({
  entryPoints: {
    coverage: path.join(work, 'coverage-entry.ts'),
    'coverage-worker': path.join(root, 'src/checks/coverage/worker.ts')
  },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: bundleDir,
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning'
})
if (!existsSync(lcovFile)) await writeFileStreamed(lcovFile, lcov)
if (!existsSync(coberturaFile)) await writeFileStreamed(coberturaFile, cobertura)

function run(parser, file) {
  const out = execFileSync(
    process.execPath,
    ['--max-old-space-size=8192', fileURLToPath(import.meta.url), '--child', parser, file],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20
    }
  )
  return JSON.parse(out)
}

const mb = f => statSync(f).size / 1e6
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]
const rows = []
for (const [file, ours, theirs] of [
  [lcovFile, 'ours', 'lcov-parse'],
  [coberturaFile, 'ours', 'xmldom']
]) {
  const size = mb(file)
  const runs = { ours: [], theirs: [] }
  for (let k = 0; k < RUNS; k++) {
    // take turns, and swap who goes first every round
    const order = k % 2 === 0 ? ['ours', 'theirs'] : ['theirs', 'ours']
    for (const side of order) runs[side].push(run(side === 'ours' ? ours : theirs, file))
  }
  for (const a of runs.ours)
    for (const b of runs.theirs) {
      // lcov-parse also gives branches and functions: those must agree too
      const same =
        a.total === b.total &&
        a.covered === b.covered &&
        (b.sum === undefined || JSON.stringify(a.sum) === JSON.stringify(b.sum))
      if (!same)
        throw new Error(
          `${path.basename(file)}: parsers disagree: ours ${JSON.stringify(a.sum ?? [a.covered, a.total])}, ${theirs} ${JSON.stringify(b.sum ?? [b.covered, b.total])}`
        )
    }
  const pick = xs => ({
    ...xs[0],
    ms: median(xs.map(x => x.ms)),
    rss: median(xs.map(x => x.rss)),
    all: xs.map(x => x.ms)
  })
  rows.push({
    file: path.basename(file),
    size,
    ours: pick(runs.ours),
    theirs: pick(runs.theirs),
    name: theirs
  })
}

const f1 = n => n.toFixed(1)
const mib = n => (n / 1048576).toFixed(0)
console.log(
  `\nnode ${process.version}, ${process.platform}/${process.arch}; median of ${RUNS} run(s) per parser, taking turns, every run in its own process\n`
)
console.log('| input | parser | time | runs | MB/s | peak RSS | lines (covered/total) |')
console.log('| --- | --- | ---: | --- | ---: | ---: | --- |')
for (const r of rows) {
  for (const [label, x] of [
    ['go-live-gate', r.ours],
    [r.name === 'xmldom' ? '@xmldom/xmldom (DOM parse)' : 'lcov-parse', r.theirs]
  ])
    console.log(
      `| ${r.file} (${f1(r.size)} MB) | ${label} | ${(x.ms / 1000).toFixed(2)} s | ${x.all.map(ms => (ms / 1000).toFixed(2)).join(', ')} | ${f1(r.size / (x.ms / 1000))} | ${mib(x.rss)} MiB | ${x.covered.toLocaleString('en-US')}/${x.total.toLocaleString('en-US')} |`
    )
}
for (const r of rows)
  if (r.theirs.sum) {
    const t = m =>
      `${m} ${r.ours.sum[m][0].toLocaleString('en-US')}/${r.ours.sum[m][1].toLocaleString('en-US')}`
    console.log(`\n${r.file}: both parsers also agree on ${t('branches')} and ${t('functions')}`)
  }
console.log('\n| input | speed-up | peak memory |')
console.log('| --- | ---: | ---: |')
const verdicts = []
for (const r of rows) {
  const speed = r.theirs.ms / r.ours.ms
  const mem = r.ours.rss / r.theirs.rss
  console.log(
    `| ${r.file} | ${f1(speed)}x faster than ${r.name} | ${(mem * 100).toFixed(0)}% of ${r.name}'s |`
  )
  verdicts.push(`${r.file} ${speed >= 8 && mem < 1 ? 'met' : 'NOT met'}`)
}
console.log(`\nbar (>= 8x faster, lower peak memory): ${verdicts.join(', ')}`)
