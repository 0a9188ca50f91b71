// What the bundle puts in place of undici for @actions/github/lib/internal/utils.js (scripts/build.mjs,
// plugin `unused-proxy`; __tests__/helpers/resolver.cjs does the same for the tests): loaded on first use only.
export async function fetch(url, init) {
  return (await import('undici')).fetch(url, init)
}
