import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./shared-local-event.js";import"./shared-git.js";import"./shared-errors.js";import"./shared-esbuild-runtime.js";export{a as localEvent};
