// What the bundle puts in place of undici for @actions/github/lib/internal/utils.js (scripts/build.mjs,
// plugin `unused-proxy`, reads this file; __tests__/helpers/resolver.cjs resolves to it for the tests): loaded on first use only.
export async function fetch(url, init) {
  return (await import('undici')).fetch(url, init)
}
