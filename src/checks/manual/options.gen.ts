// Generated from src/checks/manual/schema.json by scripts/gen-options.mjs (npm run build). Do not edit.
// Options with a default are required here: the checklist loader fills them in.

/**
 * A member of the owner role attests the item on the release PR: /go-live attest ID.
 */
export interface ManualOptions {
  /**
   * An attestation made before the latest push to the PR no longer counts.
   */
  'expires-on-push': boolean
}
