// Builds dist/: the action (dist/index.js) and the CLI (dist/cli.js), sharing chunks that load on demand.
// Chunk names are stable (no content hash), so a one-line change shows in dist/ as the files that hold it.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'
import { recordBuild } from './build-stamp.mjs'
import { licenseText } from './licenses.mjs'

// the format: checklist.schema.json from the kinds' fragments, the kinds' option types, then its validator
execFileSync(process.execPath, ['scripts/build-schema.mjs'], { stdio: 'inherit' })
execFileSync(process.execPath, ['scripts/gen-options.mjs'], { stdio: 'inherit' })
execFileSync(process.execPath, ['scripts/gen-validator.mjs'], { stdio: 'inherit' })
let fdirPatched = 0
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
  // yaml's ES module build (its `default` export; node's is CommonJS): the same code, but tree-shaken and without
  // a CommonJS wrapper per module, ~17 KB less and ~6 ms less start-up in every run. Its one difference, warnings
  // on console.warn instead of process.emitWarning, never shows: the gate parses with logLevel 'error'.
  alias: { yaml: './node_modules/yaml/browser/dist/index.js' },
  minify: true,
  // renamed below; esbuild's hash only keeps the names apart until then
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  metafile: true,
  write: false,
  logLevel: 'warning',
  // CommonJS dependencies call require(); give ESM chunks one.
  // the bundle needs only the version from package.json (src/version.ts), not its dependency list
  plugins: [
    {
      // @actions/core imports its OIDC client (and with it @actions/http-client, undici and tunnel, ~420 KB)
      // for getIDToken, which the gate never calls: every run paid for loading it. The same class, loaded on
      // first use.
      name: 'lazy-oidc',
      setup(b) {
        b.onResolve({ filter: /^\.\/oidc-utils\.js$/ }, args =>
          /[\\/]@actions[\\/]core[\\/]lib$/.test(args.resolveDir)
            ? {
                path: 'actions-core-oidc-utils.js',
                namespace: 'lazy-oidc',
                pluginData: path.join(args.resolveDir, 'oidc-utils.js')
              }
            : undefined
        )
        b.onLoad({ filter: /.*/, namespace: 'lazy-oidc' }, args => ({
          contents: `export class OidcClient {
  static async getIDToken(audience) {
    const { OidcClient } = await import(${JSON.stringify(args.pluginData)})
    return OidcClient.getIDToken(audience)
  }
}`,
          resolveDir: path.dirname(args.pluginData),
          loader: 'js'
        }))
      }
    },
    {
      // @actions/github builds a proxy agent and a proxy fetch (@actions/http-client, undici, tunnel) when it
      // loads, as octokit defaults that src/github/client.ts replaces: it passes its own `request` (its
      // fetch), and octokit's defaults() merges options shallowly, so the agent and the proxy fetch are
      // dropped unused (octokit's fetch path never reads `agent` anyway). Each run with a token paid
      // for loading them; here they are a client without agents and a fetch that loads undici if ever called.
      name: 'unused-proxy',
      setup(b) {
        const utils = /[\\/]@actions[\\/]github[\\/]lib[\\/]internal[\\/]utils\.js$/
        b.onResolve({ filter: /^(@actions\/http-client|undici)$/ }, args =>
          utils.test(args.importer)
            ? { path: args.path, namespace: 'unused-proxy', pluginData: args.resolveDir }
            : undefined
        )
        // the stubs are files (scripts/unused-proxy/), so that the tests' resolver uses the very same ones
        b.onLoad({ filter: /.*/, namespace: 'unused-proxy' }, args => ({
          contents: readFileSync(
            path.join('scripts/unused-proxy', args.path === 'undici' ? 'undici.mjs' : 'http-client.mjs'),
            'utf8'
          ),
          resolveDir: args.pluginData,
          loader: 'js'
        }))
      }
    },
    {
      // fdir (under tinyglobby) tries `require.resolve("picomatch")` when it loads, for a glob() the gate
      // never calls (tinyglobby matches with its own picomatch, bundled). In dev and in the bench it found
      // node_modules/picomatch and loaded it (~7 files) on every run; on a runner, without node_modules, it
      // did not: start-up and behaviour differed. Here it is absent everywhere. The pattern must be found,
      // so that an fdir upgrade that moves it fails the build instead of silently loading picomatch again.
      name: 'fdir-without-picomatch',
      setup(b) {
        b.onLoad({ filter: /[\\/]node_modules[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, args => {
          const text = readFileSync(args.path, 'utf8')
          const probe =
            /try\s*\{\s*__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);\s*\}\s*catch\s*\{\s*\}/
          if (!probe.test(text))
            throw new Error(
              `${args.path}: fdir's optional picomatch load not found: update the fdir-without-picomatch plugin`
            )
          fdirPatched++
          return {
            contents: text.replace(probe, '/* picomatch: absent (scripts/build.mjs) */'),
            loader: 'js'
          }
        })
      }
    },
    {
      name: 'package-version',
      setup(b) {
        const own = path.resolve('package.json')
        b.onLoad({ filter: /package\.json$/ }, args =>
          args.path === own
            ? {
                contents: JSON.stringify({ version: JSON.parse(readFileSync(own, 'utf8')).version }),
                loader: 'json'
              }
            : undefined
        )
      }
    }
  ],
  banner: {
    js: "import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);"
  }
})

