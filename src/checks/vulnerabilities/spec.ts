import type { KindSpec } from '../types.js'

export const spec: KindSpec = {
  paths: ['report'],
  validate(w, v) {
    if (!Array.isArray(w.ignore)) return
    w.ignore.forEach((ig: unknown, i: number) => {
      if (typeof ig !== 'object' || ig === null || !('until' in ig)) return
      const until = ig.until
      if (typeof until === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(until) && !isDate(until))
        v.report(v.at('ignore', i, 'until'), `'until' is not a calendar date (got "${until}")`)
    })
  }
}

function isDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}
