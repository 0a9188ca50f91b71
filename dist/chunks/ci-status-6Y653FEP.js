import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a,b}from"./chunk-7VINE2P5.js";import"./chunk-QWG26NRH.js";import"./chunk-ACUKNWJ3.js";import"./chunk-WX5OB7MW.js";import"./chunk-2HSCS4LI.js";import"./chunk-RZZCSMSZ.js";import"./chunk-72CTJEGN.js";export{b as check,a as seconds};
