// Generated from src/checks/file/schema.json by scripts/gen-options.mjs (npm run build). Do not edit.
// Options with a default are required here: the checklist loader fills them in.

/**
 * A document exists, says what it must, and is fresh.
 */
export interface FileOptions {
  /**
   * A path or glob relative to the repository root, or a non-empty list of them.
   *
   * @minItems 1
   */
  path: string[] | string
  /**
   * A regular expression (JavaScript syntax; (?i), (?m), (?s) at the start set flags) or a list of them.
   */
  contains?: string[] | string
  /**
   * A regular expression (JavaScript syntax; (?i), (?m), (?s) at the start set flags) or a list of them.
   */
  'not-contains'?: string[] | string
  /**
   * A duration: 30s, 15m, 2h, 7d.
   */
  'max-age'?: string
}
