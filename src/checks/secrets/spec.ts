import { userRegexProblem as regexProblem } from '../../checklist/regex.js'
import type { KindSpec } from '../types.js'

export const spec: KindSpec = {
  paths: ['paths', 'exclude', 'baseline'],
  globs: ['paths', 'exclude'],
  validate(w, v) {
    const rules = w.rules
    if (typeof rules !== 'object' || rules === null || !('custom' in rules) || !Array.isArray(rules.custom))
      return
    rules.custom.forEach((rule: unknown, i: number) => {
      if (
        typeof rule !== 'object' ||
        rule === null ||
        !('pattern' in rule) ||
        typeof rule.pattern !== 'string'
      )
        return
      const problem = regexProblem(rule.pattern)
      if (problem) v.report(v.at('rules', 'custom', i, 'pattern'), `custom rule pattern: ${problem}`)
    })
  }
}
