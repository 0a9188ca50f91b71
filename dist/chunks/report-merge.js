import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a,b,c,d}from"./shared-report-merge.js";import"./shared-checks-types.js";import"./shared-report-markdown.js";import"./shared-errors.js";import"./shared-esbuild-runtime.js";export{b as mergeReports,a as readServiceReport,d as servicesTable,c as toMergedJson};
