#!/usr/bin/env node
import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a as k}from"./chunks/chunk-SE5BV6GJ.js";import{e as f,h as o,i as l}from"./chunks/chunk-O4CLSNQ3.js";import"./chunks/chunk-72CTJEGN.js";import{parseArgs as y}from"node:util";var b=`go-live-gate: a go-live checklist as code, verified before the release ships.

Usage:
  go-live-gate check    [--checklist PATH] [--json FILE] [--markdown FILE] [--sarif FILE] [--mode enforce|report]
                        [--evidence FILE [--subjects GLOB]...]
  go-live-gate validate [--checklist PATH]
  go-live-gate init     [--checklist PATH] [--force]
  go-live-gate import   CHECKLIST.md [--name NAME]
  go-live-gate verify-evidence FILE [--commit SHA] [--checklist PATH]
  go-live-gate merge    REPORT.json... [--json FILE] [--markdown FILE] [--mode enforce|report]

Options:
  -c, --checklist PATH   checklist file (default .github/go-live.yml)
  -C, --cwd DIR          repository root (default: the current directory)
      --json FILE        write the JSON report ('-' for standard output)
      --markdown FILE    write the markdown report (the job summary)
      --sarif FILE       write secret findings as SARIF 2.1.0
      --evidence FILE    write the decision as an in-toto Statement v1 (sign it with actions/attest)
      --subjects GLOB    release artifacts whose sha256 goes into the evidence (repeatable)
      --commit SHA       verify-evidence: the commit the statement must be for
      --mode MODE        enforce (default): exit 1 when the gate fails; report: always exit 0
      --no-color         no colour even on a terminal
  -h, --help             this help
  -v, --version          the version

Exit codes: 0 the gate passed (or report mode), 1 it failed, 2 the checklist or the command line is wrong.
GitHub checks (approvals, manual, ci-status, workflow, dependabot) use GITHUB_TOKEN and GITHUB_REPOSITORY.`;async function E(e){try{let{values:t,positionals:w}=y({args:e.argv,allowPositionals:!0,strict:!0,options:{checklist:{type:"string",short:"c"},cwd:{type:"string",short:"C"},json:{type:"string"},markdown:{type:"string"},sarif:{type:"string"},evidence:{type:"string"},subjects:{type:"string",multiple:!0},commit:{type:"string"},mode:{type:"string"},name:{type:"string"},force:{type:"boolean"},"no-color":{type:"boolean"},help:{type:"boolean",short:"h"},version:{type:"boolean",short:"v"}}});if(t.help)return e.stdout(b+`
`),0;if(t.version)return e.stdout(k+`
`),0;let[i,...s]=w,{resolve:c}=await import("node:path"),p=c(e.cwd,t.cwd??"."),u=t.checklist??".github/go-live.yml",a=r=>{if(s.length!==r)throw new o(`'${i}' takes ${r===0?"no":r} argument${r===1?"":"s"}`)};switch(i){case"check":{a(0);let r=t.mode??"enforce";if(r!=="enforce"&&r!=="report")throw new o(`--mode must be enforce or report, not '${r}'`);let{checkCommand:d}=await import("./chunks/check-5P6PFV5A.js");return await d({root:p,cwd:e.cwd,checklist:u,mode:r,json:t.json,markdown:t.markdown,sarif:t.sarif,evidence:t.evidence,subjects:t.subjects??[],env:e.env,stdout:e.stdout,stderr:e.stderr,color:e.color&&!t["no-color"]})}case"validate":{a(0);let{validateCommand:r}=await import("./chunks/validate-H3MUUIGL.js");return await r(p,u,e.stdout)}case"init":{a(0);let{initCommand:r}=await import("./chunks/init-Y4GWODTN.js");return await r(p,u,!!t.force,e.stdout)}case"import":{a(1);let{importCommand:r}=await import("./chunks/import-IAPGB6DW.js");return await r(c(e.cwd,s[0]),t.name,e.stdout)}case"verify-evidence":{a(1);let{readRegularFile:r,verifyEvidence:d}=await import("./chunks/verify-evidence-Y2AM2NM3.js"),g=c(e.cwd,s[0]),m=t.checklist===void 0?void 0:c(e.cwd,t.checklist),n=d(await r(g,"evidence"),s[0],{commit:t.commit,checklist:m?{path:t.checklist,bytes:await r(m,"checklist")}:void 0});return(n.code===2?e.stderr:e.stdout)(n.lines.join(`
`)+`
`),n.code}case"merge":{if(s.length===0)throw new o("'merge' takes the JSON reports to join");let r=t.mode??"enforce";if(r!=="enforce"&&r!=="report")throw new o(`--mode must be enforce or report, not '${r}'`);let{mergeCommand:d}=await import("./chunks/merge-EQ253FRK.js"),{mkdir:g,writeFile:m}=await import("node:fs/promises");return await d({reports:s,cwd:e.cwd,mode:r,json:t.json,markdown:t.markdown,stdout:e.stdout,stderr:e.stderr,color:e.color&&!t["no-color"],write:async(n,h)=>{if(n==="-")return e.stdout(h);let v=c(e.cwd,n);await g((await import("node:path")).dirname(v),{recursive:!0}),await m(v,h)}})}case void 0:throw new o("a command is needed: check, validate, init, import or merge");default:throw new o(`unknown command '${i}': use check, validate, init, import or merge`)}}catch(t){return t instanceof f?(e.stderr(t.problems.map(i=>i.toString()).join(`
`)+`
`),2):t instanceof o||t.code?.startsWith("ERR_PARSE_ARGS")?(e.stderr(`go-live-gate: ${l(t)}
Run 'go-live-gate --help' for usage.
`),2):t.name==="MissingChecklistError"?(e.stderr(`go-live-gate: ${l(t)}
`),2):(e.stderr(`go-live-gate: internal error: ${l(t)}
`),1)}}var O=!!process.stdout.isTTY&&!process.env.NO_COLOR&&process.env.TERM!=="dumb";process.exitCode=await E({argv:process.argv.slice(2),cwd:process.cwd(),env:process.env,stdout:e=>process.stdout.write(e),stderr:e=>process.stderr.write(e),color:O||!!(process.env.FORCE_COLOR&&process.env.FORCE_COLOR!=="0")});
