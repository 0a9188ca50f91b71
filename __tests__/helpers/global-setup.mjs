// jest globalSetup: every temporary folder of the run (tests, and the bundles they start) goes under one
// folder of the run, which global-teardown.mjs removes, so a run leaves nothing behind in the system's tmp.
// Then it launches the early services of the run's test files (early-services.ts; sequencer.mjs found them).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { EARLY_SERVICES } from './sequencer.mjs'

export default async function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'glg-jest-'))
  process.env.GO_LIVE_GATE_TEST_TMP = dir
  // os.tmpdir() reads these on every call; the workers and their child processes inherit them
  process.env.TMPDIR = process.env.TMP = process.env.TEMP = dir
  const names = process.env[EARLY_SERVICES]?.split(',').filter(Boolean) ?? []
  if (names.length === 0) return
  // the services are TypeScript shared with the tests: bundled for this process (node builtins only)
  const outfile = path.join(dir, 'early-services.mjs')
  const source = new URL('early-services.ts', import.meta.url)
  await build({
    entryPoints: [fileURLToPath(source)],
    // where the module finds the repository's files from: its source, not the bundle in the temporary folder
    define: { 'import.meta.url': JSON.stringify(source.href) },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning'
  })
  const { launchServices } = await import(pathToFileURL(outfile).href)
  const { env, stop } = await launchServices(names)
  Object.assign(process.env, env)
  globalThis.__glgStopEarlyServices = stop
}
