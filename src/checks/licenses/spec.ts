import { listOf } from '../../text.js'
import type { KindSpec } from '../types.js'

export const spec: KindSpec = {
  paths: ['lockfile', 'sbom', 'python-env'],
  pathWords: ['auto'],
  needs: 'allow or deny',
  validate(w, v) {
    if (w.allow === undefined && listOf(w.deny).length === 0)
      v.report(v.at(), `check 'licenses' needs 'allow' or 'deny' (or both)`)
    if (['lockfile', 'sbom', 'python-env'].filter(k => w[k] !== undefined).length > 1)
      v.report(
        v.at(),
        `check 'licenses' reads one of 'lockfile', 'sbom' or 'python-env': use one item per source`
      )
  }
}
