import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a,b,c,d,e}from"./shared-report-evidence.js";import"./shared-report-json.js";import"./shared-esbuild-runtime.js";export{b as PREDICATE_TYPE,a as STATEMENT_TYPE,e as buildEvidence,d as peopleOf,c as sha256};
