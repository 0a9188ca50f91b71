import { stat } from 'node:fs/promises'
import { CheckError } from '../../errors.js'
import type { Workspace } from '../../workspace.js'
import { SEVERITIES, severityRank } from './advisory.js'
import type { Advisory } from './advisory.js'

export type Json = Record<string, unknown>

/** A report larger than this is refused rather than parsed (a hostile PR can commit anything). */
export const MAX_REPORT_CHARS = 64 * 1024 * 1024

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
export const array = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
export const objects = (v: unknown): Json[] => array(v).filter(isObject)
export const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined

/**
 * Text safe to print and to copy: no control, format (zero-width, bidi, BOM) or line-separator
 * characters, one line, bounded. Package names, versions, ids and titles from a report go through here.
 */
export function printable(text: string, max = 200): string {
  const line = text
    .replace(/\p{Cf}/gu, '')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}

/**
 * A report, SBOM or metadata file from the repository: a regular file inside it (no FIFO, device or
 * link out), at most `max` bytes, read through the workspace reader.
 */
export async function readRepoFile(
  workspace: Workspace,
  rel: string,
  max = MAX_REPORT_CHARS
): Promise<string> {
  const real = await workspace.resolveReal(rel)
  const info = await stat(real).catch(() => undefined)
  if (!info) throw new CheckError(`cannot read ${rel}`)
  if (!info.isFile()) throw new CheckError(`${rel} is not a regular file: not read`)
  if (info.size > max)
    throw new CheckError(`${rel} is larger than ${Math.round(max / 1048576)} MiB: not read`)
  return workspace.readText(rel)
}

/** The first sentence of a description, as a title. */
export function titleOf(text: unknown): string {
  const t = str(text)
  if (!t) return ''
  const first = t.split(/\r?\n\s*\r?\n/)[0]
  return printable(first, 120)
}

/** One JSON document; a report that does not parse is never quoted. */
export function parseJson(text: string, origin: string, what: string): unknown {
  if (text.length > MAX_REPORT_CHARS) throw new CheckError(`${origin} is larger than 64 MiB: not read`)
  const trimmed = text.replace(/^\uFEFF/, '').trim()
  if (trimmed === '') throw new CheckError(`${origin} is empty: ${what} produced no report`)
  try {
    return JSON.parse(trimmed)
  } catch {
    throw new CheckError(`${origin} is not valid JSON: expected the JSON output of ${what}`)
  }
}

/**
 * Several JSON values back to back (govulncheck prints indented objects one after another, not
 * one per line). Splits on the top level, honouring strings; throws on anything else.
 */
export function parseJsonStream(text: string, origin: string, what: string): unknown[] {
  if (text.length > MAX_REPORT_CHARS) throw new CheckError(`${origin} is larger than 64 MiB: not read`)
  const values: unknown[] = []
  let depth = 0
  let start = -1
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92 /* \ */) i++
      else if (c === 34 /* " */) inString = false
      continue
    }
    if (c === 34) {
      if (depth === 0) throw notStream(origin, what)
      inString = true
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (depth === 0) start = i
      depth++
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--
      if (depth < 0) throw notStream(origin, what)
      if (depth === 0) {
        try {
          values.push(JSON.parse(text.slice(start, i + 1)))
        } catch {
          throw notStream(origin, what)
        }
      }
    } else if (depth === 0 && !(c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff)) {
      throw notStream(origin, what)
    }
  }
  if (depth !== 0 || inString) throw notStream(origin, what)
  if (values.length === 0) throw new CheckError(`${origin} is empty: ${what} produced no report`)
  return values
}

function notStream(origin: string, what: string): CheckError {
  return new CheckError(`${origin} is not valid JSON: expected the JSON output of ${what}`)
}

/**
 * Of the versions an advisory is fixed in (one per release line: `1.26.18`, `2.0.7`), the one for the
 * installed version's line: the lowest above it with the same major, else the lowest above it.
 */
