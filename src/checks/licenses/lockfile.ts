import { CheckError, errorMessage } from '../../errors.js'
import type { Workspace } from '../../workspace.js'

/** One installed third-party package. */
export interface InstalledPackage {
  name: string
  version: string
  /** the licence expression, or undefined when neither the lockfile nor the package says */
  license?: string
  /** repository-relative install path (`node_modules/a/node_modules/b`) */
  path: string
}

interface LockEntry {
  name?: string
  version?: string
  license?: unknown
  dev?: boolean
  link?: boolean
  dependencies?: Record<string, LockEntry>
}

interface Lockfile {
  lockfileVersion?: number
  packages?: Record<string, LockEntry>
  dependencies?: Record<string, LockEntry>
}

/** The lockfile `lockfile: auto` means: npm's own precedence, shrinkwrap first. */
export async function findLockfile(workspace: Workspace): Promise<string> {
  for (const name of ['npm-shrinkwrap.json', 'package-lock.json'])
    if (await workspace.exists(name)) return name
  throw new CheckError(
    'no package-lock.json at the repository root: commit it (npm install --package-lock-only), or set `lockfile`'
  )
}

/**
 * The installed dependency set of a package-lock.json (lockfileVersion 1, 2 or 3), with each
 * package's licence from the lockfile, else from its installed package.json.
 */
export async function readInstalledPackages(
  workspace: Workspace,
  lockfilePath: string,
  includeDev: boolean
): Promise<InstalledPackage[]> {
  const text = await workspace.readText(lockfilePath)
  let lock: Lockfile
  try {
    lock = JSON.parse(text) as Lockfile
  } catch (e) {
    throw new CheckError(`${lockfilePath} is not valid JSON: ${errorMessage(e)}`)
  }
  if (!lock || typeof lock !== 'object' || Array.isArray(lock))
    throw new CheckError(`${lockfilePath} is not a package-lock.json`)

  const found: { entry: LockEntry; name: string; path: string }[] = []
  if (lock.packages && typeof lock.packages === 'object') {
    // v2 and v3: flat map keyed by install path; "" is the project itself
    for (const [key, entry] of Object.entries(lock.packages)) {
      const at = key.lastIndexOf('node_modules/')
      if (!isEntry(entry)) throw badEntry(lockfilePath, key)
      // workspaces and file: links are the project's own code, not third-party
      if (at < 0 || entry.link) continue
      if (entry.dev && !includeDev) continue
      found.push({ entry, name: entry.name ?? key.slice(at + 'node_modules/'.length), path: key })
    }
  } else if (lock.dependencies && typeof lock.dependencies === 'object') {
    // v1: nested tree of dependencies
    const walk = (deps: Record<string, LockEntry>, prefix: string): void => {
      for (const [name, entry] of Object.entries(deps)) {
        const path = `${prefix}node_modules/${name}`
        if (!isEntry(entry)) throw badEntry(lockfilePath, path)
        if (!(entry.dev && !includeDev)) found.push({ entry, name, path })
        if (entry.dependencies !== undefined) {
          if (!isEntry(entry.dependencies)) throw badEntry(lockfilePath, `${path} dependencies`)
          walk(entry.dependencies as Record<string, LockEntry>, `${path}/`)
        }
      }
    }
    walk(lock.dependencies, '')
  } else if (lock.lockfileVersion === undefined) {
    throw new CheckError(
      `${lockfilePath} is not a package-lock.json (no lockfileVersion, packages or dependencies)`
    )
  }

  const packages: InstalledPackage[] = []
  const missing: InstalledPackage[] = []
  for (const { entry, name, path } of found) {
    const pkg: InstalledPackage = {
      name,
      version: typeof entry.version === 'string' ? entry.version : '',
      license: licenseOf(entry),
      path
    }
    packages.push(pkg)
    if (pkg.license === undefined) missing.push(pkg)
  }
  await mapLimit(missing, 16, async pkg => {
    pkg.license = await installedLicense(workspace, lockfilePath, pkg.path)
  })
  return packages
}

const isEntry = (v: unknown): v is LockEntry => typeof v === 'object' && v !== null && !Array.isArray(v)

/** An entry we cannot read could be any package under any licence: the item cannot pass. */
function badEntry(lockfilePath: string, key: string): CheckError {
  const shown = key.length > 80 ? `${key.slice(0, 77)}...` : key
  return new CheckError(
    `${lockfilePath}: the entry ${JSON.stringify(shown)} is not an object: fix or regenerate the lockfile`
  )
}

/** The licence a package.json or lockfile entry declares, as one SPDX-ish expression. */
export function licenseOf(manifest: { license?: unknown; licenses?: unknown }): string | undefined {
  const one = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value.trim() || undefined
    // legacy `{type, url}` objects
    if (value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string')
      return ((value as { type: string }).type as string).trim() || undefined
    return undefined
  }
  const license = one(manifest.license)
  if (license) return license
  // legacy `licenses: [{type}]`: the package is offered under any of them
  const list = Array.isArray(manifest.licenses) ? manifest.licenses.map(one).filter(Boolean) : []
  if (list.length === 1) return list[0]
  if (list.length > 1) return list.map(l => (/\s/.test(l!) ? `(${l})` : l)).join(' OR ')
  return undefined
}

async function installedLicense(
  workspace: Workspace,
  lockfilePath: string,
  path: string
): Promise<string | undefined> {
  const dir = lockfilePath.includes('/') ? lockfilePath.slice(0, lockfilePath.lastIndexOf('/') + 1) : ''
  try {
    const manifest = JSON.parse(await workspace.readText(`${dir}${path}/package.json`)) as Record<
      string,
      unknown
    >
    return licenseOf(manifest)
  } catch {
    // not installed, unreadable or a link out of the repository: the licence stays unknown
    return undefined
  }
}

async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}
