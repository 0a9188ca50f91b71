import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./chunk-FIHFQASV.js";import"./chunk-Z72OEUO5.js";import"./chunk-72CTJEGN.js";export{a as toSarif};
