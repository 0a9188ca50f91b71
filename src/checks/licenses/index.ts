import { findLockfile, readInstalledPackages } from './lockfile.js'
import type { InstalledPackage } from './lockfile.js'
import { judgeLicense } from './spdx.js'
import type { Check } from '../types.js'

export interface Options {
  allow?: string[]
  deny?: string[]
  lockfile?: string
  unknown?: 'fail' | 'warn'
  'include-dev'?: boolean
}

export interface LicenseEntry {
  package: string
  version: string
  license: string
}

const SHOWN = 5

export const check: Check<Options> = async (options, _item, ctx) => {
  const lockfile =
    !options.lockfile || options.lockfile === 'auto' ? await findLockfile(ctx.workspace) : options.lockfile
  const installed = await readInstalledPackages(ctx.workspace, lockfile, options['include-dev'] ?? false)
  const policy = { allow: options.allow, deny: options.deny ?? [] }
  const unknownFails = (options.unknown ?? 'fail') === 'fail'

  const seen = new Set<string>()
  const violations: LicenseEntry[] = []
  const unknown: LicenseEntry[] = []
  for (const pkg of installed) {
    const key = `${pkg.name}@${pkg.version}`
    if (seen.has(key)) continue
    seen.add(key)
    const verdict = judgeLicense(pkg.license, policy)
    if (verdict === 'violation') violations.push(entry(pkg))
    else if (verdict === 'unknown') {
      unknown.push(entry(pkg))
      if (unknownFails) violations.push(entry(pkg))
    }
  }
  violations.sort(byPackage)
  unknown.sort(byPackage)

  const details = { lockfile, packages: seen.size, violations, unknown }
  if (violations.length > 0) {
    const what = violations.length === 1 ? '1 licence violation' : `${violations.length} licence violations`
    return {
      status: 'fail',
      summary: `${what} in ${seen.size} packages: ${list(violations)}; replace them or extend \`allow\``,
      details
    }
  }
  const warned = unknown.length > 0 ? ` (${unknown.length} without a known licence: ${list(unknown)})` : ''
  return {
    status: 'pass',
    summary: `${seen.size} packages, all licences compatible${warned}`,
    details
  }
}

function entry(pkg: InstalledPackage): LicenseEntry {
  return { package: pkg.name, version: pkg.version, license: pkg.license ?? 'UNKNOWN' }
}

function byPackage(a: LicenseEntry, b: LicenseEntry): number {
  return a.package.localeCompare(b.package) || a.version.localeCompare(b.version)
}

function list(entries: LicenseEntry[]): string {
  const shown = entries.slice(0, SHOWN).map(e => `${e.package}@${e.version} (${e.license})`)
  if (entries.length > SHOWN) shown.push(`${entries.length - SHOWN} more`)
  return shown.join(', ')
}
