import { afterEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import schema from '../../schemas/evidence.schema.json' with { type: 'json' }
import { fakeToken } from '../emulator/context.js'
import { BASE, HEAD, releaseState } from '../emulator/fixtures.js'
import { cleanup, prPayload, runAction } from './harness.js'
import { startEmulator, userId, type Emulator } from '../emulator/server.js'
import { runCli } from '../helpers/run-dist.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

// Issue 16 through the bundle: a PR with attestations, approvals and a waiver; the evidence is checked
// against its schema and the JSON report, and verify-evidence accepts it until one byte changes.

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
const CHECKLIST = `version: 1
name: Payments
roles:
  release-manager: { title: Release Manager, users: [alice, bob] }
  security-officer: { title: Security Officer, teams: [acme/security] }
sections:
  - title: Readiness
    items:
      - { id: rollback-plan, title: Rollback plan communicated, owner: release-manager }
      - id: sign-offs
        title: Release Manager and Security Officer approved
        check: approvals
        with: { roles: [release-manager, security-officer] }
      - { id: ci-green, title: Integration tests green, check: ci-status, owner: security-officer }
`

let gh: Emulator
const work = mkdtempSync(path.join(tmpdir(), 'glg-evidence-'))
afterEach(async () => {
  cleanup()
  await gh?.close()
  rmSync(work, { recursive: true, force: true })
})

describe('the evidence of a decision', () => {
  it('records the verdict, every item and every sign-off; verify-evidence accepts it until a byte changes', async () => {
    gh = await startEmulator(releaseState())
    const token = fakeToken()
    gh.tokens.set(token, 'write')
    gh.state.files[BASE] = { '.github/go-live.yml': CHECKLIST }
    gh.state.files[HEAD] = { '.github/go-live.yml': CHECKLIST }
    gh.state.checkRuns[HEAD][1].conclusion = 'failure'
    gh.state.comments.push({
      issue: 7,
      login: 'carol',
      body: `/go-live waive ci-green until ${day(14)}: known flaky test, fix in #12`,
      at: new Date().toISOString()
    })
    const r = await runAction(gh, token, {
      eventName: 'pull_request',
      event: prPayload(),
      files: { '.github/go-live.yml': CHECKLIST },
      env: { INPUT_EVIDENCE: 'out/evidence.json', INPUT_REPORT: 'out/report.json' }
    })
    const written = (f: string) => readFileSync(path.join(r.ws, f), 'utf8')
    expect(r.outputs.result).toBe('pass')
    expect(r.outputs.evidence).toMatch(/out\/evidence\.json$/)
    const statement = JSON.parse(written('out/evidence.json'))
    const report = JSON.parse(written('out/report.json'))

    const ajv = new Ajv({ allErrors: true, strict: false })
    ;(addFormats as unknown as { default: (a: Ajv) => void }).default(ajv)
    const validate = ajv.compile(schema)
    expect(validate(statement) ? [] : validate.errors).toEqual([])
    expect(statement.subject[0]).toEqual({
      name: 'git+https://github.com/acme/trading',
      digest: { gitCommit: HEAD }
    })
    const p = statement.predicate
    expect(p.checklist.sha256).toBe(createHash('sha256').update(CHECKLIST).digest('hex'))
    expect(p.event).toMatchObject({ name: 'pull_request', repository: 'acme/trading', pullRequest: 7 })
    expect([p.result, p.counts]).toEqual([report.result, report.counts])
    expect(p.items.map((i: any) => [i.id, i.status, i.summary, i.details])).toEqual(
      report.items.map((i: any) => [i.id, i.status, i.summary, i.details])
    )
    expect(p.counts).toMatchObject({ pass: 2, waived: 1 })

    const who = (kind: string, login: string) =>
      p.people.find((x: any) => x.kind === kind && x.login === login)
    expect(who('attestation', 'alice')).toMatchObject({
      item: 'rollback-plan',
      userId: userId('alice'),
      role: 'release-manager',
      counted: true,
      at: '2025-03-01T12:00:00Z',
      source: {
        type: 'comment',
        sha256: createHash('sha256').update('/go-live attest rollback-plan').digest('hex')
      }
    })
    expect(who('approval', 'carol')).toMatchObject({
      item: 'sign-offs',
      userId: userId('carol'),
      role: 'security-officer',
      counted: true,
      source: { type: 'review', commit: HEAD }
    })
    expect(who('waiver', 'carol')).toMatchObject({
      item: 'ci-green',
      role: 'security-officer',
      counted: true,
      until: day(14),
      justification: 'known flaky test, fix in #12'
    })
    expect(JSON.stringify(statement)).not.toContain(token)

    // verify-evidence: accepted with the commit and the checklist judged, refused after one byte changes
    const file = path.join(work, 'evidence.json')
    const checklist = path.join(work, 'go-live.yml')
    writeFileSync(file, written('out/evidence.json'))
    writeFileSync(checklist, CHECKLIST)
    const ok = runCli(['verify-evidence', file, '--commit', HEAD, '--checklist', checklist], work)
    expect([ok.code, ok.stdout.split('\n')[0]]).toEqual([0, `${file}: verified`])
    expect(ok.stdout).toContain(`waiver of ci-green by carol (#${userId('carol')}) as security-officer`)
    writeFileSync(checklist, CHECKLIST.replace('Payments', 'Paymentz'))
    expect(runCli(['verify-evidence', file, '--checklist', checklist], work).code).toBe(1)
    const otherCommit = HEAD.slice(0, -1) + '2'
    expect(runCli(['verify-evidence', file, '--commit', otherCommit], work).code).toBe(1)
  })
})
