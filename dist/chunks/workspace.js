import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a,b,c,d,e}from"./shared-workspace.js";import"./shared-picomatch.js";import"./shared-errors.js";import"./shared-esbuild-runtime.js";export{a as MAX_READ_BYTES,b as UnreadableFileError,e as Workspace,d as pathProblem,c as readRegularFile};
