import type { KindSpec } from '../types.js'
import { prometheusProblems } from './options.js'

export const spec: KindSpec = {
  urls: ['url'],
  needs: 'url',
  validate(w, v) {
    for (const p of prometheusProblems(w, v.timeout)) v.report(v.at(...p.at), p.message, p.key)
  }
}
