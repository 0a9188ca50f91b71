import type { Advisory } from './advisory.js'
import { parseGovulncheck } from './govulncheck.js'
import { parseGrype } from './grype.js'
import { parseOsvScanner } from './osv-scanner.js'
import { parsePipAudit } from './pip-audit.js'
import { loadCvss } from './severity.js'
import { printable } from './tool-report.js'
import { parseTrivy } from './trivy.js'

export type ToolSource = 'osv-scanner' | 'pip-audit' | 'govulncheck' | 'grype' | 'trivy'

/** The command that writes the report each tool-backed source reads (the gate never runs them). */
export const TOOL_COMMANDS: Readonly<Record<ToolSource, string>> = Object.freeze({
  'osv-scanner': 'osv-scanner scan source --format json --output osv-scanner.json -r .',
  'pip-audit': 'pip-audit --format json --output pip-audit.json',
  govulncheck: 'govulncheck -format json ./... > govulncheck.json',
  grype: 'grype dir:. -o json --file grype.json',
  trivy: 'trivy fs --format json --output trivy.json .'
})

/** The advisories in one tool's JSON report, plus what the summary and details should also say. */
export async function parseToolReport(
  source: ToolSource,
  text: string,
  origin: string
): Promise<{ advisories: Advisory[]; extra?: Record<string, unknown>; notes: string[] }> {
  if (source !== 'pip-audit' && source !== 'trivy') await loadCvss()
  switch (source) {
    case 'osv-scanner':
      return { advisories: parseOsvScanner(text, origin), notes: [] }
    case 'pip-audit': {
      const { advisories, skipped } = parsePipAudit(text, origin)
      const names = skipped.map(s => printable(s.package, 80))
      return {
        advisories,
        extra: { skipped: skipped.map(s => ({ package: printable(s.package, 80), reason: s.reason })) },
        notes: names.length
          ? [
              `${names.length} not audited by pip-audit: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}`
            ]
          : []
      }
    }
    case 'govulncheck': {
      const { advisories, notCalled } = parseGovulncheck(text, origin)
      return {
        advisories,
        extra: { notCalled },
        notes: notCalled.length
          ? [
              `${notCalled.length} more in required modules that the code does not call (${notCalled.slice(0, 5).join(', ')})`
            ]
          : []
      }
    }
    case 'grype':
      return { advisories: parseGrype(text, origin), notes: [] }
    case 'trivy':
      return { advisories: parseTrivy(text, origin), notes: [] }
  }
}
