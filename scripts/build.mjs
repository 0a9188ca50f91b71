// Builds dist/: the action (dist/index.js) and the CLI (dist/cli.js), sharing chunks that load on demand.
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { build } from 'esbuild'

execFileSync(process.execPath, ['scripts/gen-validator.mjs'], { stdio: 'inherit' })
rmSync('dist', { recursive: true, force: true })
const result = await build({
  // the secrets kind scans in worker threads that load dist/secrets-worker.js (found from its chunk);
  // the coverage kind parses large Cobertura reports in parts in dist/coverage-worker.js
  entryPoints: {
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    'secrets-worker': 'src/checks/secrets/worker.ts',
    'coverage-worker': 'src/checks/coverage/worker.ts'
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  // CommonJS dependencies call require(); give ESM chunks one.
  banner: {
    js: "import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);"
  }
})
const outputs = Object.entries(result.metafile.outputs)
const total = outputs.reduce((n, [, o]) => n + o.bytes, 0)
console.log(`dist: ${outputs.length} files, ${(total / 1024).toFixed(0)} KiB`)
