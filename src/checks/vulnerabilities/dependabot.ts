import { CheckError, PermissionError, errorMessage } from '../../errors.js'
import type { GitHubClient } from '../../github/types.js'
import { dedupe, ghsaOf, toSeverity } from './advisory.js'
import type { Advisory } from './advisory.js'

const PERMISSION = 'security-events: read'

/** The repository's open Dependabot alerts, as advisories. */
export async function dependabotAdvisories(github: GitHubClient, signal: AbortSignal): Promise<Advisory[]> {
  const { octokit, owner, repo } = github
  let alerts: Awaited<ReturnType<typeof octokit.rest.dependabot.listAlertsForRepo>>['data']
  try {
    alerts = await octokit.paginate(octokit.rest.dependabot.listAlertsForRepo, {
      owner,
      repo,
      state: 'open',
      per_page: 100,
      request: { signal }
    })
  } catch (e) {
    const status = (e as { status?: number }).status
    const reason = errorMessage(e)
    if (status === 403 || status === 404)
      throw new PermissionError(
        `cannot read the Dependabot alerts of ${owner}/${repo} (HTTP ${status}: ${reason}): the token needs ` +
          `\`${PERMISSION}\` (fine-grained token: "Dependabot alerts: read"; classic token: \`security_events\` scope), ` +
          'and Dependabot alerts must be enabled for the repository',
        PERMISSION
      )
    throw new CheckError(`cannot read the Dependabot alerts of ${owner}/${repo}: ${reason}`)
  }
  return dedupe(
    alerts.map(alert => {
      const adv = alert.security_advisory
      const vuln = alert.security_vulnerability
      const identifiers = (adv.identifiers ?? []).map(i => i.value)
      return {
        id: adv.ghsa_id ?? ghsaOf(...identifiers) ?? String(alert.number),
        aliases: [...identifiers, ...(adv.cve_id ? [adv.cve_id] : []), String(alert.number)],
        package: alert.dependency?.package?.name ?? vuln.package.name,
        // Dependabot does not say which version is installed, only the vulnerable range
        version: vuln.vulnerable_version_range ?? '',
        severity: toSeverity(vuln.severity ?? adv.severity),
        title: adv.summary ?? '',
        fix: vuln.first_patched_version?.identifier ?? 'no fix available'
      }
    })
  )
}
