import { parseDotPath } from '../../checklist/dot-path.js'
import { userRegexProblem as regexProblem } from '../../checklist/regex.js'
import type { KindSpec } from '../types.js'
import { OPERATORS } from './operators.js'

export const spec: KindSpec = {
  paths: ['file', 'schema'],
  needs: 'file, and assert or schema',
  validate(w, v) {
    const asserts: unknown[] = Array.isArray(w.assert) ? w.assert : []
    if (asserts.length === 0 && w.schema === undefined)
      v.report(v.at(), `check 'values' needs 'assert' or 'schema' (or both)`)
    asserts.forEach((a, i) => {
      if (typeof a !== 'object' || a === null || Array.isArray(a)) return
      const assertion = a as Record<string, unknown>
      const ops = Object.keys(assertion).filter(k => (OPERATORS as string[]).includes(k))
      if (ops.length !== 1)
        v.report(
          v.at('assert', i),
          ops.length === 0
            ? `assertion needs one operator: ${OPERATORS.join(', ')}`
            : `assertion has ${ops.length} operators (${ops.join(', ')}); write one assertion per operator`
        )
      if (typeof assertion.path === 'string') {
        const parsed = parseDotPath(assertion.path)
        if (typeof parsed === 'string') v.report(v.at('assert', i, 'path'), `'path' is malformed: ${parsed}`)
      }
      if (typeof assertion.matches === 'string') {
        const problem = regexProblem(assertion.matches)
        if (problem) v.report(v.at('assert', i, 'matches'), `'matches': ${problem}`)
      }
    })
    if (w.document !== undefined && w.select !== undefined)
      v.report(v.at('select'), `use 'document' or 'select', not both`)
    if (typeof w.select === 'object' && w.select !== null && !Array.isArray(w.select))
      for (const key of Object.keys(w.select)) {
        const parsed = parseDotPath(key)
        if (typeof parsed === 'string')
          v.report(v.at('select', key), `'select' path '${key}' is malformed: ${parsed}`, true)
      }
  }
}
