import type { ErrorObject } from 'ajv'
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml'
import { parseDuration } from '../duration.js'
import { ChecklistError, ChecklistErrors } from '../errors.js'
import { kindSpec } from '../checks/registry.js'
import { listOf } from '../text.js'
import { pathProblem } from '../workspace.js'
import { escapeGlob, interpolate } from './interpolate.js'
import { pathOptions } from './path-options.js'
import { escapeRegex } from './regex-safety.js'
import { userRegexProblem } from './regex.js'
import type { Checklist, Item, Kind, Role, Section, Severity, When } from './types.js'
import validate from './validate.generated.js'
import { invisibleCharacters, yamlProblems } from './yaml-hints.js'

export interface ParseOptions {
  /** the release when the checklist names none: the tag or branch being gated */
  release?: string
}

type Seg = string | number
type Json = Record<string, unknown>

const MAX_BYTES = 2 * 1024 * 1024
const MAX_ALIASES = 100
const TEN_YEARS_MS = 3650 * 86400 * 1000

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const list = (v: unknown): unknown[] => listOf(v)
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * Parses and validates a checklist. Every problem is collected and thrown at once as ChecklistErrors,
 * each located at PATH:LINE:COL. Text in, data out: the loader reads no file (where a path leads on disk is
 * checked by checklist/links.ts for `validate`, and by the gate when the item runs).
 */
export function parseChecklist(text: string, file: string, options: ParseOptions = {}): Checklist {
  const lineCounter = new LineCounter()
  const problems: ChecklistError[] = []
  const at = (offset: number, message: string) => {
    const { line, col } = lineCounter.linePos(offset)
    problems.push(new ChecklistError(file, line, col, message))
  }
  const fail = () => new ChecklistErrors(sortProblems(problems))

  if (Buffer.byteLength(text) > MAX_BYTES) {
    problems.push(new ChecklistError(file, 1, 1, 'the checklist is larger than 2 MB'))
    throw fail()
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)

  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    merge: true,
    strict: true,
    version: '1.2',
    // a problem is an error the loader reports at its place, never a warning printed by the parser
    logLevel: 'error'
  })
  // an invisible character explains the parser's complaint on its line: say only that
  const invisible = invisibleCharacters(text)
  const explained = new Set(invisible.map(p => lineCounter.linePos(p.offset).line))
  for (const p of invisible) at(p.offset, p.message)
  for (const p of yamlProblems(text, [...doc.errors, ...doc.warnings], lineCounter))
    if (!explained.has(lineCounter.linePos(p.offset).line)) at(p.offset, p.message)
  if (problems.length) throw fail()

  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    at(0, 'the checklist is empty: it needs version, name and sections')
    throw fail()
  }
  checkAliases(doc, at)
  checkKeys(doc, at)
  if (problems.length) throw fail()

  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES })
  } catch {
    const first = firstAlias(doc)
    at(first, `too many aliases: the checklist expands beyond ${MAX_ALIASES} aliased nodes`)
    throw fail()
  }
  if (!isObject(data)) {
    at(doc.contents?.range?.[0] ?? 0, 'the checklist must be a mapping with version, name and sections')
    throw fail()
  }

  const locate = (segs: Seg[], key = false) => offsetOf(doc, segs, key)
  if (!validate(data)) {
    for (const e of validate.errors ?? []) {
      const message = schemaMessage(e, data)
      if (!message) continue
      const segs = pointer(e.instancePath)
      if (e.keyword === 'additionalProperties')
        at(locate([...segs, String(e.params.additionalProperty)], true), message)
      else if (e.propertyName !== undefined) at(locate([...segs, e.propertyName], true), message)
      else at(locate(segs), message)
    }
  }
  semanticChecks(data, (segs, message, key) => at(locate(segs, key), message))
  if (problems.length) throw fail()

  return build(data, file, options, (segs: Seg[]) => {
    const { line, col } = lineCounter.linePos(locate(segs))
    return { line, col }
  })
}

