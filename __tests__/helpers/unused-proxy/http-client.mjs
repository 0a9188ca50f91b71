// What the bundle puts in place of @actions/http-client for @actions/github/lib/internal/utils.js
// (scripts/build.mjs, plugin `unused-proxy`; __tests__/helpers/resolver.cjs does the same for the tests).
export class HttpClient {
  getAgent() {
    return undefined
  }
  getAgentDispatcher() {
    return undefined
  }
}
