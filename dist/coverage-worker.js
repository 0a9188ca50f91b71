import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{l as o,m as e}from"./chunks/chunk-7MMJEWKL.js";import"./chunks/chunk-72CTJEGN.js";import{parentPort as f,workerData as i}from"node:worker_threads";var s=f;if(s){let{report:t,...p}=await o(i),r=t&&e(t);s.postMessage({...p,wire:r},r?r.files.flatMap(a=>a[1]?[a[1].buffer]:[]):[])}
