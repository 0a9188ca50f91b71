import { open } from 'node:fs/promises'
import { constants } from 'node:fs'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import schema from '../../schemas/evidence.schema.json' with { type: 'json' }
import { UsageError } from '../errors.js'
import { isBlockingFailure } from '../gate/verdict.js'
import { PREDICATE_TYPE, sha256, type SignOffRecord } from '../report/evidence.js'
import { cleanLine as sanitize } from '../report/sanitize.js'

const MAX_BYTES = 64 * 1024 * 1024

/** Reads a regular file (never a FIFO or device, never through a final symlink), capped. */
export async function readRegularFile(file: string, what: string): Promise<Buffer> {
  const fh = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW).catch(
    (e: NodeJS.ErrnoException) => {
      throw new UsageError(
        e.code === 'ENOENT'
          ? `${what} ${file} does not exist`
          : e.code === 'ELOOP'
            ? `${what} ${file} is a symlink: give the file itself`
            : `cannot read ${what} ${file} (${e.code ?? e.message})`
      )
    }
  )
  try {
    const info = await fh.stat()
    if (!info.isFile()) throw new UsageError(`${what} ${file} is not a regular file`)
    if (info.size > MAX_BYTES) throw new UsageError(`${what} ${file} is larger than 64 MiB`)
    return await fh.readFile()
  } finally {
    await fh.close()
  }
}

export interface VerifyOutcome {
  /** 0 verified and the recorded verdict is pass, 1 verified but it does not hold, 2 not an evidence statement */
  code: number
  lines: string[]
}

interface Predicate {
  gate: { version: string }
  checklist: { name: string; path: string; ref?: string; sha256: string; release?: string }
  stage: string
  event: { name: string; repository?: string; sha?: string; pullRequest?: number; runUrl?: string }
  decidedAt: string
  result: 'pass' | 'fail'
  counts: Record<string, number>
  items: { id: string; status: string; severity: 'blocking' | 'warning' }[]
  people: SignOffRecord[]
}

/** Checks a statement's shape, its inner consistency and, when given, its commit and checklist digest. */
export function verifyEvidence(
  bytes: Buffer,
  name: string,
  expect: { commit?: string; checklist?: { path: string; bytes: Buffer } }
): VerifyOutcome {
  let data: unknown
  try {
    data = JSON.parse(bytes.toString('utf8'))
  } catch {
    return { code: 2, lines: [`${name} is not JSON: not an evidence statement`] }
  }
  const ajv = new Ajv({ allErrors: true, strict: false })
  const plugin =
    (addFormats as unknown as { default?: (a: Ajv) => void }).default ??
    (addFormats as unknown as (a: Ajv) => void)
  plugin(ajv)
  const validate = ajv.compile(schema)
  if (!validate(data)) {
    const problems = (validate.errors ?? []).slice(0, 5).map(e => `${e.instancePath || '/'} ${e.message}`)
    return {
      code: 2,
      lines: [
        `${name} is not a go-live-gate evidence statement (${PREDICATE_TYPE}):`,
        ...problems.map(p => `  ${sanitize(p)}`)
      ]
    }
  }
  const statement = data as {
    subject: { name: string; digest: Record<string, string> }[]
    predicate: Predicate
  }
  const p = statement.predicate
  const problems: string[] = []
  // the verdict must follow from the items it records
  const recomputed =
    p.items.some(i => isBlockingFailure(i as never)) || p.items.every(i => i.status === 'skipped')
      ? 'fail'
      : 'pass'
  if (recomputed !== p.result) problems.push(`the statement says ${p.result} but its items say ${recomputed}`)
  const counted: Record<string, number> = {}
  for (const i of p.items) counted[i.status] = (counted[i.status] ?? 0) + 1
  for (const [status, n] of Object.entries(p.counts))
    if ((counted[status] ?? 0) !== n)
      problems.push(`the counts say ${n} ${status}, the items ${counted[status] ?? 0}`)
  const commit = statement.subject.find(s => s.digest.gitCommit)?.digest.gitCommit
  if (expect.commit !== undefined) {
    const want = expect.commit.toLowerCase()
    if (!commit) problems.push('the statement names no commit')
    else if (!(want.length >= 7 && commit.startsWith(want)))
      problems.push(`the statement is for commit ${commit}, not ${sanitize(expect.commit)}`)
  }
  if (expect.checklist) {
    const digest = sha256(expect.checklist.bytes)
    if (digest !== p.checklist.sha256)
      problems.push(
        `${sanitize(expect.checklist.path)} has sha256 ${digest}; the gate judged a checklist with ${p.checklist.sha256}: it changed since`
      )
  }
  const lines: string[] = []
  const s = (v: unknown) => sanitize(String(v))
  lines.push(`${s(name)}: ${problems.length ? 'NOT VERIFIED' : 'verified'}`)
  for (const problem of problems) lines.push(`  ✖ ${problem}`)
  lines.push(
    `verdict:   ${p.result.toUpperCase()} (${Object.entries(p.counts)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')})`,
    `commit:    ${s(commit ?? 'none')}${p.event.repository ? ` (${s(p.event.repository)})` : ''}`,
    `checklist: ${s(p.checklist.path)}${p.checklist.ref ? ` at ${s(p.checklist.ref)}` : ''}, sha256 ${p.checklist.sha256}`,
    `stage:     ${s(p.stage)}; event ${s(p.event.name)}${p.event.pullRequest ? ` (PR #${p.event.pullRequest})` : ''}; decided ${s(p.decidedAt)} by go-live-gate ${s(p.gate.version)}`
  )
  for (const other of statement.subject.filter(x => x.digest.sha256))
    lines.push(`artifact:  ${s(other.name)} sha256 ${other.digest.sha256}`)
  if (p.people.length === 0) lines.push('people:    none')
  else {
    lines.push('people:')
    for (const r of p.people) {
      const who = `${s(r.login)}${r.userId ? ` (#${r.userId})` : ''}`
      const role = r.role ? ` as ${s(r.role)}` : ''
      const when = r.at ? ` at ${s(r.at)}` : ''
      const state = r.counted ? 'counted' : `ignored: ${s(r.reason ?? 'no reason given')}`
      lines.push(`  ${s(r.kind)} of ${s(r.item)} by ${who}${role}${when}: ${state}`)
    }
  }
  const code = problems.length ? 1 : p.result === 'pass' ? 0 : 1
  return { code, lines }
}
