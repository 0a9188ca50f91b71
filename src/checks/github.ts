import { CheckError } from '../errors.js'
import type { GitHubClient } from '../github/types.js'
import type { CheckContext } from './types.js'

/** The GitHub client, or the error that tells the user how to provide one. */
export function requireGitHub(ctx: CheckContext, kind: string): GitHubClient {
  if (!ctx.github)
    throw new CheckError(
      `'${kind}' needs the GitHub API: set GITHUB_TOKEN and GITHUB_REPOSITORY (in Actions: the github-token input)`,
      { needs: 'github' }
    )
  return ctx.github
}
