import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./chunk-HCAGU3DN.js";import"./chunk-KNJ7KWP4.js";import"./chunk-72CTJEGN.js";export{a as toSarif};
