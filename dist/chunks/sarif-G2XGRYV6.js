import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./chunk-WTUWJGW6.js";import"./chunk-27I324QH.js";import"./chunk-72CTJEGN.js";export{a as toSarif};
