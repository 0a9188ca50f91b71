import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./shared-commands-output.js";import"./shared-esbuild-runtime.js";export{a as writeOutput};
