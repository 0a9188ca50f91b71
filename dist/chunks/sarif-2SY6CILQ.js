import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./chunk-QNREE37E.js";import"./chunk-X6CDOQIV.js";import"./chunk-72CTJEGN.js";export{a as toSarif};
