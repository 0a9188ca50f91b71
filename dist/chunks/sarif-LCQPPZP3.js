import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./chunk-5PSOXK3Z.js";import"./chunk-W4MYDNQL.js";import"./chunk-72CTJEGN.js";export{a as toSarif};
