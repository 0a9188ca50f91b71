import { afterEach, describe, expect, it } from '@jest/globals'
import { cp, mkdtemp, readdir, rename, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Item } from '../../src/checklist/types.js'
import { check } from '../../src/checks/licenses/index.js'
import type { LicenseEntry, Options } from '../../src/checks/licenses/index.js'
import { loaded } from '../helpers/options.js'
import type { CheckContext } from '../../src/checks/types.js'
import { Workspace } from '../../src/workspace.js'
import { ports } from '../helpers/context.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const fixtures = path.join(here, '../../__fixtures__/licenses')
const temps: string[] = []

afterEach(async () => {
  await Promise.all(temps.splice(0).map(d => rm(d, { recursive: true, force: true })))
})

/** The fixture as a project: its `installed/` folders become `node_modules/` (git ignores those). */
async function project(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'licenses-'))
  temps.push(dir)
  await cp(path.join(fixtures, name), dir, { recursive: true })
  const rewrite = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue
      let sub = path.join(at, entry.name)
      if (entry.name === 'installed') {
        await rename(sub, path.join(at, 'node_modules'))
        sub = path.join(at, 'node_modules')
      }
      await rewrite(sub)
    }
  }
  await rewrite(dir)
  return dir
}

function context(root: string): CheckContext {
  return {
    workspace: new Workspace(root),
    ...ports(root),
    checklist: { path: '.github/go-live.yml', name: 'test', roles: {}, sections: [], items: [] },
    event: { name: 'local' },
    now: () => new Date('2025-06-15T12:00:00Z'),
    signal: new AbortController().signal
  }
}

async function run(root: string, options: Partial<Options>) {
  const full = loaded<Options>('licenses', { lockfile: 'auto', ...options })
  const item: Item = {
    id: 'licences',
    title: 'Licences',
    section: 'Compliance',
    check: 'licenses',
    with: { ...full },
    severity: 'blocking',
    timeout: 60
  }
  return check(full, item, context(root))
}

const names = (list: unknown) => (list as LicenseEntry[]).map(v => `${v.package}@${v.version} ${v.license}`)
const PERMISSIVE = ['MIT', 'ISC', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'WTFPL']

describe('package-lock.json v3', () => {
  it('an OR choice passes when one side is allowed; AND needs both; unknown licences fail', async () => {
    const outcome = await run(path.join(fixtures, 'lockfile-v3'), { allow: PERMISSIVE })
    expect(outcome.status).toBe('fail')
    // workspace links and dev-only packages are not counted; devOptional and optional ones are
    expect(outcome.details!.packages).toBe(11)
    expect(names(outcome.details!.violations)).toEqual([
      '@acme/fmt@3.1.0 Apache-2.0 WITH LLVM-exception',
      'both-lib@1.1.0 MIT AND GPL-2.0-only',
      'copyleft-lib@1.0.4 GPL-3.0-or-later',
      'mystery@1.0.0 UNKNOWN',
      'old-apache@0.3.1 Apache 2'
    ])
    expect(outcome.summary).toBe(
      '5 licence violations in 11 packages: @acme/fmt@3.1.0 (Apache-2.0 WITH LLVM-exception), ' +
        'both-lib@1.1.0 (MIT AND GPL-2.0-only), copyleft-lib@1.0.4 (GPL-3.0-or-later), mystery@1.0.0 (UNKNOWN), ' +
        'old-apache@0.3.1 (Apache 2); replace them or extend `allow`'
    )
  })

  it('unknown: warn lists unknown licences without failing', async () => {
    const outcome = await run(path.join(fixtures, 'lockfile-v3'), {
      allow: [...PERMISSIVE, 'Apache-2.0 WITH LLVM-exception', 'GPL-2.0-only', 'GPL-3.0-or-later'],
      unknown: 'warn'
    })
    expect(outcome.status).toBe('pass')
    expect(outcome.details!.violations).toEqual([])
    expect(names(outcome.details!.unknown)).toEqual(['mystery@1.0.0 UNKNOWN', 'old-apache@0.3.1 Apache 2'])
    expect(outcome.summary).toBe(
      '11 packages, all licences compatible (2 without a known licence: mystery@1.0.0 (UNKNOWN), old-apache@0.3.1 (Apache 2))'
    )
  })

  it('without allow only deny is judged; deny wins over allow; a GPL-3.0 deny covers -only and -or-later', async () => {
    const denyOnly = await run(path.join(fixtures, 'lockfile-v3'), { deny: ['GPL-3.0'], unknown: 'warn' })
    // dual-lib (MIT OR GPL-3.0-only) can be taken under MIT
    expect(names(denyOnly.details!.violations)).toEqual(['copyleft-lib@1.0.4 GPL-3.0-or-later'])
    expect(denyOnly.status).toBe('fail')

    const both = await run(path.join(fixtures, 'lockfile-v3'), {
      allow: ['MIT', 'ISC', 'Apache-2.0 WITH LLVM-exception', 'GPL-2.0-only', 'GPL-3.0-or-later'],
      deny: ['MIT'],
      unknown: 'warn'
    })
    expect(names(both.details!.violations)).toEqual([
      'both-lib@1.1.0 MIT AND GPL-2.0-only',
      'debug@2.6.9 MIT',
      'debug@4.3.4 MIT',
      'express@4.19.2 MIT',
      'fsevents@2.3.3 MIT'
    ])
    // dual-lib is still allowed: it can be taken under GPL-3.0-only, which GPL-3.0-or-later allows
    expect(both.status).toBe('fail')
  })

  it('include-dev brings dev dependencies in', async () => {
    const outcome = await run(path.join(fixtures, 'lockfile-v3'), {
      deny: ['AGPL-3.0'],
      unknown: 'warn',
      'include-dev': true
    })
    expect(outcome.details!.packages).toBe(12)
    expect(names(outcome.details!.violations)).toEqual(['agpl-devtool@1.2.0 AGPL-3.0-only'])
    const without = await run(path.join(fixtures, 'lockfile-v3'), { deny: ['AGPL-3.0'], unknown: 'warn' })
    expect(without.status).toBe('pass')
  })
})

