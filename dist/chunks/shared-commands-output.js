import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{mkdir as a,writeFile as n}from"node:fs/promises";import e from"node:path";async function g(o,r,i,s){if(r==="-")return s(i);let t=e.resolve(o,r);await a(e.dirname(t),{recursive:!0}),await n(t,i)}export{g as a};
