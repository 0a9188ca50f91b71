import { findLockfile, readInstalledPackages } from './lockfile.js'
import type { InstalledPackage } from './lockfile.js'
import { readPythonEnv } from './python-env.js'
import { readSbom } from './sbom.js'
import { judgeLicense } from './spdx.js'
import { printable } from '../vulnerabilities/tool-report.js'
import { CheckError } from '../../errors.js'
import type { Check } from '../types.js'
import type { Workspace } from '../../workspace.js'
import type { LicensesOptions } from './options.gen.js'
import { byName } from '../../text.js'

export type { LicensesOptions as Options }

export interface LicenseEntry {
  package: string
  version: string
  license: string
}

const SHOWN = 5

export const check: Check<LicensesOptions> = async (options, _item, ctx) => {
  const { installed, source, label } = await collect(options, ctx.workspace)
  const policy = { allow: options.allow, deny: options.deny }
  const unknownFails = options.unknown === 'fail'

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

  const details = { ...source, packages: seen.size, violations, unknown }
  if (violations.length > 0) {
    const what = violations.length === 1 ? '1 licence violation' : `${violations.length} licence violations`
    return {
      status: 'fail',
      summary: `${what} in ${seen.size} packages${label}: ${list(violations)}; replace them or extend \`allow\``,
      details
    }
  }
  const warned = unknown.length > 0 ? ` (${unknown.length} without a known licence: ${list(unknown)})` : ''
  return {
    status: 'pass',
    summary: `${seen.size} packages${label}, all licences compatible${warned}`,
    details
  }
}

async function collect(
  options: LicensesOptions,
  workspace: Workspace
): Promise<{ installed: InstalledPackage[]; source: Record<string, string>; label: string }> {
  if (options.sbom) {
    const { format, packages } = await readSbom(workspace, options.sbom, options['include-dev'])
    // an SBOM of nothing was generated from the wrong folder: it cannot tell, so it never passes
    if (packages.length === 0)
      throw new CheckError(
        `${options.sbom} lists no third-party packages: generate it where the lockfile or environment is`
      )
    return { installed: packages, source: { sbom: options.sbom, format }, label: ` (${format} SBOM)` }
  }
  if (options['python-env']) {
    const packages = await readPythonEnv(workspace, options['python-env'])
    return {
      installed: packages,
      source: { pythonEnv: options['python-env'] },
      label: ' (Python environment)'
    }
  }
  const lockfile =
    !options.lockfile || options.lockfile === 'auto' ? await findLockfile(workspace) : options.lockfile
  const installed = await readInstalledPackages(workspace, lockfile, options['include-dev'])
  return { installed, source: { lockfile }, label: '' }
}

function entry(pkg: InstalledPackage): LicenseEntry {
  return {
    package: printable(pkg.name, 200),
    version: printable(pkg.version, 100),
    license: pkg.license === undefined ? 'UNKNOWN' : printable(pkg.license, 200)
  }
}

function byPackage(a: LicenseEntry, b: LicenseEntry): number {
  return byName(a.package, b.package) || byName(a.version, b.version)
}

function list(entries: LicenseEntry[]): string {
  const shown = entries.slice(0, SHOWN).map(e => `${e.package}@${e.version} (${e.license})`)
  if (entries.length > SHOWN) shown.push(`${entries.length - SHOWN} more`)
  return shown.join(', ')
}
