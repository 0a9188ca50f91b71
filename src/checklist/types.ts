import type { Kind } from '../checks/registry.js'

// the kinds are listed once, in src/checks/registry.ts
export type { Kind }
export type Severity = 'blocking' | 'warning'

export interface Position {
  line: number
  col: number
}

export interface Role {
  id: string
  title: string
  users: string[]
  /** `org/team-slug` */
  teams: string[]
}

export interface When {
  events?: string[]
  /** globs matched against the branch being gated (the base branch on pull requests) */
  branches?: string[]
}

export interface Item {
  id: string
  title: string
  section: string
  check: Kind
  /** the kind's options, with the schema's defaults applied and `${release}`/`${name}` interpolated */
  with: Record<string, unknown>
  severity: Severity
  /** seconds */
  timeout: number
  when?: When
  owner?: string
  docs?: string
  position?: Position
}

export interface Section {
  title: string
  items: Item[]
}

export interface Checklist {
  /** repository-relative path of the checklist file */
  path: string
  name: string
  release?: string
  roles: Record<string, Role>
  sections: Section[]
  /** all items in file order */
  items: Item[]
  /** waivers written in the checklist (section 10); checked when the gate runs */
  waivers?: { item: string; until: string; reason: string; by: string; line?: number }[]
}
