import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a,b}from"./chunk-VLSKRLPY.js";import"./chunk-ACUKNWJ3.js";import"./chunk-OEMBDX5F.js";import"./chunk-CFYSPSRP.js";import"./chunk-RZZCSMSZ.js";import"./chunk-72CTJEGN.js";export{b as check,a as seconds};
