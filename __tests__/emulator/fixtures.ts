import { emptyState, type EmulatorState } from './server.js'

export const HEAD = 'a'.repeat(39) + '1'
export const OLD_HEAD = 'a'.repeat(39) + '0'
export const BASE = 'b'.repeat(39) + '1'

/** A release PR #7 with sign-offs, attestations, CI and a drill: the state most tests start from. */
export function releaseState(): EmulatorState {
  const s = emptyState('acme', 'trading')
  s.pulls.push({
    number: 7,
    author: 'dev',
    head: { sha: HEAD, ref: 'release/v0.5.0', repo: 'acme/trading' },
    base: { sha: BASE, ref: 'main' }
  })
  s.reviews[7] = [
    { login: 'alice', state: 'APPROVED', commit: HEAD, at: '2025-03-01T10:00:00Z' },
    { login: 'carol', state: 'APPROVED', commit: HEAD, at: '2025-03-01T11:00:00Z' }
  ]
  s.comments.push({
    issue: 7,
    login: 'alice',
    body: '/go-live attest rollback-plan',
    at: '2025-03-01T12:00:00Z'
  })
  s.checkRuns[HEAD] = [
    { name: 'build', status: 'completed', conclusion: 'success' },
    { name: 'test', status: 'completed', conclusion: 'success' },
    { name: 'gate', status: 'in_progress' }
  ]
  s.statuses[HEAD] = [{ context: 'ci/lint', state: 'success' }]
  s.workflowRuns.push({
    workflow: 'rollback-drill.yml',
    branch: 'main',
    conclusion: 'success',
    at: '2025-03-01T00:00:00Z'
  })
  s.teams['acme/security'] = ['carol', 'dave']
  s.permissions = { alice: 'admin', bob: 'write', eve: 'read' }
  s.commits[HEAD] = '2025-03-01T09:00:00Z'
  s.commitPulls[HEAD] = [7]
  s.defaultBranch = 'main'
  s.branches = { main: { sha: BASE, protected: true } }
  s.pushes = [{ ref: 'refs/heads/release/v0.5.0', after: HEAD, at: '2025-03-01T09:00:00Z' }]
  return s
}
