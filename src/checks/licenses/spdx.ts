import parse from 'spdx-expression-parse'
import type { SpdxLicense, SpdxNode } from 'spdx-expression-parse'
import satisfies from 'spdx-satisfies'

export type Verdict = 'allowed' | 'violation' | 'unknown'

export interface Policy {
  /** absent: every licence not denied is allowed */
  allow?: string[]
  deny: string[]
}

/**
 * Judges a package's licence expression. A package passes when one of the ways its expression can
 * be satisfied (an OR branch) uses only allowed licences and no denied one: `MIT OR GPL-3.0` passes
 * when MIT is allowed, `MIT AND GPL-3.0` fails when GPL-3.0 is denied. Deny wins over allow.
 */
export function judgeLicense(expression: string | undefined, policy: Policy): Verdict {
  const text = expression?.trim()
  if (!text) return 'unknown'
  // Non-SPDX words (UNLICENSED, "SEE LICENSE IN ...") can still be listed literally.
  if (policy.deny.some(d => same(d, text))) return 'violation'
  if (policy.allow?.some(a => same(a, text))) return 'allowed'
  let tree: SpdxNode
  try {
    tree = parse(text)
  } catch {
    return 'unknown'
  }
  const ok = branches(tree).some(branch =>
    branch.every(
      leaf =>
        !policy.deny.some(d => covers(d, leaf)) && (!policy.allow || policy.allow.some(a => covers(a, leaf)))
    )
  )
  return ok ? 'allowed' : 'violation'
}

/** The expression as OR of ANDs: each branch is a set of licences that must all hold together. */
function branches(node: SpdxNode): string[][] {
  if (!('conjunction' in node)) return [[leafText(node)]]
  const left = branches(node.left)
  const right = branches(node.right)
  if (node.conjunction === 'or') return [...left, ...right]
  return left.flatMap(l => right.map(r => [...l, ...r]))
}

function leafText(leaf: SpdxLicense): string {
  return leaf.license + (leaf.plus ? '+' : '') + (leaf.exception ? ` WITH ${leaf.exception}` : '')
}

/** Whether a policy entry (an id, `GPL-2.0+`, `-or-later`, `WITH`) covers one licence. */
function covers(entry: string, leaf: string): boolean {
  if (same(entry, leaf)) return true
  try {
    return satisfies(leaf, [entry])
  } catch {
    // an entry or id the library cannot read is compared literally (above)
    return false
  }
}

function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase()
}
