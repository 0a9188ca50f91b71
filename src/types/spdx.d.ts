// Typings for the two SPDX libraries (they ship none).

declare module 'spdx-expression-parse' {
  export interface SpdxLicense {
    license: string
    plus?: true
    exception?: string
  }
  export interface SpdxConjunction {
    left: SpdxNode
    conjunction: 'and' | 'or'
    right: SpdxNode
  }
  export type SpdxNode = SpdxLicense | SpdxConjunction
  /** Throws on an expression that is not valid SPDX. */
  export default function parse(expression: string): SpdxNode
}

declare module 'spdx-satisfies' {
  /** Whether the expression is satisfied by the approved licences (simple ids, `+` ranges, `WITH`). */
  export default function satisfies(expression: string, approved: string[]): boolean
}
