import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createGitHubClient } from '../../src/github/client.js'
import { HEAD, BASE, releaseState } from './fixtures.js'
import { example, forgetValidators, validateResponse } from './openapi.js'
import { startEmulator, type Emulator } from './server.js'

const token = ['test', 'token', String(Date.now())].join('-')

describe('GitHub API emulator', () => {
  let gh: Emulator
  beforeAll(async () => {
    gh = await startEmulator(releaseState())
    gh.tokens.set(token, 'write')
    gh.state.files[BASE] = { '.github/go-live.yml': 'version: 1\n' }
    for (let i = 0; i < 130; i++)
      gh.state.comments.push({ issue: 7, login: 'bob', body: `note ${i}`, at: '2025-03-02T00:00:00Z' })
  })
  afterAll(() => gh.close())

  it('answers every emulated operation with bodies that match GitHub OpenAPI description', async () => {
    const { octokit } = createGitHubClient({
      token,
      repository: 'acme/trading',
      apiUrl: gh.url,
      retryBaseMs: 1
    })
    const r = { owner: 'acme', repo: 'trading' }
    await octokit.rest.pulls.get({ ...r, pull_number: 7 })
    await octokit.rest.pulls.listReviews({ ...r, pull_number: 7 })
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      ...r,
      issue_number: 7,
      per_page: 50
    })
    expect(comments).toHaveLength(131)
    const made = await octokit.rest.issues.createComment({ ...r, issue_number: 7, body: 'hello' })
    await octokit.rest.issues.updateComment({ ...r, comment_id: made.data.id, body: 'hello again' })
    await octokit.rest.repos.getCollaboratorPermissionLevel({ ...r, username: 'alice' })
    await octokit.rest.teams.listMembersInOrg({ org: 'acme', team_slug: 'security' })
    await octokit.rest.checks.listForRef({ ...r, ref: HEAD })
    await octokit.rest.repos.listCommitStatusesForRef({ ...r, ref: HEAD })
    await octokit.rest.repos.createCommitStatus({ ...r, sha: HEAD, state: 'success', context: 'go-live' })
    await octokit.rest.actions.listWorkflowRuns({ ...r, workflow_id: 'rollback-drill.yml' })
    await octokit.rest.repos.getContent({ ...r, path: '.github/go-live.yml', ref: BASE })
    await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...r, commit_sha: HEAD })
    await octokit.rest.repos.getCommit({ ...r, ref: HEAD })
    await expect(octokit.rest.pulls.get({ ...r, pull_number: 99 })).rejects.toMatchObject({ status: 404 })
    expect(gh.violations()).toEqual([])
    expect(new Set(gh.requests.map(q => q.route)).size).toBe(14)
  })

  it('refuses a wrong shape: the same problems from a validator compiled now and from the one kept on disk', () => {
    const route = '/repos/{owner}/{repo}/pulls/{pull_number}'
    // GitHub's own example lacks a team's `type`, which its schema requires: no teams here
    const right = { ...example('pull-request'), requested_teams: [] }
    const wrong = { ...right, number: 'seven' } as Record<string, unknown>
    delete wrong.head
    const fresh = validateResponse('GET', route, 200, wrong, { fresh: true })
    forgetValidators()
    const kept = validateResponse('GET', route, 200, wrong)
    expect(fresh).toEqual([
      "get /repos/{owner}/{repo}/pulls/{pull_number} 200: / must have required property 'head'",
      'get /repos/{owner}/{repo}/pulls/{pull_number} 200: /number must be integer'
    ])
    expect(kept).toEqual(fresh)
    expect(validateResponse('GET', route, 200, right)).toEqual([])
    expect(validateResponse('GET', route, 418, {})).toEqual([
      "GET /repos/{owner}/{repo}/pulls/{pull_number} has no 418 response in GitHub's OpenAPI description"
    ])
  })

  it('refuses an unknown token and a write by a read-only token', async () => {
    gh.tokens.set('ro-' + token, 'read')
    const ro = createGitHubClient({ token: 'ro-' + token, repository: 'acme/trading', apiUrl: gh.url })
    await expect(
      ro.octokit.rest.repos.createCommitStatus({
        owner: 'acme',
        repo: 'trading',
        sha: HEAD,
        state: 'success'
      })
    ).rejects.toMatchObject({ status: 403 })
    const bad = createGitHubClient({ token: 'nope', repository: 'acme/trading', apiUrl: gh.url })
    await expect(
      bad.octokit.rest.pulls.get({ owner: 'acme', repo: 'trading', pull_number: 7 })
    ).rejects.toMatchObject({
      status: 401
    })
  })
})
