import parse from 'spdx-expression-parse'
import { CheckError } from '../../errors.js'
import type { Workspace } from '../../workspace.js'
import { readRepoFile } from '../vulnerabilities/tool-report.js'
import type { InstalledPackage } from './lockfile.js'

/** PyPI's licence classifiers with one SPDX id; the others (`BSD License`, `Public Domain`) stay as text. */
const CLASSIFIERS = new Map<string, string>([
  ['MIT License', 'MIT'],
  ['MIT No Attribution License (MIT-0)', 'MIT-0'],
  ['Apache Software License', 'Apache-2.0'],
  ['ISC License (ISCL)', 'ISC'],
  ['Mozilla Public License 2.0 (MPL 2.0)', 'MPL-2.0'],
  ['Mozilla Public License 1.1 (MPL 1.1)', 'MPL-1.1'],
  ['GNU General Public License v2 (GPLv2)', 'GPL-2.0-only'],
  ['GNU General Public License v2 or later (GPLv2+)', 'GPL-2.0-or-later'],
  ['GNU General Public License v3 (GPLv3)', 'GPL-3.0-only'],
  ['GNU General Public License v3 or later (GPLv3+)', 'GPL-3.0-or-later'],
  ['GNU Lesser General Public License v2 (LGPLv2)', 'LGPL-2.0-only'],
  ['GNU Lesser General Public License v2 or later (LGPLv2+)', 'LGPL-2.0-or-later'],
  ['GNU Lesser General Public License v3 (LGPLv3)', 'LGPL-3.0-only'],
  ['GNU Lesser General Public License v3 or later (LGPLv3+)', 'LGPL-3.0-or-later'],
  ['GNU Affero General Public License v3', 'AGPL-3.0-only'],
  ['GNU Affero General Public License v3 or later (AGPLv3+)', 'AGPL-3.0-or-later'],
  ['Python Software Foundation License', 'PSF-2.0'],
  ['The Unlicense (Unlicense)', 'Unlicense'],
  ['zlib/libpng License', 'Zlib'],
  ['Eclipse Public License 2.0 (EPL-2.0)', 'EPL-2.0'],
  ['Boost Software License 1.0 (BSL-1.0)', 'BSL-1.0'],
  ['Historical Permission Notice and Disclaimer (HPND)', 'HPND'],
  ['Universal Permissive License (UPL)', 'UPL-1.0'],
  ['BSD Zero Clause License (0BSD)', '0BSD'],
  ['Creative Commons Zero v1.0 Universal', 'CC0-1.0']
])

const MAX_METADATA_BYTES = 4 * 1024 * 1024

/**
 * The distributions installed in a site-packages folder, from each `*.dist-info/METADATA` (and legacy
 * `*.egg-info/PKG-INFO`): `License-Expression` (PEP 639) first, else a `License` field that is an SPDX
 * expression, else the licence classifiers (several must all hold), else the `License` text as found.
 */
export async function readPythonEnv(workspace: Workspace, dir: string): Promise<InstalledPackage[]> {
  const base = dir.replace(/\\/g, '/').replace(/\/+$/, '')
  const files = await workspace.glob([`${base}/*.dist-info/METADATA`, `${base}/*.egg-info/PKG-INFO`])
  if (files.length === 0)
    throw new CheckError(
      `${dir} holds no *.dist-info/METADATA: point python-env at a site-packages folder (python -c "import site; print(site.getsitepackages()[0])")`
    )
  const out: InstalledPackage[] = []
  for (const file of files) {
    const text = await readRepoFile(workspace, file, MAX_METADATA_BYTES)
    const fields = headers(text)
    const name = fields.get('name')?.[0]
    if (!name) throw new CheckError(`${file} has no Name: not a distribution's metadata`)
    out.push({ name, version: fields.get('version')?.[0] ?? '', license: licenseOf(fields), path: file })
  }
  return out
}

/** RFC 822 style headers up to the first blank line; continuation lines (indented) are joined. */
function headers(text: string): Map<string, string[]> {
  const fields = new Map<string, string[]>()
  let last: string[] | undefined
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (line.trim() === '') break
    if (/^[ \t]/.test(line) && last) {
      last[last.length - 1] += '\n' + line.trim()
      continue
    }
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const key = line.slice(0, colon).trim().toLowerCase()
    const list = fields.get(key) ?? []
    list.push(line.slice(colon + 1).trim())
    fields.set(key, list)
    last = list
  }
  return fields
}

function licenseOf(fields: Map<string, string[]>): string | undefined {
  const expression = fields.get('license-expression')?.[0]
  if (expression) return expression
  const license = fields.get('license')?.[0]?.trim()
  // `License: MIT` is an expression; `MIT License`, `Apache License, Version 2.0` or the whole licence
  // text are not: the classifiers say it better
  if (license && !license.includes('\n') && isExpression(license)) return license
  const classified = (fields.get('classifier') ?? [])
    .map(c => c.split('::').map(s => s.trim()))
    .filter(parts => parts[0] === 'License' && parts.length > 1)
    .map(parts => parts[parts.length - 1])
    .filter(l => l !== 'OSI Approved')
    .map(l => CLASSIFIERS.get(l) ?? l)
  const unique = [...new Set(classified)]
  if (unique.length === 1) return unique[0]
  if (unique.length > 1) return unique.map(l => (/\s/.test(l) ? `(${l})` : l)).join(' AND ')
  return license && license.toUpperCase() !== 'UNKNOWN' ? license.split('\n')[0].slice(0, 80) : undefined
}

function isExpression(text: string): boolean {
  try {
    parse(text)
    return true
  } catch {
    return false
  }
}
