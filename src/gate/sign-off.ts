/**
 * The record of one sign-off the gate saw (contract sections 11 and 12): an attestation, revocation,
 * approval or waiver, counted or ignored with the reason. Kinds put these in `details.signOffs`; the
 * JSON report and the evidence carry them as they are.
 */
export interface SignOff {
  kind: 'attestation' | 'revocation' | 'approval' | 'waiver'
  item: string
  login: string
  /** GitHub's numeric user id, when GitHub said it */
  userId: number | null
  /** the role it counted (or would have counted) for; null for "anyone with write access" */
  role: string | null
  /** when it was given: the comment's creation or the review's submission */
  at: string | null
  counted: boolean
  /** why it did not count */
  reason?: string
  /** waivers: the last day it holds, and why the risk is accepted */
  until?: string
  justification?: string
  source:
    | { type: 'comment'; id: number; sha256: string; url?: string }
    | { type: 'review'; id: number; commit: string | null }
    | { type: 'checklist'; path: string; line?: number }
}
