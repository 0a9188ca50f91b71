import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./shared-github-context.js";import"./shared-github-reads.js";import"./shared-github-client.js";import"./shared-errors.js";import"./shared-esbuild-runtime.js";export{a as readEventContext};
