// Generated from src/checks/vulnerabilities/schema.json by scripts/gen-options.mjs (npm run build). Do not edit.
// Options with a default are required here: the checklist loader fills them in.

/**
 * Dependency audit.
 */
export interface VulnerabilitiesOptions {
  /**
   * Where advisories come from: an npm-family audit (run by the gate unless report is set), Dependabot, or the JSON report of osv-scanner, pip-audit, govulncheck, grype or trivy (report required).
   */
  source:
    | 'npm-audit'
    | 'yarn-audit'
    | 'pnpm-audit'
    | 'dependabot'
    | 'osv-scanner'
    | 'pip-audit'
    | 'govulncheck'
    | 'grype'
    | 'trivy'
  /**
   * Path of the tool's JSON output; without it npm/yarn/pnpm audit is run (the other tools are never run by the gate).
   */
  report?: string
  'fail-on': 'low' | 'moderate' | 'high' | 'critical'
  ignore: {
    /**
     * Advisory id (GHSA-..., CVE-..., or the tool's number).
     */
    id: string
    reason: string
    /**
     * A date, YYYY-MM-DD.
     */
    until: string
  }[]
}
