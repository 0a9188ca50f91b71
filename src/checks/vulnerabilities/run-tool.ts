import { spawn } from 'node:child_process'
import { CheckError } from '../../errors.js'
import { oneLine } from '../../text.js'

export interface ToolRun {
  /** the command line, for messages (`npm audit --json`) */
  command: string
  stdout: string
  stderr: string
  code: number | null
}

/** Output beyond this is not an audit report we can use. */
const MAX_OUTPUT = 256 * 1024 * 1024

/** Runs a command in `cwd`, collecting its output; a missing tool, a timeout or an abort throws. */
export function runTool(
  file: string,
  args: string[],
  cwd: string,
  options: { signal: AbortSignal; timeoutMs: number }
): Promise<ToolRun> {
  const command = [file, ...args].join(' ')
  return new Promise((resolve, reject) => {
    let child: ReturnType<typeof spawn>
    try {
      child = spawn(file, args, {
        cwd,
        signal: options.signal,
        // npm, yarn and pnpm are .cmd shims on Windows
        shell: process.platform === 'win32',
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true
      })
    } catch (e) {
      reject(new CheckError(`cannot run ${command}: ${(e as Error).message}`))
      return
    }
    // Our own timer, cleared on every ending: spawn's `timeout` keeps the process alive after ENOENT.
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGTERM')
    }, options.timeoutMs)
    timer.unref()
    const out: Buffer[] = []
    const err: Buffer[] = []
    let size = 0
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_OUTPUT) child.kill()
      else into.push(chunk)
    }
    child.stdout?.on('data', collect(out))
    child.stderr?.on('data', collect(err))
    child.on('error', e => {
      clearTimeout(timer)
      const code = (e as NodeJS.ErrnoException).code
      if (code === 'ENOENT')
        reject(
          new CheckError(`${file} is not installed (cannot run ${command}); install it or give \`report\``)
        )
      else if (e.name === 'AbortError') reject(new CheckError(`${command} was stopped: the item timed out`))
      else reject(new CheckError(`cannot run ${command}: ${e.message}`))
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (options.signal.aborted) return reject(new CheckError(`${command} was stopped: the item timed out`))
      if (signal || timedOut)
        return reject(
          new CheckError(
            size > MAX_OUTPUT
              ? `${command} printed more than ${MAX_OUTPUT} bytes`
              : `${command} did not finish within ${Math.round(options.timeoutMs / 1000)}s (${signal})`
          )
        )
      resolve({
        command,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code
      })
    })
  })
}

/** The last lines of stderr that say something, for an error message. */
export function stderrReason(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map(l => l.trim())
    .filter(l => l && !/^npm (warn|notice)\b/i.test(l) && !/complete log of this run/i.test(l))
  return oneLine(lines.slice(-3).join(' / ') || 'no output', 300)
}
