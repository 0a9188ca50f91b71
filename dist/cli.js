#!/usr/bin/env node
import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{b as p,e as o,f as i}from"./chunks/chunk-RZZCSMSZ.js";import"./chunks/chunk-72CTJEGN.js";import{parseArgs as h}from"node:util";var w=`go-live-gate: a go-live checklist as code, verified before the release ships.

Usage:
  go-live-gate check    [--checklist PATH] [--json FILE] [--markdown FILE] [--sarif FILE] [--mode enforce|report]
  go-live-gate validate [--checklist PATH]
  go-live-gate init     [--checklist PATH] [--force]
  go-live-gate import   CHECKLIST.md [--name NAME]

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
GitHub checks (approvals, manual, ci-status, workflow, dependabot) use GITHUB_TOKEN and GITHUB_REPOSITORY.`,v="0.1.0";async function g(e){try{let{values:t,positionals:d}=h({args:e.argv,allowPositionals:!0,strict:!0,options:{checklist:{type:"string",short:"c"},cwd:{type:"string",short:"C"},json:{type:"string"},markdown:{type:"string"},sarif:{type:"string"},mode:{type:"string"},name:{type:"string"},force:{type:"boolean"},"no-color":{type:"boolean"},help:{type:"boolean",short:"h"},version:{type:"boolean",short:"v"}}});if(t.help)return e.stdout(w+`
`),0;if(t.version)return e.stdout(v+`
`),0;let[s,...l]=d,{resolve:m}=await import("node:path"),a=m(e.cwd,t.cwd??"."),c=t.checklist??".github/go-live.yml",n=r=>{if(l.length!==r)throw new o(`'${s}' takes ${r===0?"no":r} argument${r===1?"":"s"}`)};switch(s){case"check":{n(0);let r=t.mode??"enforce";if(r!=="enforce"&&r!=="report")throw new o(`--mode must be enforce or report, not '${r}'`);let{checkCommand:u}=await import("./chunks/check-AER5CSGF.js");return await u({root:a,cwd:e.cwd,checklist:c,mode:r,json:t.json,markdown:t.markdown,sarif:t.sarif,env:e.env,stdout:e.stdout,stderr:e.stderr,color:e.color&&!t["no-color"]})}case"validate":{n(0);let{validateCommand:r}=await import("./chunks/validate-QOMQAFPE.js");return await r(a,c,e.stdout)}case"init":{n(0);let{initCommand:r}=await import("./chunks/init-IAICDOMX.js");return await r(a,c,!!t.force,e.stdout)}case"import":{n(1);let{importCommand:r}=await import("./chunks/import-3G67C4UO.js");return await r(m(e.cwd,l[0]),t.name,e.stdout)}case void 0:throw new o("a command is needed: check, validate, init or import");default:throw new o(`unknown command '${s}': use check, validate, init or import`)}}catch(t){return t instanceof p?(e.stderr(t.problems.map(s=>s.toString()).join(`
`)+`
`),2):t instanceof o||t.code?.startsWith("ERR_PARSE_ARGS")?(e.stderr(`go-live-gate: ${i(t)}
Run 'go-live-gate --help' for usage.
`),2):t.name==="MissingChecklistError"?(e.stderr(`go-live-gate: ${i(t)}
`),2):(e.stderr(`go-live-gate: internal error: ${i(t)}
`),1)}}var f=!!process.stdout.isTTY&&!process.env.NO_COLOR&&process.env.TERM!=="dumb";process.exitCode=await g({argv:process.argv.slice(2),cwd:process.cwd(),env:process.env,stdout:e=>process.stdout.write(e),stderr:e=>process.stderr.write(e),color:f||!!(process.env.FORCE_COLOR&&process.env.FORCE_COLOR!=="0")});
