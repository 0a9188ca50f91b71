import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a,b,c,d,e}from"./chunk-TP3YQFIA.js";import"./chunk-AVMCZQRN.js";import"./chunk-72CTJEGN.js";export{b as PREDICATE_TYPE,a as STATEMENT_TYPE,e as buildEvidence,d as peopleOf,c as sha256};
