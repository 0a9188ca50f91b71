import type { Workspace } from '../../workspace.js'
import type { InstalledVersions } from './parse.js'

interface Entry {
  version?: string
  dependencies?: Record<string, Entry>
}

/**
 * Installed versions by install path from the root package-lock.json, so that npm 7+ findings (which
 * only name a range and `nodes`) show the version actually installed. Best effort: none is fine.
 */
export async function installedVersions(workspace: Workspace): Promise<InstalledVersions> {
  const versions: InstalledVersions = new Map()
  for (const name of ['npm-shrinkwrap.json', 'package-lock.json']) {
    if (!(await workspace.exists(name))) continue
    try {
      const lock = JSON.parse(await workspace.readText(name)) as {
        packages?: Record<string, Entry>
        dependencies?: Record<string, Entry>
      }
      if (lock.packages) {
        for (const [path, entry] of Object.entries(lock.packages))
          if (typeof entry?.version === 'string') versions.set(path, entry.version)
      } else if (lock.dependencies) {
        const walk = (deps: Record<string, Entry>, prefix: string): void => {
          for (const [dep, entry] of Object.entries(deps)) {
            const path = `${prefix}node_modules/${dep}`
            if (typeof entry?.version === 'string') versions.set(path, entry.version)
            if (entry?.dependencies) walk(entry.dependencies, `${path}/`)
          }
        }
        walk(lock.dependencies, '')
      }
    } catch {
      // an unreadable lockfile only costs the versions
    }
    break
  }
  return versions
}