export function pickFix(installed: string, fixes: string[]): string | undefined {
  const parts = (v: string): number[] => (v.replace(/^v/, '').match(/\d+/g) ?? []).slice(0, 4).map(Number)
  const cmp = (a: string, b: string): number => {
    const x = parts(a)
    const y = parts(b)
    for (let i = 0; i < Math.max(x.length, y.length); i++)
      if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0)
    return 0
  }
  const sorted = [...new Set(fixes)].sort(cmp)
  if (!installed || parts(installed).length === 0) return sorted[0]
  const above = sorted.filter(f => cmp(f, installed) > 0)
  return above.find(f => parts(f)[0] === parts(installed)[0]) ?? above[0] ?? sorted[sorted.length - 1]
}

/** GHSA first (the id GitHub shows), then CVE, then the tool's own. */
export function preferredId(ids: string[]): string {
  return ids.find(i => /^GHSA-/i.test(i)) ?? ids.find(i => /^CVE-/i.test(i)) ?? ids[0] ?? 'advisory'
}

/**
 * One advisory per package and vulnerability, whatever it is called: records of the same package whose
 * ids or aliases meet (GHSA-x = CVE-y = PYSEC-z = GO-w) become one, with the highest severity and
 * every name kept as an alias, so `ignore` matches any of them.
 */
export function mergeByAlias(advisories: Advisory[]): Advisory[] {
  interface Group {
    ids: Set<string>
    members: Advisory[]
    merged?: Group
  }
  // groups by package and name; a group merged into another points at it (found again in O(1) amortised)
  const byName = new Map<string, Group>()
  const all: Group[] = []
  const live = (g: Group): Group => {
    let root = g
    while (root.merged) root = root.merged
    return root
  }
  for (const a of advisories) {
    const pkg = a.package.toLowerCase()
    const keys = [...new Set([a.id, ...a.aliases].map(i => `${pkg}\u0000${i.toUpperCase()}`))]
    const hits = [
      ...new Set(
        keys
          .map(k => byName.get(k))
          .filter((g): g is Group => !!g)
          .map(live)
      )
    ]
    let into: Group
    if (hits.length === 0) {
      into = { ids: new Set(), members: [] }
      all.push(into)
    } else {
      into = hits[0]
      for (const other of hits.slice(1)) {
        for (const i of other.ids) into.ids.add(i)
        into.members.push(...other.members)
        other.members = []
        other.merged = into
      }
    }
    into.members.push(a)
    for (const k of keys) {
      into.ids.add(k)
      byName.set(k, into)
    }
  }
  const groups = all.filter(g => !g.merged)
  return groups.map(({ members }) => {
    const names = [...new Set(members.flatMap(m => [m.id, ...m.aliases]))]
    const id = preferredId(names)
    const worst = members.reduce((w, m) => (severityRank(m.severity) > severityRank(w.severity) ? m : w))
    const versions = [...new Set(members.flatMap(m => (m.version ? m.version.split(', ') : [])))]
    return {
      id,
      aliases: names.filter(n => n !== id),
      package: members[0].package,
      version: versions.join(', '),
      severity: worst.severity,
      title: members.find(m => m.title)?.title ?? '',
      ...(members.find(m => m.fix)?.fix ? { fix: members.find(m => m.fix)!.fix } : {}),
      ...(members[0].ecosystem ? { ecosystem: members[0].ecosystem } : {})
    }
  })
}

/** Makes every printed field of an advisory safe to show and copy. */
export function cleanAdvisory(a: Advisory): Advisory {
  return {
    ...a,
    id: printable(a.id, 80),
    aliases: a.aliases.map(x => printable(x, 80)).filter(Boolean),
    package: printable(a.package, 200),
    version: printable(a.version, 200),
    title: printable(a.title, 160),
    ...(a.fix ? { fix: printable(a.fix, 120) } : {})
  }
}

export { SEVERITIES }
