import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a}from"./shared-git.js";async function f(n){let t={name:"local"},[r,s]=await Promise.allSettled([a(["rev-parse","HEAD","--abbrev-ref","HEAD"],n),a(["tag","--points-at","HEAD"],n)]);if(r.status==="rejected")return t;let[i,e]=r.value.split(`
`).map(o=>o.trim());i&&(t.sha=i),e&&e!=="HEAD"&&(t.branch=e);let l=s.status==="fulfilled"?s.value.trim().split(`
`)[0]:void 0;return l&&(t.tag=l),t}export{f as a};
