// What the bundle puts in place of @actions/http-client for @actions/github/lib/internal/utils.js
// (scripts/build.mjs, plugin `unused-proxy`, reads this file; __tests__/helpers/resolver.cjs resolves to it for the tests).
export class HttpClient {
  getAgent() {
    return undefined
  }
  getAgentDispatcher() {
    return undefined
  }
}
