import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a,b,c,d}from"./chunk-JKRFI4R5.js";import"./chunk-DCI4MDFU.js";import"./chunk-VYLOJLQY.js";import"./chunk-O4CLSNQ3.js";import"./chunk-72CTJEGN.js";export{b as mergeReports,a as readServiceReport,d as servicesTable,c as toMergedJson};
