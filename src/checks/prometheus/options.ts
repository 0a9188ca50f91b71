// The `prometheus` kind's options (section 9 of the contract) and what the schema cannot say about them.
// Kept free of dependencies: the checklist loader imports it.
import { parseDuration } from '../../duration.js'

export const CONDITIONS = ['lt', 'lte', 'gt', 'gte', 'equals', 'not-equals'] as const
export type Condition = (typeof CONDITIONS)[number]

export type { PrometheusOptions } from './options.gen.js'

/** `${env:NAME}`: the only thing read from the environment, and only in header values. */
export const ENV_REFERENCE = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g
/** The runner's and the action's own variables (the GitHub token among them) never go into a header. */
const RESERVED_ENV = /^(GITHUB_|ACTIONS_|RUNNER_|INPUT_)/
/** Headers that carry a credential: their value must come from the environment, never the file. */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie)$|token|secret|api-?key|password/i

export interface Problem {
  /** path under the item's `with` */
  at: (string | number)[]
  message: string
  key?: boolean
}

/** Problems of one item's options, each at its option. */
export function prometheusProblems(w: Record<string, unknown>, timeoutSeconds: number): Problem[] {
  const problems: Problem[] = []
  const add = (at: (string | number)[], message: string, key = false) => problems.push({ at, message, key })
  const has = (k: string) => Object.prototype.hasOwnProperty.call(w, k) && w[k] !== undefined
  const forms = ['query', 'rules', 'targets'].filter(has)
  const conditions = CONDITIONS.filter(has)
  if (forms.length === 0) add([], `check 'prometheus' needs one of: query (with a condition), rules, targets`)
  if (forms.length > 1)
    add([forms[1]], `'${forms.join("' and '")}' are different forms: write one item per form`, true)
  if (has('query')) {
    if (conditions.length === 0)
      add(['query'], `'query' needs a condition: one of ${CONDITIONS.join(', ')}`, true)
    if (conditions.length > 1)
      add(
        [conditions[1]],
        `'query' takes one condition, not ${conditions.length} (${conditions.join(', ')}); write one item per condition`,
        true
      )
  } else {
    for (const c of conditions) add([c], `'${c}' is a condition of 'query', and this item has no query`, true)
    if (has('empty') && w.empty !== 'error') add(['empty'], `'empty' applies to 'query' only`, true)
  }
  if (Array.isArray(w.rules))
    w.rules.forEach((rule, i) => {
      if ((w.rules as unknown[]).indexOf(rule) !== i)
        add(['rules', i], `rule '${String(rule)}' is named twice`)
    })
  if (has('firing') && !has('rules')) add(['firing'], `'firing' applies to 'rules' only`, true)

  if (typeof w.url === 'string') {
    let url: URL | undefined
    try {
      url = new URL(w.url.replace(/\$\{(release|name)\}/g, 'x'))
    } catch {
      add(['url'], `'url' is not a valid URL`)
    }
    if (url && (url.username || url.password))
      add(['url'], `'url' must not carry credentials: send them in 'headers' with \${env:NAME}`)
    if (url && /\/api\/v1\/?$/.test(url.pathname))
      add(
        ['url'],
        `'url' is the base URL, without /api/v1 (the check adds /api/v1/query, /rules or /targets)`
      )
  }

  const headers = w.headers && typeof w.headers === 'object' ? (w.headers as Record<string, unknown>) : {}
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') continue
    const rest = value.replace(ENV_REFERENCE, '')
    if (rest.includes('${'))
      add(
        ['headers', name],
        `header '${name}': only \${env:NAME} is read from the environment (NAME: letters, digits, _)`
      )
    for (const m of value.matchAll(ENV_REFERENCE))
      if (RESERVED_ENV.test(m[1]))
        add(
          ['headers', name],
          `header '${name}' reads \${env:${m[1]}}: the runner's own variables are not sent anywhere; pass the credential in a variable of its own (env: PROM_TOKEN: \${{ secrets.PROM_TOKEN }})`
        )
    if (CREDENTIAL_HEADER.test(name) && rest === value && value.trim() !== '')
      add(
        ['headers', name],
        `header '${name}' must read its credential from the environment (\${env:NAME}): a checklist is not a secret store`
      )
  }

  const count = typeof w.count === 'number' ? w.count : 1
  const limit = typeof w['failure-limit'] === 'number' ? w['failure-limit'] : 0
  if (limit >= count && has('failure-limit'))
    add(
      ['failure-limit'],
      `'failure-limit' (${limit}) must be less than 'count' (${count}), or the item could never fail`
    )
  const interval = typeof w.interval === 'string' ? parseDuration(w.interval) : undefined
  if (count > 1 && interval === 0) add(['interval'], `'interval' must be longer than 0`)
  if (count > 1 && interval !== undefined) {
    const waitSeconds = ((count - 1) * interval) / 1000
    if (waitSeconds >= timeoutSeconds)
      add(
        ['count'],
        `${count} evaluations ${w.interval} apart take ${waitSeconds}s, longer than the item's timeout of ${timeoutSeconds}s: set the item's timeout above ${waitSeconds}`
      )
  }
  return problems
}
