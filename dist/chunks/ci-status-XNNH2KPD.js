import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a,b}from"./chunk-LCOG3H74.js";import"./chunk-IYB3EBTT.js";import"./chunk-LS7FAFMK.js";import"./chunk-JEWR65FY.js";import"./chunk-C5EYIUCU.js";import"./chunk-72CTJEGN.js";export{b as check,a as seconds};
