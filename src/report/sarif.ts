// SARIF 2.1.0 of the secret findings, for GitHub code scanning. Findings are already redacted: the log
// carries rule, place and fingerprint, never the credential.
import type { GateResult } from '../gate/types.js'
import { RULES } from '../checks/secrets/rules.js'

interface Finding {
  rule: string
  file: string
  line: number
  fingerprint: string
  redacted?: string
  /** below the item's `fail-on` (a medium-confidence finding under `fail-on: high`): a warning */
  level?: 'error' | 'warning'
  commit?: string
}

interface Waiver {
  by?: string
  until?: string
  reason?: string
}

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json'

export function toSarif(result: GateResult, options: { toolVersion: string }): object {
  const descriptions = new Map(RULES.map(r => [r.id, r.description]))
  const rows: { finding: Finding; level: 'error' | 'warning'; item: string; waiver?: Waiver }[] = []
  for (const item of result.items) {
    if (item.check !== 'secrets') continue
    const findings = (item.details?.findings ?? []) as Finding[]
    for (const finding of findings)
      rows.push({
        finding,
        // a warning item's findings, and findings whose confidence does not fail the item, are warnings
        level: item.severity === 'warning' || finding.level === 'warning' ? 'warning' : 'error',
        item: item.id,
        waiver: item.status === 'waived' ? (item.details.waiver as Waiver | undefined) : undefined
      })
  }
  const ruleIds = [...new Set(rows.map(r => r.finding.rule))].sort()
  const rules = ruleIds.map(id => ({
    id,
    name: id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: descriptions.get(id) ?? `Credential matched by custom rule ${id}` },
    fullDescription: {
      text: `${descriptions.get(id) ?? `Custom rule ${id}`}. A credential in the repository can be read by anyone with access to it, now or later.`
    },
    help: {
      text: 'Remove the credential, rotate it (it must be considered leaked), and load it from a secret store. Accepted findings go in the baseline file by fingerprint; a line can carry go-live:allow.'
    },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security', 'secret'], 'security-severity': '9.0' }
  }))
  const results = rows.map(({ finding, level, item, waiver }) => ({
    ruleId: finding.rule,
    ruleIndex: ruleIds.indexOf(finding.rule),
    level,
    message: {
      text: `${descriptions.get(finding.rule) ?? finding.rule} found${finding.commit ? ` in commit ${finding.commit}` : ''} (checklist item ${item}): remove it, rotate it, and load it from a secret store.`
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(finding.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: Math.max(1, finding.line) }
        }
      }
    ],
    partialFingerprints: { 'goLiveGate/secret/v2': finding.fingerprint },
    // a waived item's findings are accepted for a while: suppressed, with who and why
    ...(waiver
      ? {
          suppressions: [
            {
              kind: 'external',
              status: 'accepted',
              justification: `waived by ${waiver.by ?? 'unknown'} until ${waiver.until ?? '?'}: ${waiver.reason ?? ''}`
            }
          ]
        }
      : {}),
    ...(finding.commit ? { properties: { commit: finding.commit } } : {})
  }))
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'go-live-gate',
            semanticVersion: options.toolVersion,
            version: options.toolVersion,
            rules
          }
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root.' } } },
        results,
        columnKind: 'utf16CodeUnits'
      }
    ]
  }
}
