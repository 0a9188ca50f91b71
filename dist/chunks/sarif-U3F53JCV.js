import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./chunk-TKRP6IG7.js";import"./chunk-NHAAS7EX.js";import"./chunk-72CTJEGN.js";export{a as toSarif};
