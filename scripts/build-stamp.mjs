// What `npm test` builds from: the hash of the build's inputs (src/, scripts/, the schemas, the package and lock
// files) and of dist/ as the build wrote them, in scripts/build-stamp.json. `npm run build` writes it;
// `node scripts/build-stamp.mjs` (the pretest step) runs the build only when either hash differs from the tree,
// so a test run after a build, or on a fresh clone, does not pay 1.5 s for the same bundle again. The file is
// committed with dist/ and checked with it (`npm run check-dist` always builds and fails if either is stale); a
// change to a source, or an edit of dist/ by hand, makes the hashes differ and the next `npm test` build.
import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const STAMP_REL = 'scripts/build-stamp.json'
const STAMP = path.join(root, STAMP_REL)
const INPUTS = [
  'src',
  'scripts',
  'schemas',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'checklist.schema.json'
]

/** sha256 over the regular files under `entries` (folders walked), each with its path; an absent entry counts too. */
function hashOf(entries) {
  const h = createHash('sha256')
  const files = []
  for (const entry of entries) {
    let stat
    try {
      stat = statSync(path.join(root, entry))
    } catch {
      h.update(`absent ${entry}\0`)
      continue
    }
    if (!stat.isDirectory()) files.push(entry)
    else
      for (const d of readdirSync(path.join(root, entry), { recursive: true, withFileTypes: true }))
        if (d.isFile()) files.push(path.relative(root, path.join(d.parentPath ?? d.path, d.name)))
  }
  for (const rel of files.filter(f => f !== STAMP_REL).sort())
    h.update(`${rel}\0`)
      .update(readFileSync(path.join(root, rel)))
      .update('\0')
  return h.digest('hex')
}

/** Called by scripts/build.mjs once dist/ is written. */
export function recordBuild() {
  writeFileSync(STAMP, JSON.stringify({ inputs: hashOf(INPUTS), outputs: hashOf(['dist']) }, null, 2) + '\n')
}

function fresh() {
  try {
    const stamp = JSON.parse(readFileSync(STAMP, 'utf8'))
    return stamp.inputs === hashOf(INPUTS) && stamp.outputs === hashOf(['dist'])
  } catch {
    return false
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (fresh()) console.log('dist: up to date (built from these sources: scripts/build-stamp.json)')
  else execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root })
}
