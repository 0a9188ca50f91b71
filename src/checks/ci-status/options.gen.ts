// Generated from src/checks/ci-status/schema.json by scripts/gen-options.mjs (npm run build). Do not edit.
// Options with a default are required here: the checklist loader fills them in.

/**
 * The other CI checks on the head commit are green.
 */
export interface CiStatusOptions {
  /**
   * Check names that must be green (default: all but the gate itself).
   */
  require?: string[]
  /**
   * Seconds (integer) or a duration: 30s, 15m, 2h.
   */
  wait: number | string
}
