// Generated from src/checks/sarif/schema.json by scripts/gen-options.mjs (npm run build). Do not edit.
// Options with a default are required here: the checklist loader fills them in.

/**
 * Results of any other scanner (Trivy, Semgrep, CodeQL...).
 */
export interface SarifOptions {
  /**
   * A path or glob relative to the repository root, or a non-empty list of them.
   *
   * @minItems 1
   */
  files: string[] | string
  'fail-on': 'error' | 'warning' | 'note'
}
