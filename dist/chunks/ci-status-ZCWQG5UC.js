import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a,b}from"./chunk-RLOZ2BT5.js";import"./chunk-BSPXMVCY.js";import"./chunk-N3BZOM63.js";import"./chunk-4P4BUYNG.js";import"./chunk-O4CLSNQ3.js";import"./chunk-72CTJEGN.js";export{b as check,a as seconds};
