import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./chunk-SUWIKVO6.js";import"./chunk-WX5OB7MW.js";import"./chunk-2HSCS4LI.js";import"./chunk-RZZCSMSZ.js";import"./chunk-72CTJEGN.js";export{a as readEventContext};
