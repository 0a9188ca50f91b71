import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{b as e,c as r}from"./chunk-VMRPLWJJ.js";import"./chunk-FQNMSLLN.js";import"./chunk-CZMMMKGC.js";import"./chunk-S3KWFWOR.js";import"./chunk-SNEMZT6V.js";import"./chunk-NY7Q73WL.js";import"./chunk-C5EYIUCU.js";import"./chunk-72CTJEGN.js";async function a(n,t,o){let s=e(await r(n,t),t,{root:n}),i=s.items.length;return o(`${t}: valid (${i} item${i===1?"":"s"} in ${s.sections.length} sections)
`),0}export{a as validateCommand};