function sortProblems(problems: ChecklistError[]): ChecklistError[] {
  const seen = new Set<string>()
  return problems
    .sort((a, b) => a.line - b.line || a.col - b.col)
    .filter(p => {
      const k = p.toString()
      if (seen.has(k)) return false
      seen.add(k)
      return true
    })
}

/** An alias inside the node it refers to would expand forever. */
function checkAliases(doc: Document, at: (offset: number, message: string) => void): void {
  visit(doc, {
    Alias(_key, node) {
      const target = node.resolve(doc)
      if (!target) at(node.range?.[0] ?? 0, `alias *${node.source} has no anchor &${node.source} before it`)
      else if (
        target.range &&
        node.range &&
        target.range[0] <= node.range[0] &&
        node.range[0] < target.range[2]
      )
        at(node.range[0], `alias *${node.source} refers to a node that contains it (a recursive alias)`)
    }
  })
}

/** A key that is a list or a mapping has no place in a checklist (and JavaScript would stringify it). */
function checkKeys(doc: Document, at: (offset: number, message: string) => void): void {
  visit(doc, {
    Pair(_key, pair) {
      const key = pair.key as { range?: number[] } | null
      if (isMap(key) || isSeq(key) || isAlias(key))
        at(
          key?.range?.[0] ?? 0,
          'a key must be plain text, not a list, a mapping or an alias: quote it if it is text (in YAML a value that starts with [ or { is a list or mapping)'
        )
    }
  })
}

function firstAlias(doc: Document): number {
  let first = 0
  visit(doc, {
    Alias(_key, node) {
      first = node.range?.[0] ?? 0
      return visit.BREAK
    }
  })
  return first
}

function pointer(instancePath: string): string[] {
  if (!instancePath) return []
  return instancePath
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** Offset in the text of the node at a path (of its key with `key`), or of the deepest node found. */
function offsetOf(doc: Document, segs: Seg[], key = false): number {
  let node: unknown = doc.contents
  let offset = 0
  for (let i = 0; i < segs.length; i++) {
    if (isAlias(node)) node = node.resolve(doc)
    const seg = segs[i]
    if (isMap(node)) {
      const pair = node.items.find(
        p => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg)
      )
      if (!pair) break
      const keyNode = pair.key as { range?: number[] }
      if (key && i === segs.length - 1) return keyNode?.range?.[0] ?? offset
      node = pair.value
      offset = (pair.value as { range?: number[] })?.range?.[0] ?? keyNode?.range?.[0] ?? offset
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)]
      if (item === undefined) break
      node = item
      offset = (item as { range?: number[] })?.range?.[0] ?? offset
    } else break
  }
  return offset
}

function valueAt(data: unknown, segs: Seg[]): unknown {
  let v = data
  for (const s of segs) {
    if (Array.isArray(v)) v = v[Number(s)]
    else if (isObject(v)) v = v[String(s)]
    else return undefined
  }
  return v
}

/** The item's kind when a schema error lies inside an item's `with:`. */
function kindOf(data: unknown, segs: string[]): string | undefined {
  const w = segs.indexOf('with')
  if (segs[0] !== 'sections' || segs[2] !== 'items' || (w !== 4 && segs.length !== 4)) return undefined
  const item = valueAt(data, segs.slice(0, 4))
  return isObject(item) ? String(item.check ?? 'manual') : undefined
}

function label(segs: string[]): string {
  const last = segs[segs.length - 1]
  if (last === undefined) return 'the checklist'
  if (/^\d+$/.test(last)) {
    const parent = segs[segs.length - 2]
    return `'${parent}[${last}]'`
  }
  return `'${last}'`
}

const TYPE_WORDS: Record<string, string> = {
  array: 'a list',
  object: 'a mapping',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty'
}

const PATTERN_WORDS: Record<string, string> = {
  '^[a-z0-9]+(-[a-z0-9]+)*$': 'must be kebab-case (lower-case letters, digits and single hyphens)',
  '^[0-9]+(s|m|h|d)$': 'must be a duration such as 30s, 15m, 2h or 7d',
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}$': 'must be a date YYYY-MM-DD',
  '^[0-9]+(B|KB|MB|GB)?$': 'must be a size such as 500KB or 1MB',
  '^https?://': 'must be an http:// or https:// URL',
  '^[a-z_]+$': 'must be a GitHub event name such as pull_request or push'
}

