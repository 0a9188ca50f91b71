import { describe, expect, it } from '@jest/globals'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Item } from '../../src/checklist/types.js'
import { check } from '../../src/checks/sarif/index.js'
import type { Options } from '../../src/checks/sarif/index.js'
import { loaded } from '../helpers/options.js'
import type { CheckContext } from '../../src/checks/types.js'
import { CheckError } from '../../src/errors.js'
import { Workspace } from '../../src/workspace.js'
import { ports } from '../helpers/context.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.join(here, '../../__fixtures__/sarif')

function context(): CheckContext {
  return {
    workspace: new Workspace(root),
    ...ports(root),
    checklist: { path: '.github/go-live.yml', name: 'test', roles: {}, sections: [], items: [] },
    event: { name: 'local' },
    now: () => new Date('2025-06-15T12:00:00Z'),
    signal: new AbortController().signal
  }
}

async function run(options: Partial<Options>) {
  const full = loaded<Options>('sarif', options)
  const item: Item = {
    id: 'scanners',
    title: 'Scanners',
    section: 'Security',
    check: 'sarif',
    with: { ...full },
    severity: 'blocking',
    timeout: 60
  }
  return check(full, item, context())
}

interface Row {
  ruleId: string
  level: string
  file?: string
  line?: number
  suppressed: boolean
}
const rows = (d: Record<string, unknown> | undefined) =>
  (d!.results as Row[]).map(
    r => `${r.level}${r.suppressed ? ' suppressed' : ''} ${r.ruleId} ${r.file ?? '-'}:${r.line ?? '-'}`
  )

describe('sarif', () => {
  it('Trivy: result levels, paths relative to the scanned root, annotations', async () => {
    const outcome = await run({ files: 'trivy-fs.sarif' })
    expect(rows(outcome.details)).toEqual([
      'error CVE-2021-23337 package-lock.json:412',
      'warning CVE-2022-25883 package-lock.json:980',
      'error AVD-DS-0002 deploy/Dockerfile:1'
    ])
    expect(outcome.status).toBe('fail')
    expect(outcome.summary).toBe(
      'trivy-fs.sarif: 2 results at or above error (2 errors, 1 warning): CVE-2021-23337 at package-lock.json:412, AVD-DS-0002 at deploy/Dockerfile:1'
    )
    expect(outcome.annotations![0]).toMatchObject({
      level: 'error',
      file: 'package-lock.json',
      line: 412,
      title: 'Trivy: CVE-2021-23337'
    })
    expect(outcome.annotations![0].message).toContain('Fixed Version: 4.17.21')
  })

  it("Semgrep: a result without level takes its rule's default; nosemgrep is suppressed and never fails", async () => {
    const outcome = await run({ files: 'semgrep.sarif' })
    expect(rows(outcome.details)).toEqual([
      'error python.lang.security.audit.formatted-sql-query.formatted-sql-query src/orders/query.py:42',
      'error suppressed python.lang.security.audit.eval-detected.eval-detected src/util/debug.py:7',
      'warning python.flask.security.audit.debug-enabled.debug-enabled src/api/app.py:3'
    ])
    expect(outcome.status).toBe('fail')
    expect(outcome.summary).toBe(
      'semgrep.sarif: 1 result at or above error (1 error, 1 warning, 1 suppressed): ' +
        'python.lang.security.audit.formatted-sql-query.formatted-sql-query at src/orders/query.py:42'
    )
    // suppressed results are not annotated
    expect(outcome.annotations!.map(a => a.file)).toEqual(['src/orders/query.py', 'src/api/app.py'])
  })

  it('CodeQL: rules found through tool.extensions, artifact index locations, under-review suppressions still count', async () => {
    const outcome = await run({ files: ['codeql-*.sarif'], 'fail-on': 'warning' })
    expect(rows(outcome.details)).toEqual([
      'error js/sql-injection src/server/db.js:27',
      'warning js/missing-rate-limiting src/server/routes.js:14',
      'note js/unused-local-variable src/server/routes.js:3',
      'error js/sql-injection test/fixtures/db.js:5'
    ])
    expect(outcome.status).toBe('fail')
    expect(outcome.summary).toMatch(
      /^codeql-javascript\.sarif: 3 results at or above warning \(2 errors, 1 warning, 1 note\)/
    )
    const notes = await run({ files: ['codeql-*.sarif'], 'fail-on': 'note' })
    expect(notes.summary).toMatch(/4 results at or above note/)
  })

  it('spec defaulting: kind other than fail is none, invocation overrides, no rule means warning, accepted suppression, absent results', async () => {
    const outcome = await run({ files: 'levels.sarif' })
    expect(rows(outcome.details)).toEqual([
      'error CKV_AWS_20 infra/s3.tf:12',
      'warning CKV_K8S_8 /somewhere/else/k8s/deploy.yaml:1',
      'none CKV_K8S_9 -:-',
      'error suppressed CKV_AWS_21 -:-'
    ])
    expect(outcome.status).toBe('fail')
    expect(outcome.summary).toBe(
      'levels.sarif: 1 result at or above error (1 error, 1 warning, 1 suppressed): CKV_AWS_20 at infra/s3.tf:12'
    )
  })

  it('passes when nothing unsuppressed reaches fail-on, and fails on the warning under fail-on warning', async () => {
    const outcome = await run({ files: ['checkov-*.sarif'] })
    expect(outcome.status).toBe('pass')
    expect(outcome.summary).toBe(
      'checkov-warnings.sarif: no results at or above error (1 warning, 1 suppressed)'
    )
    expect(rows(outcome.details)).toEqual([
      'warning CKV_DOCKER_2 deploy/Dockerfile:1',
      'error suppressed CKV_DOCKER_3 deploy/Dockerfile:1'
    ])
    const strict = await run({ files: ['checkov-*.sarif'], 'fail-on': 'warning' })
    expect(strict.status).toBe('fail')
  })

  it('several files are read together', async () => {
    const outcome = await run({ files: ['semgrep.sarif', 'checkov-warnings.sarif'] })
    expect(outcome.details!.files).toEqual(['checkov-warnings.sarif', 'semgrep.sarif'])
    expect((outcome.details!.results as Row[]).length).toBe(5)
    expect(outcome.summary).toMatch(
      /^2 SARIF files: 1 result at or above error \(1 error, 2 warnings, 2 suppressed\)/
    )
  })

  it('no file matched, bad JSON and another SARIF version are errors', async () => {
    await expect(run({ files: 'reports/*.sarif' })).rejects.toThrow(
      new CheckError('no SARIF file matches reports/*.sarif: did the scanner run and write its report there?')
    )
    await expect(run({ files: 'broken.sarif' })).rejects.toThrow(/^broken\.sarif is not valid JSON/)
    await expect(run({ files: 'old-version.sarif' })).rejects.toThrow(
      'old-version.sarif is SARIF 2.0.0; only SARIF 2.1.0 is read'
    )
  })
})
