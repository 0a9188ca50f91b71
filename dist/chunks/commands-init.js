import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{e as r}from"./shared-errors.js";import"./shared-esbuild-runtime.js";import{mkdir as n,writeFile as d}from"node:fs/promises";import a from"node:path";var o=`# yaml-language-server: $schema=https://raw.githubusercontent.com/OWNER/go-live-gate/main/checklist.schema.json
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
        title: Order execution latency < 500ms (p95)
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
`;async function g(s,e,l,c){let t=a.resolve(s,e);await n(a.dirname(t),{recursive:!0});try{await d(t,o,{flag:l?"w":"wx"})}catch(i){throw i.code==="EEXIST"?new r(`${e} exists already: use --force to overwrite it`):i}return c(`wrote ${e}: set your roles' users, then run 'go-live-gate check'
`),0}export{g as initCommand};
