import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a as e,c as r}from"./chunk-WFJOYX6N.js";import"./chunk-CZMMMKGC.js";import"./chunk-FQNMSLLN.js";import"./chunk-OT2PC4OM.js";import"./chunk-SNEMZT6V.js";import"./chunk-ISVBIXRS.js";import"./chunk-RZZCSMSZ.js";import"./chunk-72CTJEGN.js";async function a(s,t,o){let n=e(await r(s,t),t,{root:s}),i=n.items.length;return o(`${t}: valid (${i} item${i===1?"":"s"} in ${n.sections.length} section${n.sections.length===1?"":"s"})
`),0}export{a as validateCommand};
