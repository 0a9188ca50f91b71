// The quality half of `npm run bench:secrets`: recall, false-positive rate and precision of the secrets check,
// per rule family, on a corpus of our own:
// - dev: the rules' own samples (src/checks/secrets/rules/*.ts), positives drawn with 20 seeds. The rules were
//   written against these, so their recall overstates what a user will see.
// - held-out: bench/secrets-heldout.mjs, vendors' documented formats and non-credentials in other contexts,
//   never tuned on.
// - real code: Go's and Python's standard libraries (with the site-packages installed there) and the bench's
//   node_modules tree. Every finding was labelled by hand in bench/secrets-labels.json (`credential`, `fixture`
//   = a credential-shaped test or documentation value, counted as a credential as the issue does, or `fp`);
//   a finding with no label counts as false.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { heldOutNegatives, heldOutPositives } from './secrets-heldout.mjs'

const pct = (a, b) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)} %`)

function writeCases(dir, cases) {
  rmSync(dir, { recursive: true, force: true })
  cases.forEach((c, i) => {
    const file = path.join(dir, String(i), c.file ?? 'sample.txt')
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, c.text)
  })
}

/** findings grouped by case index (first path segment) */
async function scanCases(run, dir) {
  const o = await run(dir)
  const byCase = new Map()
  for (const f of o.details.findings) {
    const i = Number(f.file.split('/')[0])
    byCase.set(i, [...(byCase.get(i) ?? []), f])
  }
  return byCase
}

function stdlibRoots(tree) {
  const roots = []
  try {
    const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim()
    if (existsSync(path.join(goroot, 'src'))) roots.push({ name: 'go', dir: path.join(goroot, 'src') })
  } catch {
    /* no Go: left out and said so */
  }
  try {
    const py = execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], {
      encoding: 'utf8'
    }).trim()
    if (existsSync(py)) roots.push({ name: 'python', dir: py })
  } catch {
    /* no Python */
  }
  if (existsSync(path.join(tree, 'node_modules')))
    roots.push({ name: 'npm', dir: path.join(tree, 'node_modules') })
  return roots
}

export async function quality({ run, FAMILIES, generator, work, tree, root }) {
  const totals = {
    dev: { pos: 0, found: 0, neg: 0, flagged: 0 },
    held: { pos: 0, found: 0, neg: 0, flagged: 0 }
  }
  // dev positives and negatives: every family's samples, 20 seeds
  const devPos = []
  const devNeg = []
  for (let seed = 1; seed <= 20; seed++)
    for (const f of FAMILIES) {
      const g = generator(seed * 1000 + f.name.length)
      for (const s of f.samples.positive(g)) devPos.push({ ...s, family: f.name })
      if (seed === 1) for (const text of f.samples.negative(g)) devNeg.push({ family: f.name, text })
    }
  const held = heldOutPositives(generator(424242))
  const heldNeg = heldOutNegatives()
  const sets = [
    ['dev', devPos, devNeg],
    ['held', held, heldNeg]
  ]
  const perFamily = new Map()
  const fam = name => {
    if (!perFamily.has(name))
      perFamily.set(name, {
        dev: { pos: 0, found: 0, neg: 0, flagged: 0 },
        held: { pos: 0, found: 0, neg: 0, flagged: 0 }
      })
    return perFamily.get(name)
  }
  const misses = []
  for (const [set, pos, neg] of sets) {
    const pdir = path.join(work, 'quality', set, 'pos')
    const ndir = path.join(work, 'quality', set, 'neg')
    writeCases(pdir, pos)
    writeCases(ndir, neg)
    const pf = await scanCases(run, pdir)
    const nf = await scanCases(run, ndir)
    pos.forEach((c, i) => {
      const x = fam(c.family)[set]
      x.pos++
      totals[set].pos++
      if (pf.has(i)) {
        x.found++
        totals[set].found++
      } else if (set === 'held') misses.push(`${c.family} ${c.file}`)
    })
    neg.forEach((c, i) => {
      const x = fam(c.family ?? 'held-out')[set]
      x.neg++
      totals[set].neg++
      if (nf.has(i)) {
        x.flagged++
        totals[set].flagged++
        if (set === 'held')
          misses.push(
            `false alarm: ${c.file} (${nf
              .get(i)
              .map(f => f.rule)
              .join(', ')})`
          )
      }
    })
  }

  // real code: precision from the hand labels
  const labels = JSON.parse(readFileSync(path.join(root, 'bench/secrets-labels.json'), 'utf8'))
  const real = []
  for (const r of stdlibRoots(tree)) {
    const o = await run(r.dir)
    let cred = 0
    let fp = 0
    let unlabelled = 0
    const byRule = new Map()
    for (const f of o.details.findings) {
      const key = `${r.name}:${f.file}:${f.line}:${f.rule}`
      const label = Object.hasOwn(labels.findings, key) ? labels.findings[key] : undefined
      const ok = label === 'credential' || label === 'fixture'
      if (ok) cred++
      else if (label === 'fp') fp++
      else unlabelled++
      const b = byRule.get(f.rule) ?? { ok: 0, all: 0 }
      b.all++
      if (ok) b.ok++
      byRule.set(f.rule, b)
    }
    real.push({
      ...r,
      files: o.details.filesScanned,
      mb: o.details.bytesScanned / 1e6,
      cred,
      fp,
      unlabelled,
      byRule
    })
  }

  console.log('\n### Quality (our own corpus)\n')
  console.log('| family | dev recall | dev false alarms | held-out recall | held-out false alarms |')
  console.log('| --- | ---: | ---: | ---: | ---: |')
  for (const [name, x] of perFamily)
    console.log(
      `| ${name} | ${x.dev.pos ? `${pct(x.dev.found, x.dev.pos)} (${x.dev.found}/${x.dev.pos})` : ''} | ${x.dev.neg ? `${x.dev.flagged}/${x.dev.neg}` : ''} | ${x.held.pos ? `${pct(x.held.found, x.held.pos)} (${x.held.found}/${x.held.pos})` : ''} | ${x.held.neg ? `${x.held.flagged}/${x.held.neg}` : ''} |`
    )
  const t = totals
  console.log(
    `| **all** | **${pct(t.dev.found, t.dev.pos)}** (${t.dev.found}/${t.dev.pos}) | **${pct(t.dev.flagged, t.dev.neg)}** (${t.dev.flagged}/${t.dev.neg}) | **${pct(t.held.found, t.held.pos)}** (${t.held.found}/${t.held.pos}) | **${pct(t.held.flagged, t.held.neg)}** (${t.held.flagged}/${t.held.neg}) |`
  )
  if (misses.length > 0) console.log(`\nHeld-out misses and false alarms: ${misses.join('; ')}.`)
  console.log(
    '\n| real code (every finding labelled by hand) | files | MB | findings | credentials or fixtures | false | unlabelled | precision |'
  )
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  let allOk = 0
  let all = 0
  for (const r of real) {
    const n = r.cred + r.fp + r.unlabelled
    allOk += r.cred
    all += n
    console.log(
      `| ${r.name} | ${r.files.toLocaleString('en-US')} | ${r.mb.toFixed(0)} | ${n} | ${r.cred} | ${r.fp} | ${r.unlabelled} | ${pct(r.cred, n)} |`
    )
  }
  console.log(`| **all** | | | ${all} | ${allOk} | | | **${pct(allOk, all)}** |`)
  const rules = new Map()
  for (const r of real)
    for (const [k, v] of r.byRule)
      rules.set(k, { ok: (rules.get(k)?.ok ?? 0) + v.ok, all: (rules.get(k)?.all ?? 0) + v.all })
  console.log(
    `\nPrecision by rule on real code: ${[...rules].map(([k, v]) => `${k} ${v.ok}/${v.all}`).join(', ')}.`
  )
}
