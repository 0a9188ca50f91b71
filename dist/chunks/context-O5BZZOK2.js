import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./chunk-FLML2HAM.js";import"./chunk-7OFE7WDE.js";import"./chunk-CFYSPSRP.js";import"./chunk-RZZCSMSZ.js";import"./chunk-72CTJEGN.js";export{a as readEventContext};
