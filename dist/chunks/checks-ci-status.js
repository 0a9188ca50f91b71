import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a,b}from"./shared-checks-ci-status.js";import"./shared-sleep.js";import"./shared-checks-github.js";import"./shared-github-reads.js";import"./shared-github-client.js";import"./shared-errors.js";import"./shared-esbuild-runtime.js";export{b as check,a as seconds};