describe('package-lock.json v2 and v1 (licences from node_modules)', () => {
  it('v2: missing lockfile licences come from node_modules, legacy `licenses` and `{type}` included', async () => {
    const outcome = await run(await project('lockfile-v2'), { allow: ['MIT', 'BSD-3-Clause'] })
    expect(outcome.details!.packages).toBe(3)
    // legacy-dual: licenses [MIT, Apache-2.0] is a choice; typo-lic: {type: BSD-3-Clause}
    expect(names(outcome.details!.violations)).toEqual(['left-pad@1.3.0 WTFPL'])
    expect(outcome.status).toBe('fail')
  })

  it('v2 without node_modules: those licences are unknown', async () => {
    const outcome = await run(path.join(fixtures, 'lockfile-v2'), { allow: ['MIT', 'BSD-3-Clause', 'WTFPL'] })
    expect(names(outcome.details!.violations)).toEqual([
      'legacy-dual@1.0.0 UNKNOWN',
      'typo-lic@1.0.0 UNKNOWN'
    ])
  })

  it('v1: the nested tree, with every licence read from the installed package.json', async () => {
    const root = await project('lockfile-v1')
    const outcome = await run(root, { allow: ['MIT'], unknown: 'warn' })
    expect(outcome.details!.packages).toBe(5)
    expect(names(outcome.details!.violations)).toEqual(['gpl-widget@0.9.0 GPL-2.0'])
    expect(names(outcome.details!.unknown)).toEqual(['not-installed@1.0.0 UNKNOWN'])
    expect(outcome.summary).toBe(
      '1 licence violation in 5 packages: gpl-widget@0.9.0 (GPL-2.0); replace them or extend `allow`'
    )

    const dev = await run(root, { allow: ['MIT'], unknown: 'warn', 'include-dev': true })
    expect(names(dev.details!.violations)).toEqual(['gpl-widget@0.9.0 GPL-2.0', 'mocha-ish@5.0.0 LGPL-3.0'])
  })
})

describe('errors', () => {
  it('no lockfile, a named lockfile that is not JSON', async () => {
    await expect(run(fixtures, {})).rejects.toThrow('no package-lock.json at the repository root')
    await expect(run(fixtures, { lockfile: 'not-a-lockfile.json' })).rejects.toThrow(
      'not-a-lockfile.json is not valid JSON'
    )
    await expect(
      run(fixtures, { lockfile: 'lockfile-v3/package-lock.json', allow: ['MIT'] })
    ).resolves.toMatchObject({
      status: 'fail'
    })
  })
})
