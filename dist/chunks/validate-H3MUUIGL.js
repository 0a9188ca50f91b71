import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a as e,b as r}from"./chunk-POK7B5JT.js";import"./chunk-CZMMMKGC.js";import"./chunk-FQNMSLLN.js";import"./chunk-ICD52I3T.js";import"./chunk-SNEMZT6V.js";import"./chunk-G6RPWQHZ.js";import"./chunk-RXS5UIBY.js";import"./chunk-O4CLSNQ3.js";import"./chunk-72CTJEGN.js";async function a(s,t,o){let n=e(await r(s,t),t,{root:s}),i=n.items.length;return o(`${t}: valid (${i} item${i===1?"":"s"} in ${n.sections.length} section${n.sections.length===1?"":"s"})
`),0}export{a as validateCommand};
