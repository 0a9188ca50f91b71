import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a,b}from"./shared-report-write-file.js";import"./shared-errors.js";import"./shared-esbuild-runtime.js";export{a as checkReportFile,b as writeReportFile};
