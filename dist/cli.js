#!/usr/bin/env node
import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a as v}from"./chunks/chunk-R7NXWMZT.js";import{e as g,h as o,i as a}from"./chunks/chunk-O4CLSNQ3.js";import"./chunks/chunk-72CTJEGN.js";import{parseArgs as k}from"node:util";var E=`go-live-gate: a go-live checklist as code, verified before the release ships.

Usage:
  go-live-gate check    [--checklist PATH] [--json FILE] [--markdown FILE] [--sarif FILE] [--mode enforce|report]
                        [--evidence FILE [--subjects GLOB]...]
  go-live-gate validate [--checklist PATH]
  go-live-gate init     [--checklist PATH] [--force]
  go-live-gate import   CHECKLIST.md [--name NAME]
  go-live-gate verify-evidence FILE [--commit SHA] [--checklist PATH]

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
GitHub checks (approvals, manual, ci-status, workflow, dependabot) use GITHUB_TOKEN and GITHUB_REPOSITORY.`;async function w(t){try{let{values:e,positionals:h}=k({args:t.argv,allowPositionals:!0,strict:!0,options:{checklist:{type:"string",short:"c"},cwd:{type:"string",short:"C"},json:{type:"string"},markdown:{type:"string"},sarif:{type:"string"},evidence:{type:"string"},subjects:{type:"string",multiple:!0},commit:{type:"string"},mode:{type:"string"},name:{type:"string"},force:{type:"boolean"},"no-color":{type:"boolean"},help:{type:"boolean",short:"h"},version:{type:"boolean",short:"v"}}});if(e.help)return t.stdout(E+`
`),0;if(e.version)return t.stdout(v+`
`),0;let[s,...i]=h,{resolve:c}=await import("node:path"),d=c(t.cwd,e.cwd??"."),l=e.checklist??".github/go-live.yml",n=r=>{if(i.length!==r)throw new o(`'${s}' takes ${r===0?"no":r} argument${r===1?"":"s"}`)};switch(s){case"check":{n(0);let r=e.mode??"enforce";if(r!=="enforce"&&r!=="report")throw new o(`--mode must be enforce or report, not '${r}'`);let{checkCommand:m}=await import("./chunks/check-7NV3KBMZ.js");return await m({root:d,cwd:t.cwd,checklist:l,mode:r,json:e.json,markdown:e.markdown,sarif:e.sarif,evidence:e.evidence,subjects:e.subjects??[],env:t.env,stdout:t.stdout,stderr:t.stderr,color:t.color&&!e["no-color"]})}case"validate":{n(0);let{validateCommand:r}=await import("./chunks/validate-GTVULP6M.js");return await r(d,l,t.stdout)}case"init":{n(0);let{initCommand:r}=await import("./chunks/init-Y4GWODTN.js");return await r(d,l,!!e.force,t.stdout)}case"import":{n(1);let{importCommand:r}=await import("./chunks/import-IAPGB6DW.js");return await r(c(t.cwd,i[0]),e.name,t.stdout)}case"verify-evidence":{n(1);let{readRegularFile:r,verifyEvidence:m}=await import("./chunks/verify-evidence-VUKYZ2SZ.js"),f=c(t.cwd,i[0]),u=e.checklist===void 0?void 0:c(t.cwd,e.checklist),p=m(await r(f,"evidence"),i[0],{commit:e.commit,checklist:u?{path:e.checklist,bytes:await r(u,"checklist")}:void 0});return(p.code===2?t.stderr:t.stdout)(p.lines.join(`
`)+`
`),p.code}case void 0:throw new o("a command is needed: check, validate, init or import");default:throw new o(`unknown command '${s}': use check, validate, init or import`)}}catch(e){return e instanceof g?(t.stderr(e.problems.map(s=>s.toString()).join(`
`)+`
`),2):e instanceof o||e.code?.startsWith("ERR_PARSE_ARGS")?(t.stderr(`go-live-gate: ${a(e)}
Run 'go-live-gate --help' for usage.
`),2):e.name==="MissingChecklistError"?(t.stderr(`go-live-gate: ${a(e)}
`),2):(t.stderr(`go-live-gate: internal error: ${a(e)}
`),1)}}var y=!!process.stdout.isTTY&&!process.env.NO_COLOR&&process.env.TERM!=="dumb";process.exitCode=await w({argv:process.argv.slice(2),cwd:process.cwd(),env:process.env,stdout:t=>process.stdout.write(t),stderr:t=>process.stderr.write(t),color:y||!!(process.env.FORCE_COLOR&&process.env.FORCE_COLOR!=="0")});
