import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./chunk-TXDZMKHJ.js";import"./chunk-XMA72MDK.js";import"./chunk-4P4BUYNG.js";import"./chunk-O4CLSNQ3.js";import"./chunk-72CTJEGN.js";export{a as readEventContext};
