import { kindSpec } from '../checks/registry.js'

/** A repository path an item's options name, and where it is under the item's `with`. */
export interface PathOption {
  place: (string | number)[]
  value: string
}

/** The paths (or globs) an item's options name: the options its kind's spec lists as paths, words left out. */
export function pathOptions(kind: string, w: Record<string, unknown>): PathOption[] {
  const spec = kindSpec(kind)
  const words = spec?.pathWords ?? []
  const found: PathOption[] = []
  for (const option of spec?.paths ?? []) {
    if (!Object.hasOwn(w, option)) continue
    const value = w[option]
    const values = Array.isArray(value) ? value : [value]
    values.forEach((p, i) => {
      if (typeof p === 'string' && !words.includes(p))
        found.push({ place: Array.isArray(value) ? [option, i] : [option], value: p })
    })
  }
  return found
}
