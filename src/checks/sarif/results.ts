import type {
  Location,
  ReportingDescriptor,
  ReportingDescriptorReference,
  Result,
  Run,
  ToolComponent
} from 'sarif'

export type Level = 'none' | 'note' | 'warning' | 'error'
export const LEVELS: readonly Level[] = ['none', 'note', 'warning', 'error']

/** One result of one SARIF file, with its level resolved. */
export interface ScanResult {
  ruleId: string
  level: Level
  /** repository-relative path when the location is in the repository, else the URI as written */
  file?: string
  line?: number
  suppressed: boolean
  message: string
  tool: string
}

/**
 * The results of a SARIF 2.1.0 log. The level follows the spec (3.27.10): a result whose `kind` is
 * not `fail` has level `none`; else its own `level`, else the level its rule is configured with
 * (an invocation's override, then the rule's `defaultConfiguration`), else `warning`.
 */
export function readResults(log: { runs?: Run[] }, root: string): ScanResult[] {
  const out: ScanResult[] = []
  for (const run of log.runs ?? []) {
    if (!run || typeof run !== 'object') continue
    const tool = run.tool?.driver?.name ?? 'scanner'
    for (const result of run.results ?? []) {
      if (!result || typeof result !== 'object') continue
      // a result absent from this run (present only in the baseline) is already fixed
      if (result.baselineState === 'absent') continue
      const rule = findRule(run, result)
      const location = fileAndLine(run, result.locations?.[0], root)
      out.push({
        ruleId: result.ruleId ?? result.rule?.id ?? rule?.id ?? '',
        level: levelOf(run, result, rule),
        ...location,
        suppressed: isSuppressed(result),
        message: messageOf(result, rule),
        tool
      })
    }
  }
  return out
}

function levelOf(run: Run, result: Result, rule: Found | undefined): Level {
  if (result.kind !== undefined && result.kind !== 'fail') return 'none'
  if (isLevel(result.level)) return result.level
  if (rule) {
    for (const invocation of run.invocations ?? [])
      for (const o of invocation.ruleConfigurationOverrides ?? []) {
        const d = o.descriptor
        const same = d?.id !== undefined ? d.id === rule.id : d?.index !== undefined && d.index === rule.index
        if (same && (d?.toolComponent?.index ?? -1) === rule.component && isLevel(o.configuration?.level))
          return o.configuration.level as Level
      }
    if (isLevel(rule.descriptor.defaultConfiguration?.level))
      return rule.descriptor.defaultConfiguration.level
  }
  return 'warning'
}

/** A result is suppressed when it has suppressions and none is still under review or rejected. */
function isSuppressed(result: Result): boolean {
  const s = result.suppressions
  return Array.isArray(s) && s.length > 0 && s.every(x => x?.status === undefined || x.status === 'accepted')
}

interface Found {
  descriptor: ReportingDescriptor
  id?: string
  index: number
  /** -1 for the driver, else the index in `tool.extensions` */
  component: number
}

/** The result's rule: by `rule` reference or `ruleIndex`, else by id in the driver, then in extensions. */
function findRule(run: Run, result: Result): Found | undefined {
  const driver = run.tool?.driver
  const extensions = run.tool?.extensions ?? []
  const ref: ReportingDescriptorReference | undefined = result.rule
  const componentIndex = ref?.toolComponent?.index ?? componentByName(extensions, ref?.toolComponent?.name)
  const component: ToolComponent | undefined = componentIndex >= 0 ? extensions[componentIndex] : driver
  const rules = component?.rules ?? []
  const index = ref?.index ?? result.ruleIndex
  if (index !== undefined && index >= 0 && rules[index])
    return { descriptor: rules[index], id: rules[index].id, index, component: componentIndex }
  const id = ref?.id ?? result.ruleId
  if (id === undefined) return undefined
  const all: [ToolComponent | undefined, number][] = [
    [driver, -1],
    ...extensions.map((e, i) => [e, i] as [ToolComponent, number])
  ]
  for (const [c, ci] of all) {
    const rs = c?.rules ?? []
    // hierarchical ids (`a/b`) fall back to their parent rule
    const i = rs.findIndex(r => r?.id === id)
    const j = i >= 0 ? i : rs.findIndex(r => r?.id !== undefined && id.startsWith(`${r.id}/`))
    if (j >= 0) return { descriptor: rs[j], id: rs[j].id, index: j, component: ci }
  }
  return undefined
}

function componentByName(extensions: ToolComponent[], name: string | undefined): number {
  return name === undefined ? -1 : extensions.findIndex(e => e?.name === name)
}

function fileAndLine(
  run: Run,
  location: Location | undefined,
  root: string
): { file?: string; line?: number } {
  const physical = location?.physicalLocation
  if (!physical) return {}
  let artifact = physical.artifactLocation
  if (artifact?.uri === undefined && artifact?.index !== undefined)
    artifact = { ...run.artifacts?.[artifact.index]?.location, ...artifact }
  const line = physical.region?.startLine ?? physical.contextRegion?.startLine
  const file =
    artifact?.uri !== undefined ? toRepoPath(artifact.uri, base(run, artifact.uriBaseId), root) : undefined
  return { ...(file !== undefined ? { file } : {}), ...(typeof line === 'number' ? { line } : {}) }
}

/** The absolute URI a `uriBaseId` stands for, following chained bases; undefined when unknown. */
function base(run: Run, id: string | undefined, depth = 0): string | undefined {
  if (!id || depth > 10) return undefined
  const b = run.originalUriBaseIds?.[id]
  if (!b?.uri) return undefined
  if (/^[a-z][a-z0-9+.-]*:/i.test(b.uri)) return b.uri
  const parent = base(run, b.uriBaseId, depth + 1)
  return parent ? new URL(b.uri, parent).href : undefined
}

function toRepoPath(uri: string, baseUri: string | undefined, root: string): string {
  let absolute: string | undefined
  try {
    if (/^file:/i.test(uri)) absolute = new URL(uri).pathname
    else if (baseUri && /^file:/i.test(baseUri)) absolute = new URL(uri, baseUri).pathname
  } catch {
    absolute = undefined
  }
  if (absolute !== undefined) {
    const path = decodeURIComponent(absolute)
    const rootPath = root.replace(/\\/g, '/').replace(/\/+$/, '')
    if (path.startsWith(`${rootPath}/`)) return path.slice(rootPath.length + 1)
    // a scanner that ran elsewhere (another checkout path): keep the path as it wrote it
    return baseUri && !/^file:/i.test(uri) ? safeDecode(uri) : path
  }
  return safeDecode(uri).replace(/^\.\//, '')
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

function messageOf(result: Result, rule: Found | undefined): string {
  const m = result.message
  let text = m?.text
  if (text === undefined && m?.id) {
    const s = rule?.descriptor.messageStrings?.[m.id]
    text = s?.text
  }
  text ??= rule?.descriptor.shortDescription?.text ?? ''
  const args = m?.arguments ?? []
  return text.replace(/\{(\d+)\}/g, (all, n: string) => args[Number(n)] ?? all)
}

function isLevel(v: unknown): v is Level {
  return typeof v === 'string' && (LEVELS as readonly string[]).includes(v)
}
