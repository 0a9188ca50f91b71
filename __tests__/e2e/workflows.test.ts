import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

/* eslint-disable @typescript-eslint/no-explicit-any */

// The example workflows of docs/security.md: the set-ups that run the gate where a PR cannot change it.
// What makes them safe is checked piece by piece: the PR's code is data, never run with the token.

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/workflows')
const files = readdirSync(DIR).filter(f => f.endsWith('.yml'))
const load = (f: string): any => parse(readFileSync(path.join(DIR, f), 'utf8'))
const steps = (wf: any): any[] => Object.values(wf.jobs).flatMap((j: any) => j.steps ?? [])
const triggers = (wf: any): string[] => Object.keys(wf.on)

describe('the example workflows (docs/workflows)', () => {
  it('ship the four set-ups docs/security.md names', () => {
    expect(files.sort()).toEqual([
      'go-live-comment.yml',
      'go-live-pr-target.yml',
      'go-live-required.yml',
      'go-live-review.yml',
      'go-live-workflow-run.yml'
    ])
  })

  it.each(files)('%s: explicit, least permissions; no expression of the event inside a script', f => {
    const wf = load(f)
    expect(wf.permissions).toBeDefined()
    expect(JSON.stringify(wf.permissions)).not.toMatch(/write-all|contents":"write|actions":"write/)
    const runs: string[] = steps(wf).flatMap(s => (s.run ? [String(s.run)] : []))
    expect(runs.filter(r => /\$\{\{/.test(r))).toEqual([])
  })

  it.each(files)('%s: every checkout keeps no credentials; no local action from the checked-out tree', f => {
    const all = steps(load(f))
    const checkouts = all.filter(s => String(s.uses ?? '').startsWith('actions/checkout'))
    expect(checkouts.map(s => s.with?.['persist-credentials'])).toEqual(checkouts.map(() => false))
    expect(all.map(s => String(s.uses ?? '')).filter(u => u.startsWith('./'))).toEqual([])
  })

  it.each([
    'go-live-pr-target.yml',
    'go-live-comment.yml',
    'go-live-workflow-run.yml',
    'go-live-required.yml'
  ])('%s: checks out the gated commit as data and runs none of its code; the gate is a pinned action', f => {
    const all = steps(load(f))
    const checkout = all.find(s => String(s.uses).startsWith('actions/checkout'))
    expect(checkout.with.ref).toMatch(/head\.sha|head_sha|refs\/pull\/.*\/head|github\.sha/)
    expect(all.filter(s => s.run)).toEqual([])
    const gate = all.find(s => /go-live-gate@/.test(String(s.uses)))
    expect(gate.uses).toMatch(/^[\w-]+\/go-live-gate@v?\d/)
  })

  it('the privileged set-ups run the default branch copy (pull_request_target, issue_comment, workflow_run)', () => {
    expect(triggers(load('go-live-pr-target.yml'))).toEqual(['pull_request_target'])
    expect(triggers(load('go-live-comment.yml'))).toEqual(['issue_comment'])
    expect(triggers(load('go-live-workflow-run.yml'))).toEqual(['workflow_run'])
    expect(load('go-live-workflow-run.yml').on.workflow_run.workflows).toContain('go-live-review')
    expect(load('go-live-comment.yml').jobs.gate.if).toContain('github.event.issue.pull_request')
  })

  it('the review trigger (run from the PR) holds no permission and checks nothing out', () => {
    const wf = load('go-live-review.yml')
    expect(wf.permissions).toEqual({})
    expect(steps(wf).some(s => s.uses)).toBe(false)
  })
})
