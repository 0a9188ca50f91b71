import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./chunk-XV5HRDWS.js";import"./chunk-DS7XTEPX.js";import"./chunk-72CTJEGN.js";export{a as toSarif};
