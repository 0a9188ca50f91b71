import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{g as a,h as b}from"./shared-checks-coverage-evaluate.js";import"./shared-checks-coverage-errors.js";import"./shared-wasm.js";import"./shared-text.js";import"./shared-esbuild-runtime.js";export{a as PathHashes,b as scanSegments};
