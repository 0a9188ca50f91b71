import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./chunk-FJEXH23G.js";import"./chunk-LS7FAFMK.js";import"./chunk-JEWR65FY.js";import"./chunk-C5EYIUCU.js";import"./chunk-72CTJEGN.js";export{a as readEventContext};