function show(v: unknown): string {
  const s = JSON.stringify(v)
  return s === undefined ? String(v) : s.length > 40 ? s.slice(0, 37) + '...' : s
}

/** A person's words for an ajv error, or undefined for errors that only repeat another. */
function schemaMessage(e: ErrorObject, data: unknown): string | undefined {
  const segs = pointer(e.instancePath)
  const kind = kindOf(data, segs)
  const inWith = kind !== undefined && segs[4] === 'with'
  const name = label(segs)
  const p = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'if':
      return undefined
    case 'required': {
      const missing = String(p.missingProperty)
      if (missing === 'with' && kind) {
        const needed = kindSpec(kind)?.needs
        return `check '${kind}' needs options under 'with:'${needed ? ` (${needed})` : ''}`
      }
      if (inWith) return `check '${kind}' needs option '${missing}'`
      return `missing required field '${missing}'`
    }
    case 'additionalProperties': {
      const extra = String(p.additionalProperty)
      const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {})
      const hint = suggest(extra, allowed)
      if (inWith && segs.length === 5)
        return `unknown option '${extra}' for check '${kind}'${hint}; expected one of: ${allowed.join(', ')}`
      const free = segs.length === 0 && !hint ? ' (or an x- key, such as x-anchors, for YAML anchors)' : ''
      return `unknown field '${extra}'${hint}${allowed.length ? `; expected one of: ${allowed.join(', ')}${free}` : ''}`
    }
    case 'enum':
      return `${name} must be one of: ${(p.allowedValues as unknown[]).join(', ')} (got ${show(e.data)})`
    case 'const':
      return `${name} must be ${show(p.allowedValue)} (got ${show(e.data)})`
    case 'type': {
      const types = String(p.type)
        .split(',')
        .map(t => TYPE_WORDS[t] ?? t)
      const text = String(p.type).includes('string') && typeof e.data === 'object' && e.data !== null
      return `${name} must be ${types.join(' or ')} (got ${show(e.data)})${text ? ': quote it if it is text (in YAML a value that starts with [ or { is a list or mapping)' : ''}`
    }
    case 'pattern': {
      const words = PATTERN_WORDS[String(p.pattern)] ?? `must match ${String(p.pattern)}`
      if (e.propertyName !== undefined) return `'${e.propertyName}' ${words}`
      return `${name} ${words} (got ${show(e.data)})`
    }
    case 'propertyNames':
      return undefined
    case 'minItems':
      return `${name} must have at least ${plural(Number(p.limit), 'entry').replace('entrys', 'entries')}`
    case 'minLength':
      return Number(p.limit) === 1 ? `${name} must not be empty` : `${name} is too short`
    case 'maxLength':
      return `${name} must be at most ${p.limit} characters`
    case 'minimum':
      return `${name} must be at least ${p.limit} (got ${show(e.data)})`
    case 'maximum':
      return `${name} must be at most ${p.limit} (got ${show(e.data)})`
    default:
      return `${name} ${e.message ?? 'is invalid'}`
  }
}

function suggest(word: string, candidates: string[]): string {
  let best: string | undefined
  let bestDistance = 3
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase())
    if (d < bestDistance) {
      bestDistance = d
      best = c
    }
  }
  return best ? ` (did you mean '${best}'?)` : ''
}

function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]
    dp[0] = i
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = tmp
    }
  }
  return dp[b.length]
}

type Report = (segs: Seg[], message: string, key?: boolean) => void

