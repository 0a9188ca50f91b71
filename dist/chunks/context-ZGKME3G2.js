import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./chunk-XAUXCYNL.js";import"./chunk-QYMSZ5BS.js";import"./chunk-CFYSPSRP.js";import"./chunk-RZZCSMSZ.js";import"./chunk-72CTJEGN.js";export{a as readEventContext};
