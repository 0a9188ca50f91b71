import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./chunk-CJLRA5ZV.js";import"./chunk-KAPMOUIO.js";import"./chunk-72CTJEGN.js";export{a as toSarif};
