import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist')

/** The files node loads before the entry runs: the entry and its static imports, transitively. */
function loadedAtStart(entry: string): Map<string, string> {
  const seen = new Map<string, string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    const text = readFileSync(file, 'utf8')
    seen.set(file, text)
    // static imports only (`import ... from"./x.js"`, `import"./x.js"`); import("./x.js") loads on demand
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*)"(\.\.?\/[^"]+\.js)"/g))
      visit(path.resolve(path.dirname(file), m[1]))
  }
  visit(path.join(DIST, entry))
  return seen
}

// undici's error classes and tunnel's proxy agent: the HTTP proxy stack of @actions/http-client
const PROXY_STACK = [/undici\.error\.UND_ERR/, /httpOverHttps|httpsOverHttp/]

describe('the bundle at start-up', () => {
  it.each(['index.js', 'cli.js'])(
    '%s loads no HTTP proxy stack (undici, tunnel) before a run needs one',
    entry => {
      const files = loadedAtStart(entry)
      expect(files.size).toBeGreaterThan(3)
      const hits = [...files]
        .filter(([, text]) => PROXY_STACK.some(p => p.test(text)))
        .map(([file]) => path.relative(DIST, file))
      expect(hits).toEqual([])
    }
  )

  it('the GitHub client chunk does not load it either (its own fetch replaces the proxy fetch)', () => {
    const files = loadedAtStart('chunks/github-client.js')
    expect(files.size).toBeGreaterThan(1)
    const hits = [...files]
      .filter(([, text]) => PROXY_STACK.some(p => p.test(text)))
      .map(([file]) => path.relative(DIST, file))
    expect(hits).toEqual([])
  })
})
