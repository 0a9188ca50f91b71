// The tests load what the bundle loads: @actions/github/lib/internal/utils.js imports @actions/http-client (a
// proxy stack) and undici, which the gate never uses (its own HTTP client, src/http/request.ts). The build
// replaces exactly those two imports of that file with lazy stubs (scripts/build.mjs, plugin `unused-proxy`);
// jest's resolver (__tests__/helpers/resolver.cjs) applies the same rule. If @actions/github moves the imports,
// this fails: update both rules.
import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const require = createRequire(import.meta.url)
type Resolver = ((request: string, options: { basedir: string }) => string) & {
  stubs: Record<string, string>
}
const resolver = require('../helpers/resolver.cjs') as Resolver
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const utils = path.join(root, 'node_modules/@actions/github/lib/internal/utils.js')

describe('the unused proxy imports of @actions/github', () => {
  const saved = process.env.https_proxy
  afterEach(() => {
    if (saved === undefined) delete process.env.https_proxy
    else process.env.https_proxy = saved
  })

  it('are still imported by lib/internal/utils.js, and only those two bare imports', () => {
    const imports = [...readFileSync(utils, 'utf8').matchAll(/^import\b[^'"]*['"]([^'"]+)['"]/gm)].map(
      m => m[1]
    )
    expect(imports.sort()).toEqual(['@actions/http-client', 'undici'])
  })

  it.each(['@actions/http-client', 'undici'])(
    '%s from that file resolves to the stub, elsewhere to the package',
    name => {
      expect(resolver(name, { basedir: path.dirname(utils) } as never)).toBe(resolver.stubs[name])
      const defaultResolver = (request: string) => `default:${request}`
      expect(resolver(name, { basedir: root, defaultResolver } as never)).toBe(`default:${name}`)
    }
  )

  it('the module jest loads gives no proxy dispatcher even when a proxy is set (the stub, as in the bundle)', async () => {
    process.env.https_proxy = 'http://127.0.0.1:9'
    const m = (await import(pathToFileURL(utils).href)) as {
      getProxyAgentDispatcher(url: string): unknown
    }
    expect(m.getProxyAgentDispatcher('https://api.github.com')).toBeUndefined()
  })
})
