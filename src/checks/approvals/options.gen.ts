// Generated from src/checks/approvals/schema.json by scripts/gen-options.mjs (npm run build). Do not edit.
// Options with a default are required here: the checklist loader fills them in.

/**
 * Approving PR reviews on the head commit by members of roles.
 */
export interface ApprovalsOptions {
  /**
   * @minItems 1
   *
   * Items: kebab-case identifier
   */
  roles: string[]
  /**
   * Approvals needed from each role.
   */
  count: number
  /**
   * Only approvals of the head commit count.
   */
  'dismiss-stale': boolean
  /**
   * The PR author's own approval never counts (always true: contract section 12).
   */
  'exclude-author': boolean
  /**
   * One person counts for one role only.
   */
  distinct: boolean
  /**
   * The person who pushed the head commit does not count.
   */
  'exclude-pusher': boolean
}
