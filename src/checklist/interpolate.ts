export interface Variables {
  release: string
  name: string
}

const VARIABLE = /\$\{(release|name)\}/g

/** Replaces `${release}` and `${name}` in every string of a value; nothing else is interpolated. */
export function interpolate<T>(value: T, vars: Variables): T {
  if (typeof value === 'string') return value.replace(VARIABLE, (_, k: keyof Variables) => vars[k]) as T
  if (Array.isArray(value)) return value.map(v => interpolate(v, vars)) as T
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = interpolate(v, vars)
    return out as T
  }
  return value
}
