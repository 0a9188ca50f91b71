// `exclude` of the coverage kind, apart so that a reader that excludes nothing loads no picomatch.
import picomatch from 'picomatch'

/**
 * `exclude` matched against the repository-relative path; a path the checkout does not have (a report
 * from another machine, a generated file) is matched by each of its tails, so `generated/**` leaves out
 * `/builds/other/generated/c.js`.
 */
export function excluder(globs: string[]): (file: string) => boolean {
  if (globs.length === 0) return () => false
  const match = picomatch(globs, { dot: true })
  return file => {
    if (match(file)) return true
    if (!file.startsWith('/') && !file.startsWith('../') && !/^[A-Za-z]:\//.test(file)) return false
    const parts = file.split('/').filter(Boolean)
    for (let i = 1; i < parts.length; i++) if (match(parts.slice(i).join('/'))) return true
    return false
  }
}
