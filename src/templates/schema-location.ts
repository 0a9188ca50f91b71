import { existsSync, realpathSync } from 'node:fs'
import path from 'node:path'

import { VERSION } from '../version.js'

/** Where npm's CDN serves the schema of this version of the package, pinned so that it never drifts. */
export const SCHEMA_URL = `https://cdn.jsdelivr.net/npm/go-live-gate@${VERSION}/checklist.schema.json`

/**
 * What a checklist's `$schema` comment should point at: the package's own checklist.schema.json by a relative
 * path when the package lies inside the repository (a devDependency in node_modules, or this repository),
 * else the published URL of this version.
 */
export function schemaLocation(root: string, checklistFile: string): string {
  const schema = packageSchema()
  if (!schema) return SCHEMA_URL
  let realRoot: string
  try {
    realRoot = realpathSync(root)
  } catch {
    return SCHEMA_URL
  }
  if (!schema.startsWith(realRoot + path.sep)) return SCHEMA_URL
  const from = path.dirname(path.resolve(realRoot, checklistFile))
  return path.relative(from, schema).split(path.sep).join('/')
}

/** The schema beside the running bundle (dist/ or dist/chunks/) or source (src/templates/). */
function packageSchema(): string | undefined {
  for (const rel of ['../checklist.schema.json', '../../checklist.schema.json']) {
    const url = new URL(rel, import.meta.url)
    if (url.protocol === 'file:' && existsSync(url)) return realpathSync(url)
  }
  return undefined
}
