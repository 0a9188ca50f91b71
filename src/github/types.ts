import type { getOctokit } from '@actions/github'

export type Octokit = ReturnType<typeof getOctokit>

/** The one GitHub client of a run, built in src/github/client.ts. */
export interface GitHubClient {
  octokit: Octokit
  owner: string
  repo: string
}
