import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
function i(o,e){return new Promise(r=>{if(e?.aborted)return r();let t=()=>{clearTimeout(n),e?.removeEventListener("abort",t),r()},n=setTimeout(t,o);e?.addEventListener("abort",t,{once:!0})})}export{i as a};