/** What the schema cannot say: unique ids, defined roles, paths inside the repository, sane regexes. */
function semanticChecks(data: Json, report: Report): void {
  const roles: Json = isObject(data.roles) ? data.roles : {}
  const roleIds = Object.keys(roles)
  const roleList = roleIds.length ? `defined: ${roleIds.join(', ')}` : 'no roles are defined under roles:'
  for (const [id, role] of Object.entries(roles)) {
    if (isObject(role) && list(role.users).length === 0 && list(role.teams).length === 0)
      report(['roles', id], `role '${id}' has no users and no teams: nobody could sign off as it`, true)
  }
  const roleMap = new Map<string, { users: unknown; teams: unknown }>()
  for (const [id, r] of Object.entries(roles))
    if (isObject(r)) roleMap.set(id, { users: r.users, teams: r.teams })
  const checkRole = (segs: Seg[], value: unknown) => {
    if (typeof value === 'string' && !Object.hasOwn(roles, value))
      report(segs, `role '${value}' is not defined (${roleList})`)
  }

  const stages = Array.isArray(data.stages) ? data.stages.map(String) : []
  stages.forEach((stage, i) => {
    if (stages.indexOf(stage) !== i) report(['stages', i], `stage '${stage}' is named twice`)
  })
  const checkStage = (segs: Seg[], value: unknown) => {
    if (typeof value === 'string' && stages.length && !stages.includes(value))
      report(segs, `stage '${value}' is not one of the checklist's stages (${stages.join(', ')})`)
  }
  const defaultTimeout =
    isObject(data.defaults) && typeof data.defaults.timeout === 'number' ? data.defaults.timeout : 120

  const firstSeen = new Map<string, Seg[]>()
  const sections = Array.isArray(data.sections) ? data.sections : []
  sections.forEach((section, si) => {
    if (!isObject(section)) return
    checkStage(['sections', si, 'stage'], section.stage)
    if (!Array.isArray(section.items)) return
    section.items.forEach((item, ii) => {
      if (!isObject(item)) return
      const base: Seg[] = ['sections', si, 'items', ii]
      checkStage([...base, 'stage'], item.stage)
      if (typeof item.id === 'string') {
        if (firstSeen.has(item.id))
          report([...base, 'id'], `duplicate id '${item.id}': ids must be unique in the file`)
        else firstSeen.set(item.id, [...base, 'id'])
      }
      checkRole([...base, 'owner'], item.owner)
      const kind = (typeof item.check === 'string' ? item.check : 'manual') as Kind
      const w = isObject(item.with) ? item.with : undefined
      if (!w) return
      const at = (...rest: Seg[]) => [...base, 'with', ...rest]

      const spec = kindSpec(kind)
      if (!spec) return
      // paths stay inside the repository as written (`..`, absolute); where they lead on disk is not read here
      for (const { place, value } of pathOptions(kind, w)) {
        const problem = pathProblem(value)
        if (problem) report(at(...place), problem)
      }
      for (const option of spec.regexes ?? []) {
        const value = w[option]
        list(value).forEach((r, i) => {
          if (typeof r !== 'string') return
          const problem = userRegexProblem(r)
          if (problem) report(Array.isArray(value) ? at(option, i) : at(option), `'${option}': ${problem}`)
        })
      }
      for (const option of spec.durations ?? []) {
        const value = w[option]
        if (typeof value !== 'string') continue
        const ms = parseDuration(value)
        if (ms === 0) report(at(option), `'${option}' must be longer than 0`)
        else if (ms !== undefined && ms > TEN_YEARS_MS)
          report(at(option), `'${option}' must be at most 3650d`)
      }
      for (const option of spec.roles ?? []) {
        const value = w[option]
        list(value).forEach((r, i) => checkRole(Array.isArray(value) ? at(option, i) : at(option), r))
      }
      spec.validate?.(w, {
        at,
        report: (segs, message, key) => report(segs, message, key),
        roles: roleMap,
        timeout: typeof item.timeout === 'number' ? item.timeout : defaultTimeout
      })
    })
  })

  // waivers name an item of this checklist and a real date
  if (Array.isArray(data.waivers))
    data.waivers.forEach((w, i) => {
      if (!isObject(w)) return
      if (typeof w.item === 'string' && !firstSeen.has(w.item))
        report(['waivers', i, 'item'], `waiver of '${w.item}': the checklist has no item with that id`)
      if (typeof w.until === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(w.until) && !isDate(w.until))
        report(['waivers', i, 'until'], `'until' is not a calendar date (got "${w.until}")`)
    })
}

function isDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

