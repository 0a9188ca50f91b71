import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
function i(n,r=500){let e=n.replace(/\s+/g," ").trim();return e.length>r?`${e.slice(0,r-1)}\u2026`:e}function t(n,r=[]){return n===void 0?[...r]:Array.isArray(n)?[...n]:[n]}export{i as a,t as b};
