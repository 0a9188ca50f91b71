import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./chunk-PFLGPYG7.js";import"./chunk-HS3PO2WL.js";import"./chunk-72CTJEGN.js";export{a as toSarif};
