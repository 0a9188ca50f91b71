// Generated from src/checks/workflow/schema.json by scripts/gen-options.mjs (npm run build). Do not edit.
// Options with a default are required here: the checklist loader fills them in.

/**
 * A named workflow ran successfully recently (rollback test, load test, DR drill).
 */
export interface WorkflowOptions {
  /**
   * Workflow file name, e.g. rollback-drill.yml.
   */
  workflow: string
  branch?: string
  /**
   * A duration: 30s, 15m, 2h, 7d.
   */
  within?: string
  conclusion: 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required'
}
