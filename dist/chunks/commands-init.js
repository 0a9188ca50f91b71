import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{a as f}from"./shared-templates-schema-location.js";import"./shared-version.js";import{e as p}from"./shared-text.js";import{h as g}from"./shared-errors.js";import"./shared-esbuild-runtime.js";import{lstat as L,mkdir as _,writeFile as F}from"node:fs/promises";import S from"node:path";import{lstat as x,readdir as k}from"node:fs/promises";import v from"node:path";var C={node:["package.json","package-lock.json","npm-shrinkwrap.json","yarn.lock","pnpm-lock.yaml"],python:["pyproject.toml","poetry.lock","uv.lock","Pipfile.lock","requirements.txt","setup.py","setup.cfg"],go:["go.mod","go.sum"],java:["pom.xml","build.gradle","build.gradle.kts","gradle.lockfile"]},P=["python","node","go","java"],R=new Set(["node_modules","vendor","dist","build","target","venv","site-packages","__pycache__"]),E=200;async function $(t){let i=[""];try{let o=await k(t,{withFileTypes:!0});for(let e of o)e.isDirectory()&&!e.name.startsWith(".")&&!R.has(e.name)&&i.length<E&&i.push(e.name)}catch{return[]}i.sort((o,e)=>o===""?-1:e===""?1:p(o,e));let n=[];for(let o of i){let e;try{e=new Set(await I(v.join(t,o)))}catch{continue}for(let s of P){let c=C[s].filter(a=>e.has(a));c.length>0&&n.push({ecosystem:s,dir:o,files:c})}}return n}async function I(t){let i=[];for(let n of await k(t,{withFileTypes:!0})){if(!n.isFile())continue;(await x(v.join(t,n.name))).isFile()&&i.push(n.name)}return i}var T={node:"Node",python:"Python",go:"Go",java:"Java"};function D(t){let i=t.length>1,n=[],o=[];for(let e of t){let s=r=>e.dir?`${e.dir}/${r}`:r,c=e.dir?`cd ${e.dir} && `:"",a=i?`-${e.dir?O(e.dir):e.ecosystem}${e.dir&&t.filter(r=>r.dir===e.dir).length>1?`-${e.ecosystem}`:""}`:"",m=i?`${T[e.ecosystem]}${e.dir?` (${e.dir})`:""}: `:"",l=A(e,s,c);n.push(h(`dependency-scan${a}`,`${m}Dependency vulnerability scan passed`,l.comment,"vulnerabilities",l.with),h(`unit-coverage${a}`,`${m}Unit tests cover the code`,w(e,s,c).comment,"coverage",w(e,s,c).with));let d=M(e,s,c);o.push(h(`licenses-compatible${a}`,`${m}All third-party licenses compatible`,d.comment,"licenses",d.with))}return{testing:n.join(""),compliance:o.join("")}}var y="[MIT, Apache-2.0, BSD-2-Clause, BSD-3-Clause, ISC, 0BSD]";function A(t,i,n){switch(t.ecosystem){case"node":{let o=t.files.includes("pnpm-lock.yaml")?{source:"pnpm-audit",cmd:"pnpm audit --json"}:t.files.includes("yarn.lock")?{source:"yarn-audit",cmd:"yarn audit --json"}:{source:"npm-audit",cmd:"npm audit --json"};return t.dir?{comment:`written in CI before the gate: ${n}${o.cmd} > audit.json`,with:`{ source: ${o.source}, report: ${i("audit.json")}, fail-on: high }`}:{comment:`the gate runs ${o.cmd} itself`,with:`{ source: ${o.source}, fail-on: high }`}}case"python":return{comment:`written in CI before the gate: ${n}osv-scanner scan source --format json --output osv-scanner.json -r .`,with:`{ source: osv-scanner, report: ${i("osv-scanner.json")}, fail-on: high }`};case"go":return{comment:`written in CI before the gate: ${n}govulncheck -format json ./... > govulncheck.json`,with:`{ source: govulncheck, report: ${i("govulncheck.json")} }`};case"java":return{comment:`written in CI before the gate: ${n}osv-scanner scan source --format json --output osv-scanner.json -r .`,with:`{ source: osv-scanner, report: ${i("osv-scanner.json")}, fail-on: high }`}}}function M(t,i,n){if(t.ecosystem==="node"&&(t.files.includes("package-lock.json")||t.files.includes("npm-shrinkwrap.json")||!t.files.some(e=>e.endsWith(".lock")||e.endsWith(".yaml")))){let e=t.files.includes("npm-shrinkwrap.json")?"npm-shrinkwrap.json":"package-lock.json";return{comment:t.files.includes(e)?`read from ${i(e)}`:`commit ${i(e)} (${n}npm install --package-lock-only)`,with:`{ allow: ${y}, lockfile: ${i(e)} }`}}let o=t.ecosystem==="node"?"npx @cyclonedx/cdxgen -t js":`npx @cyclonedx/cdxgen -t ${t.ecosystem}`;return{comment:`a CycloneDX SBOM written in CI before the gate: ${n}${o} -o sbom.cdx.json .`,with:`{ allow: ${y}, sbom: ${i("sbom.cdx.json")} }`}}function w(t,i,n){switch(t.ecosystem){case"node":return{comment:`written by your test runner (${n}npx jest --coverage)`,with:`{ reports: [${i("coverage/lcov.info")}], min: { lines: 80 } }`};case"python":return{comment:`written by coverage.py (${n}coverage run -m pytest && coverage xml)`,with:`{ reports: [${i("coverage.xml")}], min: { lines: 80 } }`};case"go":return{comment:`written by go test (${n}go test -coverprofile=coverage.out ./...)`,with:`{ reports: [${i("coverage.out")}], min: { lines: 80 } }`};case"java":return{comment:`written by JaCoCo (${n}mvn verify, or gradle jacocoTestReport)`,with:`{ reports: [${i("target/site/jacoco/jacoco.xml")}], min: { lines: 80 } }`}}}function h(t,i,n,o,e){return`      # ${n}
      - id: ${t}
        title: ${JSON.stringify(i)}
        check: ${o}
        with: ${e}
`}function O(t){return t.toLowerCase().replace(/[^a-z0-9]+/g,"-").replace(/^-+|-+$/g,"")||"root"}function b(t,i){if(i.length===0)return t;let{testing:n,compliance:o}=D(i),e=["unit-coverage","dependency-scan","licenses-compatible"].map(r=>({id:r,block:B(t,r)})).filter(r=>r.block!==void 0).sort((r,u)=>r.block.start-u.block.start),s=e.find(r=>r.id!=="licenses-compatible"),c=e.find(r=>r.id==="licenses-compatible"),a=s!==void 0,m=c!==void 0,l=t;for(let r of[...e].reverse()){let u=r===s?n:r===c?o:"";l=l.slice(0,r.block.start)+u+l.slice(r.block.end)}let d=`${a?"":n}${m?"":o}`;return d&&(l=`${l.replace(/\n*$/,`
`)}  - title: Supply chain
    items:
${d}`),l}function B(t,i){let n=t.split(`
`),o=0;for(let e=0;e<n.length;e++){if(n[e].trim()===`- id: ${i}`){let s=n[e].indexOf("-"),c=e+1;for(;c<n.length&&n[c].trim()!==""&&n[c].search(/\S/)>s;)c++;let a=n.slice(0,c).join(`
`).length+1;return{start:o,end:a}}o+=n[e].length+1}}var j=`# yaml-language-server: $schema=checklist.schema.json
# Go-live checklist as code. Every item is verified by a check, or attested on the release PR by a
# member of its owner role with a comment: /go-live attest ITEM-ID
version: 1
name: My Service
roles:
  release-manager: { title: Release Manager, users: [your-login] }
  tech-lead: { title: Technical Lead, users: [your-login] }
  security-officer: { title: Security Officer, users: [your-login] }
  compliance-officer: { title: Compliance Officer, users: [your-login] }
defaults:
  severity: blocking
  timeout: 120
sections:
  - title: Security & Access Management
    items:
      - id: no-hardcoded-credentials
        title: No hardcoded credentials in repository
        check: secrets
        with: { paths: ["."] }
      - id: rotate-credentials
        title: API keys and tokens rotated for production
        owner: security-officer
      - id: access-review
        title: User permissions, SSH keys and firewall rules reviewed
        owner: security-officer
  - title: Data & Backup Management
    items:
      - id: backup-restore-tested
        title: Backup restoration procedure tested
        owner: tech-lead
      - id: dr-runbook
        title: DR runbook documented and fresh
        check: file
        with: { path: docs/runbooks/disaster-recovery.md, contains: "RTO", max-age: 180d }
  - title: Monitoring & Alerting
    items:
      - id: alerts-configured
        title: Critical alerts configured and tested
        owner: tech-lead
  - title: Performance & Reliability
    items:
      - id: p95-latency
        title: p95 latency under 500 ms (load test results)
        check: values
        with:
          file: perf/results.json
          assert:
            - { path: latency.p95_ms, lt: 500 }
  - title: Configuration Management
    items:
      - id: production-mode
        title: Production mode clearly defined
        check: values
        with:
          file: config/production.yaml
          assert:
            - { path: mode, equals: production }
  - title: Compliance & Legal
    items:
      - id: licenses-compatible
        title: All third-party licenses compatible
        check: licenses
        with: { allow: [MIT, Apache-2.0, BSD-2-Clause, BSD-3-Clause, ISC, 0BSD] }
      - id: compliance-review
        title: Compliance review completed
        owner: compliance-officer
  - title: Testing & Validation
    items:
      - id: unit-coverage
        title: All unit tests passing (>95% coverage)
        check: coverage
        with: { reports: [coverage/lcov.info], min: { lines: 95 } }
      - id: dependency-scan
        title: Dependency vulnerability scan passed
        check: vulnerabilities
        with: { fail-on: high }
      - id: ci-green
        title: All other CI checks green
        check: ci-status
        with: { wait: 600 }
  - title: Deployment
    items:
      - id: stakeholders-notified
        title: Stakeholders notified of the deployment window
        owner: release-manager
  - title: Sign-offs
    items:
      - id: sign-offs
        title: Release Manager and Technical Lead approved the release PR
        check: approvals
        with: { roles: [release-manager, tech-lead] }
  - title: Rollback
    items:
      - id: rollback-drill
        title: Rollback procedure tested this week
        check: workflow
        with: { workflow: rollback-drill.yml, within: 7d }
`;async function Q(t,i,n,o){let e=S.resolve(t,i);await _(S.dirname(e),{recursive:!0});try{if(n&&(await L(e).catch(()=>{}))?.isSymbolicLink())throw new g(`${i} is a symlink: remove it, init does not write through links`);let s=j.replace(/^# yaml-language-server: \$schema=\S+/,`# yaml-language-server: $schema=${f(t,i)}`);await F(e,b(s,await $(t)),{flag:n?"w":"wx"})}catch(s){throw s.code==="EEXIST"?new g(`${i} exists already: use --force to overwrite it`):s}return o(`wrote ${i}: set your roles' users, then run 'go-live-gate check'
`),0}export{Q as initCommand};
