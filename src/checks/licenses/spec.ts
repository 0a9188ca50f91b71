import { listOf } from '../../text.js'
import type { KindSpec } from '../types.js'

export const spec: KindSpec = {
  paths: ['lockfile'],
  pathWords: ['auto'],
  needs: 'allow or deny',
  validate(w, v) {
    if (w.allow === undefined && listOf(w.deny).length === 0)
      v.report(v.at(), `check 'licenses' needs 'allow' or 'deny' (or both)`)
  }
}
