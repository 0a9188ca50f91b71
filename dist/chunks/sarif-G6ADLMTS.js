import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./chunk-ADHBGLME.js";import"./chunk-T2K7N2IL.js";import"./chunk-72CTJEGN.js";export{a as toSarif};
