import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./chunk-RROZB27K.js";import"./chunk-ZW7APVCP.js";import"./chunk-72CTJEGN.js";export{a as toSarif};
