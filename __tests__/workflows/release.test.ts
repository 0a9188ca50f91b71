import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { PREDICATE_TYPE } from '../../src/report/evidence.js'
import { runCli } from '../helpers/run-dist.js'

/* eslint-disable @typescript-eslint/no-explicit-any */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const workflow = parse(readFileSync(path.join(ROOT, '.github/workflows/release.yml'), 'utf8'))
const steps = (job: string): any[] => workflow.jobs[job].steps

describe('our own release goes through our own gate', () => {
  it('starts on a version tag and gates it with stage: release, writing the evidence of the tarball', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] } })
    const gate = steps('gate').find(s => s.uses === './')
    expect(gate.with).toMatchObject({
      stage: 'release',
      evidence: 'release/go-live-evidence.json',
      subjects: 'release/*.tgz'
    })
    const names = steps('gate').map(s => s.run ?? s.uses)
    // the tarball that is signed and published is the one the gate hashed
    expect(names.indexOf('npm pack --pack-destination release')).toBeLessThan(names.indexOf('./'))
    expect(steps('gate').find(s => s.if === 'failure()').run).toBe(
      'git push --delete origin "${GITHUB_REF_NAME}"'
    )
  })

  it('signs, tags, releases and publishes only after the gate passed, with the least permissions', () => {
    expect(workflow.jobs.publish.needs).toBe('gate')
    expect(workflow.permissions).toEqual({ contents: 'read' })
    // only the publishing job can mint an OIDC token; the gate (which runs the tests) cannot
    expect(workflow.jobs.gate.permissions['id-token']).toBeUndefined()
    expect(workflow.jobs.publish.permissions).toEqual({
      contents: 'write',
      'id-token': 'write',
      attestations: 'write'
    })
    const attest = steps('publish').find(s => String(s.uses).startsWith('actions/attest@'))
    expect(attest.with).toEqual({
      'subject-path': 'release/*.tgz',
      'predicate-type': PREDICATE_TYPE,
      'predicate-path': 'release/go-live-predicate.json'
    })
    const runs = steps('publish').map(s => String(s.run ?? ''))
    expect(runs.some(r => r.includes('git tag -f "$major" "$GITHUB_SHA"'))).toBe(true)
    expect(runs.some(r => /gh release create .*release\/go-live-evidence\.json/.test(r))).toBe(true)
    expect(runs.some(r => r.startsWith('npm publish release/*.tgz --provenance'))).toBe(true)
  })

  it('runs a checklist that validates', () => {
    const r = runCli(['validate'], ROOT)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  })
})
