// Generated from src/checks/secrets/schema.json by scripts/gen-options.mjs (npm run build). Do not edit.
// Options with a default are required here: the checklist loader fills them in.

/**
 * No credentials in the tree (and optionally in the commits being released).
 */
export interface SecretsOptions {
  /**
   * A path or glob relative to the repository root, or a non-empty list of them.
   *
   * @minItems 1
   */
  paths: string[] | string
  /**
   * A path or glob relative to the repository root, or a list of them.
   */
  exclude: string[] | string
  /**
   * Also scan the lines added by the commits being released.
   */
  history: 'none' | 'pr' | 'since-tag'
  /**
   * File of fingerprints of accepted findings.
   */
  baseline?: string
  rules: {
    disable: string[]
    custom: {
      /**
       * kebab-case identifier
       */
      id: string
      /**
       * A regular expression (JavaScript syntax).
       */
      pattern: string
      /**
       * Lines without one of these (case-insensitive) are not matched: fast pre-filter.
       */
      keywords: string[]
      description?: string
    }[]
  }
  /**
   * Larger files are skipped and counted: bytes, or 500KB, 1MB.
   */
  'max-file-size': number | string
  /**
   * The lowest confidence of a finding that fails the item: medium (every finding, the default) or high (validated formats only; medium-confidence findings become warnings).
   */
  'fail-on': 'medium' | 'high'
}
