import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a,b,c}from"./shared-checks-coverage-part.js";import"./shared-checks-coverage-xml.js";import"./shared-checks-coverage-errors.js";import"./shared-esbuild-runtime.js";export{c as fromWire,a as parsePart,b as toWire};
