#!/usr/bin/env node
import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{b as h,e as o,f as i}from"./chunks/chunk-RZZCSMSZ.js";import"./chunks/chunk-72CTJEGN.js";import{parseArgs as E}from"node:util";var y=`go-live-gate: a go-live checklist as code, verified before the release ships.

Usage:
  go-live-gate check    [--checklist PATH] [--json FILE] [--markdown FILE] [--sarif FILE] [--mode enforce|report]
  go-live-gate validate [--checklist PATH]
  go-live-gate init     [--checklist PATH] [--force]
  go-live-gate import   CHECKLIST.md [--name NAME]
  go-live-gate merge    REPORT.json... [--json FILE] [--markdown FILE] [--mode enforce|report]

Options:
  -c, --checklist PATH   checklist file (default .github/go-live.yml)
  -C, --cwd DIR          repository root (default: the current directory)
      --json FILE        write the JSON report ('-' for standard output)
      --markdown FILE    write the markdown report (the job summary)
      --sarif FILE       write secret findings as SARIF 2.1.0
      --mode MODE        enforce (default): exit 1 when the gate fails; report: always exit 0
      --no-color         no colour even on a terminal
  -h, --help             this help
  -v, --version          the version

Exit codes: 0 the gate passed (or report mode), 1 it failed, 2 the checklist or the command line is wrong.
GitHub checks (approvals, manual, ci-status, workflow, dependabot) use GITHUB_TOKEN and GITHUB_REPOSITORY.`,O="0.1.0";async function f(e){try{let{values:t,positionals:p}=E({args:e.argv,allowPositionals:!0,strict:!0,options:{checklist:{type:"string",short:"c"},cwd:{type:"string",short:"C"},json:{type:"string"},markdown:{type:"string"},sarif:{type:"string"},mode:{type:"string"},name:{type:"string"},force:{type:"boolean"},"no-color":{type:"boolean"},help:{type:"boolean",short:"h"},version:{type:"boolean",short:"v"}}});if(t.help)return e.stdout(y+`
`),0;if(t.version)return e.stdout(O+`
`),0;let[s,...n]=p,{resolve:c}=await import("node:path"),d=c(e.cwd,t.cwd??"."),l=t.checklist??".github/go-live.yml",a=r=>{if(n.length!==r)throw new o(`'${s}' takes ${r===0?"no":r} argument${r===1?"":"s"}`)};switch(s){case"check":{a(0);let r=t.mode??"enforce";if(r!=="enforce"&&r!=="report")throw new o(`--mode must be enforce or report, not '${r}'`);let{checkCommand:m}=await import("./chunks/check-3IPXZWWC.js");return await m({root:d,cwd:e.cwd,checklist:l,mode:r,json:t.json,markdown:t.markdown,sarif:t.sarif,env:e.env,stdout:e.stdout,stderr:e.stderr,color:e.color&&!t["no-color"]})}case"validate":{a(0);let{validateCommand:r}=await import("./chunks/validate-STJT25LZ.js");return await r(d,l,e.stdout)}case"init":{a(0);let{initCommand:r}=await import("./chunks/init-IAICDOMX.js");return await r(d,l,!!t.force,e.stdout)}case"import":{a(1);let{importCommand:r}=await import("./chunks/import-3G67C4UO.js");return await r(c(e.cwd,n[0]),t.name,e.stdout)}case"merge":{if(n.length===0)throw new o("'merge' takes the JSON reports to join");let r=t.mode??"enforce";if(r!=="enforce"&&r!=="report")throw new o(`--mode must be enforce or report, not '${r}'`);let{mergeCommand:m}=await import("./chunks/merge-G4AX2OBI.js"),{mkdir:v,writeFile:k}=await import("node:fs/promises");return await m({reports:n,cwd:e.cwd,mode:r,json:t.json,markdown:t.markdown,stdout:e.stdout,stderr:e.stderr,color:e.color&&!t["no-color"],write:async(g,w)=>{if(g==="-")return e.stdout(w);let u=c(e.cwd,g);await v((await import("node:path")).dirname(u),{recursive:!0}),await k(u,w)}})}case void 0:throw new o("a command is needed: check, validate, init, import or merge");default:throw new o(`unknown command '${s}': use check, validate, init, import or merge`)}}catch(t){return t instanceof h?(e.stderr(t.problems.map(s=>s.toString()).join(`
`)+`
`),2):t instanceof o||t.code?.startsWith("ERR_PARSE_ARGS")?(e.stderr(`go-live-gate: ${i(t)}
Run 'go-live-gate --help' for usage.
`),2):t.name==="MissingChecklistError"?(e.stderr(`go-live-gate: ${i(t)}
`),2):(e.stderr(`go-live-gate: internal error: ${i(t)}
`),1)}}var C=!!process.stdout.isTTY&&!process.env.NO_COLOR&&process.env.TERM!=="dumb";process.exitCode=await f({argv:process.argv.slice(2),cwd:process.cwd(),env:process.env,stdout:e=>process.stdout.write(e),stderr:e=>process.stderr.write(e),color:C||!!(process.env.FORCE_COLOR&&process.env.FORCE_COLOR!=="0")});
