import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a,b,c,d,e}from"./chunk-LRJU7JVB.js";import"./chunk-SNEMZT6V.js";import"./chunk-O4CLSNQ3.js";import"./chunk-72CTJEGN.js";export{a as MAX_READ_BYTES,b as UnreadableFileError,e as Workspace,d as pathProblem,c as readRegularFile};
