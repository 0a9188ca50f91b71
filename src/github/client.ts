import { getOctokit } from '@actions/github'
import type { GitHubClient } from './types.js'

export interface ClientOptions {
  token: string
  /** owner/repo */
  repository: string
  /** GITHUB_API_URL (GitHub Enterprise); default https://api.github.com */
  apiUrl?: string
}

/** The one client of a run. */
export function createGitHubClient(options: ClientOptions): GitHubClient {
  const [owner, repo] = options.repository.split('/')
  const octokit = getOctokit(options.token, options.apiUrl ? { baseUrl: options.apiUrl } : {})
  return { octokit, owner, repo }
}
