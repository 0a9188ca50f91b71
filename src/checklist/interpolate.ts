export interface Variables {
  release: string
  name: string
}

const VARIABLE = /\$\{(release|version|name)\}/g

/** How an interpolated value is written into its string: as it is, or escaped for a regex or a glob. */
export type Escape = (text: string) => string
const asIs: Escape = text => text

/** The release without its leading `v` (`v1.4.2` -> `1.4.2`), as GoReleaser's `.Version`; else the release. */
export function versionOf(release: string): string {
  return /^[vV]\d/.test(release) ? release.slice(1) : release
}

/**
 * Replaces `${release}`, `${version}` (the release without a leading v) and `${name}` in every string of a
 * value; nothing else is interpolated. `escape` makes the values literal text where the string is a pattern
 * (the release is a branch name the pusher chose).
 */
export function interpolate<T>(value: T, vars: Variables, escape: Escape = asIs): T {
  if (typeof value === 'string')
    return value.replace(VARIABLE, (_, k: string) =>
      escape(k === 'release' ? vars.release : k === 'version' ? versionOf(vars.release) : vars.name)
    ) as T
  if (Array.isArray(value)) return value.map(v => interpolate(v, vars, escape)) as T
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    // defineProperty: a key `__proto__` stays a key, it does not set the prototype
    for (const [k, v] of Object.entries(value))
      Object.defineProperty(out, k, {
        value: interpolate(v, vars, escape),
        enumerable: true,
        writable: true,
        configurable: true
      })
    return out as T
  }
  return value
}

/** Glob syntax made literal (picomatch / tinyglobby read a backslash as an escape). */
export function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]{}()!+@|]/g, '\\$&')
}