// the plugin ran on fdir, and nothing in the bundle looks for picomatch in node_modules at run time
if (fdirPatched === 0)
  throw new Error(
    'fdir was not bundled from node_modules/fdir/dist/index.mjs: update the fdir-without-picomatch plugin'
  )
for (const file of result.outputFiles)
  if (/\.resolve\("picomatch"\)/.test(file.text))
    throw new Error(
      `${path.relative('.', file.path)} still resolves picomatch at run time: see the fdir-without-picomatch plugin`
    )

// A chunk is named for what it holds: a module loaded on demand by its path under src/ (chunks/checks-http.js),
// a shared chunk by the first source file in it (chunks/shared-errors.js), else by its first package.
const dist = path.resolve('dist')
const renames = new Map()
const taken = new Set()
for (const [out, meta] of Object.entries(result.metafile.outputs)) {
  const base = path.basename(out)
  if (!/-[A-Z0-9]{8}\.js$/.test(base)) continue
  const inputs = Object.keys(meta.inputs).sort()
  let name
  if (meta.entryPoint) name = slug(meta.entryPoint.replace(/^src\//, ''))
  else {
    const own = inputs.find(i => i.startsWith('src/'))
    // esbuild's own helpers (__commonJS, __toESM) come in a chunk without inputs
    const first = own
      ? slug(own.replace(/^src\//, ''))
      : inputs[0] && (packageOf(inputs[0]) ?? slug(inputs[0]))
    name = 'shared-' + (first || 'esbuild-runtime')
  }
  for (let n = 2; taken.has(name); n++) name = name.replace(/(-\d+)?$/, `-${n}`)
  taken.add(name)
  renames.set(base, `${name}.js`)
}
const pattern = new RegExp([...renames.keys()].map(k => k.replace(/[.]/g, '\\.')).join('|'), 'g')
rmSync('dist', { recursive: true, force: true })
let total = 0
for (const file of result.outputFiles) {
  const rel = path.relative(dist, file.path)
  const target = path.join(dist, path.dirname(rel), renames.get(path.basename(rel)) ?? path.basename(rel))
  const text = renames.size ? file.text.replace(pattern, m => renames.get(m)) : file.text
  mkdirSync(path.dirname(target), { recursive: true })
  writeFileSync(target, text)
  total += Buffer.byteLength(text)
}
writeFileSync('dist/licenses.txt', licenseText(Object.keys(result.metafile.inputs)))
console.log(`dist: ${result.outputFiles.length + 1} files, ${(total / 1024).toFixed(0)} KiB`)
recordBuild()

function slug(file) {
  return file
    .replace(/\.[cm]?[jt]s$/, '')
    .replace(/\/index$/, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

function packageOf(input) {
  const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*\/node_modules\/)/.exec(input)
  return m ? slug(m[1]) : undefined
}
