import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./chunk-5R2KHUPD.js";import"./chunk-DT32ZY72.js";import"./chunk-72CTJEGN.js";export{a as toSarif};
