import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./chunk-NUPMI3JR.js";import"./chunk-PZDUGRSP.js";import"./chunk-72CTJEGN.js";export{a as toSarif};
