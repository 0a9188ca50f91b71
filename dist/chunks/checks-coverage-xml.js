import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a,b}from"./shared-checks-coverage-xml.js";import"./shared-checks-coverage-errors.js";import"./shared-esbuild-runtime.js";export{a as XmlCoverageParser,b as parseXml};
