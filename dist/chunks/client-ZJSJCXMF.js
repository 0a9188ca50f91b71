import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{c as a,d as b,e as c,f as d,g as e}from"./chunk-4P4BUYNG.js";import"./chunk-O4CLSNQ3.js";import"./chunk-72CTJEGN.js";export{c as apiError,d as call,a as createGitHubClient,b as isForbidden,e as statusOf};
