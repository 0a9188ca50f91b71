import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Checklist, Item, Kind, Role } from '../../src/checklist/types.js'
import type { CheckContext } from '../../src/checks/types.js'
import type { GateEvent } from '../../src/event.js'
import { createGitHubClient, type ClientOptions } from '../../src/github/client.js'
import type { GitHubClient } from '../../src/github/types.js'
import { Workspace } from '../../src/workspace.js'
import { fakeClock, ports } from '../helpers/context.js'
import { BASE, HEAD } from './fixtures.js'
import type { Emulator } from './server.js'

/** A token made at run time, never a real-looking one. */
export function fakeToken(tag = 'w'): string {
  return ['emu', tag, Math.random().toString(36).slice(2)].join('_')
}

/** A fresh client of the emulator (a fresh client is a fresh per-run cache). */
export function clientOf(gh: Emulator, token: string, extra: Partial<ClientOptions> = {}): GitHubClient {
  return createGitHubClient({
    token,
    repository: `${gh.state.owner}/${gh.state.repo}`,
    apiUrl: gh.url,
    retryBaseMs: 1,
    requestTimeoutMs: 2000,
    ...extra
  })
}

export const ROLES: Record<string, Role> = {
  'release-manager': { id: 'release-manager', title: 'Release Manager', users: ['alice', 'bob'], teams: [] },
  'security-officer': {
    id: 'security-officer',
    title: 'Security Officer',
    users: [],
    teams: ['acme/security']
  },
  'business-owner': { id: 'business-owner', title: 'Business Owner', users: ['frank'], teams: [] }
}

export function prEvent(overrides: Partial<GateEvent> = {}): GateEvent {
  return {
    name: 'pull_request',
    sha: HEAD,
    branch: 'main',
    repository: { owner: 'acme', repo: 'trading' },
    job: 'gate',
    statusContext: 'go-live',
    pr: {
      number: 7,
      headSha: HEAD,
      headRef: 'release/v0.5.0',
      baseSha: BASE,
      baseRef: 'main',
      author: 'dev',
      fork: false
    },
    ...overrides
  }
}

export function item(id: string, check: Kind, options: Record<string, unknown>, owner?: string): Item {
  return { id, title: id, section: 'S', check, with: options, severity: 'blocking', timeout: 60, owner }
}

export function context(
  github: GitHubClient | undefined,
  event: GateEvent = prEvent(),
  now = '2025-03-03T00:00:00Z'
): CheckContext {
  const checklist: Checklist = {
    path: '.github/go-live.yml',
    name: 'T',
    roles: ROLES,
    sections: [],
    items: []
  }
  const root = mkdtempSync(path.join(tmpdir(), 'glg-'))
  return {
    workspace: new Workspace(root),
    ...ports(root),
    checklist,
    event,
    github,
    ...fakeClock(now),
    signal: new AbortController().signal
  }
}
