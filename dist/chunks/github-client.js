import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{c as a,d as b,e as c,f as d,g as e,h as f}from"./shared-github-client.js";import"./shared-errors.js";import"./shared-esbuild-runtime.js";export{d as apiError,e as call,b as createGitHubClient,c as isForbidden,f as statusOf,a as testTimeUnit};
