import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./shared-report-sarif.js";import"./shared-checks-secrets-checksums.js";import"./shared-esbuild-runtime.js";export{a as toSarif};
