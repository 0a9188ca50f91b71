import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./shared-undici.js";import"./shared-esbuild-runtime.js";export default a();
