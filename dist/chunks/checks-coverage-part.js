import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{b as a,c as b,d as c}from"./shared-checks-coverage-part.js";import"./shared-checks-coverage-errors.js";import"./shared-esbuild-runtime.js";export{c as fromWire,a as parsePart,b as toWire};
