import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
function s(e){return{version:1,checklist:e.checklist,stage:e.stage,result:e.verdict,counts:e.counts,items:e.items.map(t=>({id:t.id,section:t.section,title:t.title,check:t.check,severity:t.severity,status:t.status,summary:t.summary,details:t.details,durationMs:t.durationMs}))}}export{s as a};
