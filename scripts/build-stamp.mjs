// What `npm test` builds from: the hash of the build's inputs (src/, scripts/, the schemas, the package and lock
// files) and of dist/ as the last build wrote it. `npm run build` records both; `node scripts/build-stamp.mjs`
// (the pretest step) runs the build only when either differs, so a test run after a build does not pay 1.5 s for
// the same bundle again. The record lives in node_modules/.cache, never in the repository; CI's dist check
// (scripts/check-dist.sh) always builds.
import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const STAMP = path.join(root, 'node_modules/.cache/go-live-gate/build-stamp.json')
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
  for (const rel of files.sort())
    h.update(`${rel}\0`)
      .update(readFileSync(path.join(root, rel)))
      .update('\0')
  return h.digest('hex')
}

/** Called by scripts/build.mjs once dist/ is written. */
export function recordBuild() {
  mkdirSync(path.dirname(STAMP), { recursive: true })
  writeFileSync(STAMP, JSON.stringify({ inputs: hashOf(INPUTS), outputs: hashOf(['dist']) }) + '\n')
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
  if (fresh()) console.log('dist: up to date (built from these sources; node_modules/.cache/go-live-gate)')
  else execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root })
}
