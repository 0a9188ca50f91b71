import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./shared-checks-coverage-exclude.js";import"./shared-picomatch.js";import"./shared-esbuild-runtime.js";export{a as excluder};
