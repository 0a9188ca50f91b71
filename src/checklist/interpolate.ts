export interface Variables {
  release: string
  name: string
}

const VARIABLE = /\$\{(release|version|name)\}/g

/** The release without its leading `v` (`v1.4.2` -> `1.4.2`), as GoReleaser's `.Version`; else the release. */
export function versionOf(release: string): string {
  return /^[vV]\d/.test(release) ? release.slice(1) : release
}

/**
 * Replaces `${release}`, `${version}` (the release without a leading v) and `${name}` in every string of a
 * value; nothing else is interpolated.
 */
export function interpolate<T>(value: T, vars: Variables): T {
  if (typeof value === 'string')
    return value.replace(VARIABLE, (_, k: keyof Variables | 'version') =>
      k === 'version' ? versionOf(vars.release) : vars[k]
    ) as T
  if (Array.isArray(value)) return value.map(v => interpolate(v, vars)) as T
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = interpolate(v, vars)
    return out as T
  }
  return value
}
