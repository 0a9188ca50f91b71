import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./chunk-BVOSL3F5.js";import"./chunk-NVLBGZOO.js";import"./chunk-72CTJEGN.js";export{a as toSarif};
