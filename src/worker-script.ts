import { existsSync } from 'node:fs'

/**
 * A worker entry of the bundle (`dist/<name>`), found from the chunk that runs this (dist/chunks/) or from a
 * one-file bundle beside it; undefined when running from source (the tests' esbuild transform), where work stays in-thread.
 */
export function bundledScript(name: string): URL | undefined {
  for (const rel of [`../${name}`, `./${name}`]) {
    const url = new URL(rel, import.meta.url)
    if (url.protocol === 'file:' && existsSync(url)) return url
  }
  return undefined
}
