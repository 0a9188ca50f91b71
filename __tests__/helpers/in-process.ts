import { cli } from '../../src/commands/dispatch.js'
import type { Run } from './run-dist.js'

/**
 * The command line's own code (src/commands/dispatch.ts, what dist/cli.js runs) in this process: for the
 * variants of a behaviour whose one bundle run (run-dist.ts runCli) shows it end to end. No colour, and only
 * the environment given (as runCli's cleanEnv, without the caller's).
 */
export async function runInProcess(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const code = await cli({
    argv: args,
    cwd,
    env,
    stdout: s => (stdout += s),
    stderr: s => (stderr += s),
    color: false
  })
  return { code, stdout, stderr }
}
