#!/usr/bin/env node
import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a as g}from"./chunks/chunk-7FKQWDNW.js";import{b as m,e as o,f as a}from"./chunks/chunk-RZZCSMSZ.js";import"./chunks/chunk-72CTJEGN.js";import{parseArgs as f}from"node:util";var v=`go-live-gate: a go-live checklist as code, verified before the release ships.

Usage:
  go-live-gate check    [--checklist PATH] [--json FILE] [--markdown FILE] [--sarif FILE] [--mode enforce|report]
                        [--repo OWNER/NAME --pr N]
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
      --repo OWNER/NAME  the GitHub repository of --pr (default GITHUB_REPOSITORY)
      --pr N             judge pull request N as the action would, read-only (needs GITHUB_TOKEN)
      --no-color         no colour even on a terminal
  -h, --help             this help
  -v, --version          the version

Exit codes: 0 the gate passed (or report mode), 1 it failed, 2 the checklist or the command line is wrong.
GitHub checks (approvals, manual, ci-status, workflow, dependabot) use GITHUB_TOKEN and GITHUB_REPOSITORY.`;async function h(t){try{let{values:e,positionals:p}=f({args:t.argv,allowPositionals:!0,strict:!0,options:{checklist:{type:"string",short:"c"},cwd:{type:"string",short:"C"},json:{type:"string"},markdown:{type:"string"},sarif:{type:"string"},repo:{type:"string"},pr:{type:"string"},mode:{type:"string"},name:{type:"string"},force:{type:"boolean"},"no-color":{type:"boolean"},help:{type:"boolean",short:"h"},version:{type:"boolean",short:"v"}}});if(e.help)return t.stdout(v+`
`),0;if(e.version)return t.stdout(g+`
`),0;let[s,...l]=p,{resolve:u}=await import("node:path"),c=u(t.cwd,e.cwd??"."),d=e.checklist??".github/go-live.yml",i=r=>{if(l.length!==r)throw new o(`'${s}' takes ${r===0?"no":r} argument${r===1?"":"s"}`)};switch(s){case"check":{i(0);let r=e.mode??"enforce";if(r!=="enforce"&&r!=="report")throw new o(`--mode must be enforce or report, not '${r}'`);let n=e.pr===void 0?void 0:Number(e.pr);if(n!==void 0&&!(Number.isInteger(n)&&n>0))throw new o(`--pr must be a pull request number, not '${e.pr}'`);if(e.repo!==void 0&&!/^[\w.-]+\/[\w.-]+$/.test(e.repo))throw new o(`--repo must be OWNER/NAME, not '${e.repo}'`);if(e.repo!==void 0&&n===void 0)throw new o("--repo goes with --pr N");let{checkCommand:w}=await import("./chunks/check-B3PTE5WR.js");return await w({root:c,cwd:t.cwd,checklist:d,mode:r,json:e.json,markdown:e.markdown,sarif:e.sarif,repo:e.repo,pr:n,env:t.env,stdout:t.stdout,stderr:t.stderr,color:t.color&&!e["no-color"]})}case"validate":{i(0);let{validateCommand:r}=await import("./chunks/validate-PDXMDQCU.js");return await r(c,d,t.stdout)}case"init":{i(0);let{initCommand:r}=await import("./chunks/init-IAICDOMX.js");return await r(c,d,!!e.force,t.stdout)}case"import":{i(1);let{importCommand:r}=await import("./chunks/import-3G67C4UO.js");return await r(u(t.cwd,l[0]),e.name,t.stdout)}case void 0:throw new o("a command is needed: check, validate, init or import");default:throw new o(`unknown command '${s}': use check, validate, init or import`)}}catch(e){return e instanceof m?(t.stderr(e.problems.map(s=>s.toString()).join(`
`)+`
`),2):e instanceof o||e.code?.startsWith("ERR_PARSE_ARGS")?(t.stderr(`go-live-gate: ${a(e)}
Run 'go-live-gate --help' for usage.
`),2):e.name==="MissingChecklistError"?(t.stderr(`go-live-gate: ${a(e)}
`),2):(t.stderr(`go-live-gate: internal error: ${a(e)}
`),1)}}var E=!!process.stdout.isTTY&&!process.env.NO_COLOR&&process.env.TERM!=="dumb";process.exitCode=await h({argv:process.argv.slice(2),cwd:process.cwd(),env:process.env,stdout:t=>process.stdout.write(t),stderr:t=>process.stderr.write(t),color:E||!!(process.env.FORCE_COLOR&&process.env.FORCE_COLOR!=="0")});
