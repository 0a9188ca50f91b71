#!/usr/bin/env node
import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a as f}from"./chunks/shared-version.js";import{e as w,h as o,i as u}from"./chunks/shared-errors.js";import"./chunks/shared-esbuild-runtime.js";import{parseArgs as E}from"node:util";var k=`go-live-gate: a go-live checklist as code, verified before the release ships.

Usage:
  go-live-gate check    [--checklist PATH] [--stage NAME] [--json FILE] [--markdown FILE] [--sarif FILE] [--junit FILE]
                        [--mode enforce|report] [--evidence FILE [--subjects GLOB]...] [--repo OWNER/NAME --pr N]
  go-live-gate validate [--checklist PATH]
  go-live-gate init     [--checklist PATH] [--force]
  go-live-gate import   CHECKLIST.md [--name NAME]
  go-live-gate verify-evidence FILE [--commit SHA] [--checklist PATH]
  go-live-gate merge    REPORT.json... [--json FILE] [--markdown FILE] [--mode enforce|report]

Options:
  -c, --checklist PATH   checklist file (default .github/go-live.yml)
  -C, --cwd DIR          repository root (default: the current directory)
  -s, --stage NAME       the stage to gate (default: the checklist's first); other stages' items are skipped
      --json FILE        write the JSON report ('-' for standard output)
      --markdown FILE    write the markdown report (the job summary)
      --sarif FILE       write secret findings as SARIF 2.1.0
      --evidence FILE    write the decision as an in-toto Statement v1 (sign it with actions/attest)
      --subjects GLOB    release artifacts whose sha256 goes into the evidence (repeatable)
      --commit SHA       verify-evidence: the commit the statement must be for
      --junit FILE       write JUnit XML: one testcase per item, a testsuite per section (inside the workspace)
      --mode MODE        enforce (default): exit 1 when the gate fails; report: always exit 0
      --repo OWNER/NAME  the GitHub repository of --pr (default GITHUB_REPOSITORY)
      --pr N             judge pull request N as the action would, read-only (needs GITHUB_TOKEN)
      --no-color         no colour even on a terminal
  -h, --help             this help
  -v, --version          the version

Exit codes: 0 the gate passed (or report mode), 1 it failed, 2 the checklist or the command line is wrong.
GitHub checks (approvals, manual, ci-status, workflow, dependabot) use GITHUB_TOKEN and GITHUB_REPOSITORY.`;async function v(t){try{let{values:e,positionals:h}=E({args:t.argv,allowPositionals:!0,strict:!0,options:{checklist:{type:"string",short:"c"},stage:{type:"string",short:"s"},cwd:{type:"string",short:"C"},json:{type:"string"},markdown:{type:"string"},sarif:{type:"string"},evidence:{type:"string"},subjects:{type:"string",multiple:!0},commit:{type:"string"},junit:{type:"string"},repo:{type:"string"},pr:{type:"string"},mode:{type:"string"},name:{type:"string"},force:{type:"boolean"},"no-color":{type:"boolean"},help:{type:"boolean",short:"h"},version:{type:"boolean",short:"v"}}});if(e.help)return t.stdout(k+`
`),0;if(e.version)return t.stdout(f+`
`),0;let[a,...n]=h,{resolve:m}=await import("node:path"),d=m(t.cwd,e.cwd??"."),g=e.checklist??".github/go-live.yml",l=r=>{if(n.length!==r)throw new o(`'${a}' takes ${r===0?"no":r} argument${r===1?"":"s"}`)};switch(a){case"check":{l(0);let r=e.mode??"enforce";if(r!=="enforce"&&r!=="report")throw new o(`--mode must be enforce or report, not '${r}'`);let s=e.pr===void 0?void 0:Number(e.pr);if(s!==void 0&&!(Number.isInteger(s)&&s>0))throw new o(`--pr must be a pull request number, not '${e.pr}'`);if(e.repo!==void 0&&!/^[\w.-]+\/[\w.-]+$/.test(e.repo))throw new o(`--repo must be OWNER/NAME, not '${e.repo}'`);if(e.repo!==void 0&&s===void 0)throw new o("--repo goes with --pr N");let p=s===void 0&&!t.env.GITHUB_EVENT_NAME?import("./chunks/local-event.js").then(i=>i.localEvent(d)):void 0,{checkCommand:c}=await import("./chunks/commands-check.js");return await c({localEvent:p,root:d,cwd:t.cwd,checklist:g,stage:e.stage,mode:r,json:e.json,markdown:e.markdown,sarif:e.sarif,evidence:e.evidence,subjects:e.subjects??[],junit:e.junit,repo:e.repo,pr:s,env:t.env,stdout:t.stdout,stderr:t.stderr,color:t.color&&!e["no-color"]})}case"validate":{l(0);let{validateCommand:r}=await import("./chunks/commands-validate.js");return await r(d,g,t.stdout)}case"init":{l(0);let{initCommand:r}=await import("./chunks/commands-init.js");return await r(d,g,!!e.force,t.stdout)}case"import":{l(1);let{importCommand:r}=await import("./chunks/commands-import.js");return await r(m(t.cwd,n[0]),n[0],e.name,d,t.stdout,t.stderr)}case"verify-evidence":{l(1);let{readRegularFile:r,verifyEvidence:s}=await import("./chunks/commands-verify-evidence.js"),p=m(t.cwd,n[0]),c=e.checklist===void 0?void 0:m(t.cwd,e.checklist),i=s(await r(p,"evidence"),n[0],{commit:e.commit,checklist:c?{path:e.checklist,bytes:await r(c,"checklist")}:void 0});return(i.code===2?t.stderr:t.stdout)(i.lines.join(`
`)+`
`),i.code}case"merge":{if(n.length===0)throw new o("'merge' takes the JSON reports to join");let r=e.mode??"enforce";if(r!=="enforce"&&r!=="report")throw new o(`--mode must be enforce or report, not '${r}'`);let{mergeCommand:s}=await import("./chunks/commands-merge.js"),{writeOutput:p}=await import("./chunks/commands-output.js");return await s({reports:n,cwd:t.cwd,mode:r,json:e.json,markdown:e.markdown,stdout:t.stdout,stderr:t.stderr,color:t.color&&!e["no-color"],write:(c,i)=>p(t.cwd,c,i,t.stdout)})}case void 0:throw new o("a command is needed: check, validate, init, import or merge");default:throw new o(`unknown command '${a}': use check, validate, init, import or merge`)}}catch(e){return e instanceof w?(t.stderr(e.problems.map(a=>a.toString()).join(`
`)+`
`),2):e instanceof o||e.code?.startsWith("ERR_PARSE_ARGS")?(t.stderr(`go-live-gate: ${u(e)}
Run 'go-live-gate --help' for usage.
`),2):e.name==="MissingChecklistError"?(t.stderr(`go-live-gate: ${u(e)}
`),2):(t.stderr(`go-live-gate: internal error: ${u(e)}
`),1)}}var y=!!process.stdout.isTTY&&!process.env.NO_COLOR&&process.env.TERM!=="dumb";process.exitCode=await v({argv:process.argv.slice(2),cwd:process.cwd(),env:process.env,stdout:t=>process.stdout.write(t),stderr:t=>process.stderr.write(t),color:y||!!(process.env.FORCE_COLOR&&process.env.FORCE_COLOR!=="0")});
