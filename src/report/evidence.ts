// The record of a decision (contract section 11): an in-toto Statement v1 whose predicate says what was
// gated, against which checklist, with which verdict, and who signed off what. Built from the JSON report's
// items, so it is redacted exactly as every other output is.
import { createHash } from 'node:crypto'
import type { GateEvent } from '../checks/types.js'
import type { GateResult } from '../gate/types.js'
import { toJsonReport } from './json.js'

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1'
/** This project's predicate type: an identifier (it need not resolve), fixed for the v1 predicate. */
export const PREDICATE_TYPE = 'https://go-live-gate.dev/evidence/v1'

/** One sign-off the gate saw: an attestation, approval, revocation or waiver, counted or ignored. */
export interface SignOffRecord {
  kind: 'attestation' | 'approval' | 'waiver' | 'revocation'
  item: string
  login: string
  userId?: number | null
  role?: string | null
  at?: string | null
  counted: boolean
  reason?: string
  until?: string
  justification?: string
  source?: {
    type: 'comment' | 'review' | 'checklist'
    id?: number
    sha256?: string
    commit?: string
    url?: string
    path?: string
  }
}

export interface EvidenceInput {
  result: GateResult
  version: string
  checklist: { path: string; ref?: string; text: string }
  stage?: string
  event: GateEvent
  /** release artifacts: name and sha256 */
  subjects?: { name: string; sha256: string }[]
  now: Date
}

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const text = (v: unknown) => (typeof v === 'string' ? v : undefined)

/**
 * The people of every item: the sign-off records a kind gives in `details.signOffs`, or, for a kind that
 * gives only names, what those names say (no user id, no source).
 */
export function peopleOf(
  items: { id: string; check: string; details: Record<string, unknown>; owner?: string }[]
): SignOffRecord[] {
  const people: SignOffRecord[] = []
  for (const item of items) {
    const d = item.details
    if (Array.isArray(d.signOffs)) {
      for (const r of d.signOffs)
        if (isObject(r) && typeof r.login === 'string')
          people.push({
            ...(r as unknown as SignOffRecord),
            item: text(r.item) ?? item.id,
            counted: r.counted === true
          })
      continue
    }
    if (item.check === 'manual') {
      const by = text(d.attestedBy)
      if (by)
        people.push({
          kind: 'attestation',
          item: item.id,
          login: by,
          role: item.owner ?? null,
          at: text(d.at) ?? null,
          counted: true
        })
      if (Array.isArray(d.ignored))
        for (const r of d.ignored)
          if (isObject(r) && typeof r.login === 'string')
            people.push({
              kind: 'attestation',
              item: item.id,
              login: r.login,
              counted: false,
              reason: text(r.reason) ?? 'ignored'
            })
    } else if (item.check === 'approvals' && Array.isArray(d.roles)) {
      for (const role of d.roles)
        if (isObject(role) && Array.isArray(role.approvedBy))
          for (const login of role.approvedBy)
            if (typeof login === 'string')
              people.push({
                kind: 'approval',
                item: item.id,
                login,
                role: text(role.role) ?? null,
                counted: true
              })
    }
  }
  return people
}

/** The in-toto Statement v1 of one decision. */
export function buildEvidence(input: EvidenceInput): object {
  const { result, event } = input
  const report = toJsonReport(result) as { counts: Record<string, number>; items: Record<string, unknown>[] }
  const repository = event.repository ? `${event.repository.owner}/${event.repository.repo}` : undefined
  const subject: { name: string; digest: Record<string, string> }[] = []
  if (event.sha)
    subject.push({
      name: repository ? `git+https://github.com/${repository}` : 'git',
      digest: { gitCommit: event.sha }
    })
  for (const s of input.subjects ?? []) subject.push({ name: s.name, digest: { sha256: s.sha256 } })
  const owners = new Map(result.items.map(r => [r.id, r.item?.owner]))
  const items = report.items.map(i => ({
    id: i.id,
    section: i.section,
    title: i.title,
    check: i.check,
    severity: i.severity,
    status: i.status,
    summary: i.summary,
    details: i.details ?? {}
  }))
  return {
    _type: STATEMENT_TYPE,
    subject,
    predicateType: PREDICATE_TYPE,
    predicate: {
      gate: { name: 'go-live-gate', version: input.version },
      checklist: {
        name: result.checklist.name,
        path: input.checklist.path,
        ...(input.checklist.ref ? { ref: input.checklist.ref } : {}),
        ...(result.checklist.release ? { release: result.checklist.release } : {}),
        sha256: sha256(input.checklist.text)
      },
      stage: input.stage ?? 'pre-release',
      event: {
        name: event.name,
        ...(repository ? { repository } : {}),
        ...(event.ref ? { ref: event.ref } : {}),
        ...(event.sha ? { sha: event.sha } : {}),
        ...(event.pr ? { pullRequest: event.pr.number } : {}),
        ...(event.actor ? { actor: event.actor } : {}),
        ...(event.runUrl ? { runUrl: event.runUrl } : {})
      },
      decidedAt: input.now.toISOString(),
      result: result.verdict,
      counts: report.counts,
      items,
      people: peopleOf(
        items.map(i => ({
          id: i.id as string,
          check: i.check as string,
          details: i.details as Record<string, unknown>,
          owner: owners.get(i.id as string)
        }))
      )
    }
  }
}
