// Generated from src/checks/prometheus/schema.json by scripts/gen-options.mjs (npm run build). Do not edit.
// Options with a default are required here: the checklist loader fills them in.

/**
 * Live monitoring from any Prometheus-compatible HTTP API: an instant query meets a condition, alerting rules are loaded (and not firing), or scrape targets are up. One form per item: query, rules or targets.
 */
export interface PrometheusOptions {
  /**
   * Base URL of the API (the part before /api/v1): https://prometheus.internal:9090, or a Thanos, Mimir or VictoriaMetrics prefix.
   */
  url: string
  /**
   * PromQL instant query; every series it returns must meet the condition.
   */
  query?: string
  lt?: number
  lte?: number
  gt?: number
  gte?: number
  equals?: number
  'not-equals'?: number
  /**
   * What a query that returns no series means.
   */
  empty: 'fail' | 'pass' | 'error'
  /**
   * Names of alerting rules that must be loaded and healthy.
   *
   * @minItems 1
   */
  rules?: string[]
  /**
   * With rules: false = none of them may be firing; true = every one must be firing (a watchdog).
   */
  firing?: boolean
  /**
   * Scrape targets of a job that must be up.
   */
  targets?: {
    job: string
    'min-up': number
  }
  /**
   * HTTP headers sent with every request; values may read the environment with ${env:NAME} (never printed).
   */
  headers: {
    [k: string]: string
  }
  /**
   * Time between evaluations.
   */
  interval: string
  /**
   * How many times the item is evaluated, interval apart.
   */
  count: number
  /**
   * How many evaluations may fail (or not be made) before the item fails.
   */
  'failure-limit': number
}
