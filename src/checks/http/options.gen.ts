// Generated from src/checks/http/schema.json by scripts/gen-options.mjs (npm run build). Do not edit.
// Options with a default are required here: the checklist loader fills them in.

/**
 * A health endpoint answers.
 */
export interface HttpOptions {
  url: string
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'OPTIONS'
  /**
   * Expected status code, or a list of them.
   */
  status: number | number[]
  /**
   * A regular expression (JavaScript syntax; (?i), (?m), (?s) at the start set flags) or a list of them.
   */
  contains?: string[] | string
  'max-latency-ms'?: number
  retries: number
  /**
   * Seconds (integer) or a duration: 30s, 15m, 2h.
   */
  timeout: number | string
}
