import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{existsSync as e}from"node:fs";function i(n){for(let t of[`../${n}`,`./${n}`]){let r=new URL(t,import.meta.url);if(r.protocol==="file:"&&e(r))return r}}export{i as a};
