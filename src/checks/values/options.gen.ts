// Generated from src/checks/values/schema.json by scripts/gen-options.mjs (npm run build). Do not edit.
// Options with a default are required here: the checklist loader fills them in.

/**
 * Assertions on a JSON, YAML or TOML file.
 */
export interface ValuesOptions {
  file: string
  format: 'auto' | 'json' | 'yaml' | 'toml'
  /**
   * JSON Schema file the whole file must satisfy.
   */
  schema?: string
  assert: Assertion[]
  /**
   * Which document of a multi-document YAML file to judge: 0-based index among its non-empty documents.
   */
  document?: number
  /**
   * Judge the one document whose values at these dot paths equal these (e.g. kind: Deployment, metadata.name: api).
   */
  select?: {
    [k: string]: string | number | boolean
  }
}
/**
 * A dot path (risk.limits[0].max_usd) and exactly one operator.
 */
export interface Assertion {
  path: string
  equals?: unknown
  'not-equals'?: unknown
  lt?: number
  lte?: number
  gt?: number
  gte?: number
  in?: unknown[]
  /**
   * A regular expression (JavaScript syntax; (?i), (?m), (?s) at the start set flags).
   */
  matches?: string
  exists?: boolean
}