/** `${release}` and `${name}` in a kind's options: literal text in regexes and globs. */
function interpolateOptions(kind: string, w: Json, vars: { name: string; release: string }): Json {
  const out = interpolate(w, vars)
  const spec = kindSpec(kind)
  for (const o of spec?.regexes ?? []) if (Object.hasOwn(w, o)) out[o] = interpolate(w[o], vars, escapeRegex)
  for (const o of spec?.globs ?? []) if (Object.hasOwn(w, o)) out[o] = interpolate(w[o], vars, escapeGlob)
  for (const o of spec?.urls ?? [])
    if (Object.hasOwn(w, o)) out[o] = interpolate(w[o], vars, encodeURIComponent)
  const nested = (list: unknown, field: string): unknown =>
    Array.isArray(list)
      ? list.map(x =>
          isObject(x) && typeof x[field] === 'string'
            ? { ...interpolate(x, vars), [field]: interpolate(x[field], vars, escapeRegex) }
            : interpolate(x, vars)
        )
      : interpolate(list, vars)
  if (kind === 'values' && Object.hasOwn(w, 'assert')) out.assert = nested(w.assert, 'matches')
  if (kind === 'secrets' && isObject(w.rules) && isObject(out.rules) && Object.hasOwn(w.rules, 'custom'))
    out.rules.custom = nested(w.rules.custom, 'pattern')
  return out
}

/** The checklist from valid data: the validator filled every default of the schema in, so none is repeated here. */
function build(
  data: Json,
  file: string,
  options: ParseOptions,
  position: (segs: Seg[]) => { line: number; col: number }
): Checklist {
  const name = String(data.name)
  const release = interpolate(
    typeof data.release === 'string' ? data.release : (options.release ?? 'unreleased'),
    {
      name,
      release: options.release ?? 'unreleased'
    }
  )
  const vars = { name, release }
  const defaults = data.defaults as { severity: Severity; timeout: number }
  // no prototype: a role looked up by a name from the file (`owner: constructor`) is there or it is not
  const roles = Object.create(null) as Record<string, Role>
  for (const [id, r] of Object.entries(data.roles as Record<string, Json>)) {
    roles[id] = {
      id,
      title: typeof r.title === 'string' ? r.title : id,
      users: r.users as string[],
      teams: r.teams as string[]
    }
  }
  const stages = data.stages as string[]
  const sections: Section[] = []
  const items: Item[] = []
  ;(data.sections as Json[]).forEach((s, si) => {
    const title = interpolate(String(s.title), vars)
    const section: Section = { title, items: [] }
    if (typeof s.stage === 'string') section.stage = s.stage
    ;(s.items as Json[]).forEach((raw, ii) => {
      const item: Item = {
        id: String(raw.id),
        title: interpolate(String(raw.title), vars),
        section: title,
        check: raw.check as Kind,
        with: interpolateOptions(raw.check as Kind, raw.with as Json, vars),
        // an item without its own severity or timeout has the checklist's (defaults:, from the schema)
        severity: (raw.severity as Severity | undefined) ?? defaults.severity,
        timeout: (raw.timeout as number | undefined) ?? defaults.timeout,
        position: position(['sections', si, 'items', ii])
      }
      if (raw.when) item.when = raw.when as When
      if (typeof raw.owner === 'string') item.owner = raw.owner
      if (typeof raw.docs === 'string') item.docs = interpolate(raw.docs, vars)
      const paths = pathOptions(item.check, raw.with as Json).map(p => ({
        value: p.value,
        position: position(['sections', si, 'items', ii, 'with', ...p.place])
      }))
      if (paths.length) item.paths = paths
      const stage = typeof raw.stage === 'string' ? raw.stage : (section.stage ?? stages[0])
      if (stage !== undefined) item.stage = stage
      section.items.push(item)
      items.push(item)
    })
    sections.push(section)
  })
  const waivers = (data.waivers as Json[]).map((w, i) => ({
    item: String(w.item),
    until: String(w.until),
    reason: String(w.reason),
    by: String(w.by),
    line: position(['waivers', i]).line
  }))
  return { path: file, name, release, roles, stages, sections, items, waivers }
}
