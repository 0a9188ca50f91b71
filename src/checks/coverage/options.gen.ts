// Generated from src/checks/coverage/schema.json by scripts/gen-options.mjs (npm run build). Do not edit.
// Options with a default are required here: the checklist loader fills them in.

/**
 * Test coverage thresholds.
 */
export interface CoverageOptions {
  /**
   * A path or glob relative to the repository root, or a non-empty list of them.
   *
   * @minItems 1
   */
  reports: string[] | string
  format: 'auto' | 'lcov' | 'cobertura' | 'clover' | 'istanbul' | 'jacoco' | 'go' | 'coveragepy'
  min: {
    lines?: number
    branches?: number
    functions?: number
    statements?: number
  }
  'per-file'?: {
    lines?: number
  }
  /**
   * Minimum % of the coverable lines the PR adds or changes that are covered.
   */
  'changed-lines'?: number
  /**
   * Below this many changed coverable lines, changed-lines is not judged.
   */
  'min-changed-lines': number
  /**
   * A path or glob relative to the repository root, or a list of them.
   */
  exclude: string[] | string
}
