import { parseArgs } from 'node:util'
import { ChecklistErrors, errorMessage, UsageError } from '../errors.js'

const HELP = `go-live-gate: a go-live checklist as code, verified before the release ships.

Usage:
  go-live-gate check    [--checklist PATH] [--stage NAME] [--json FILE] [--markdown FILE] [--sarif FILE] [--mode enforce|report]
  go-live-gate validate [--checklist PATH]
  go-live-gate init     [--checklist PATH] [--force]
  go-live-gate import   CHECKLIST.md [--name NAME]

Options:
  -c, --checklist PATH   checklist file (default .github/go-live.yml)
  -C, --cwd DIR          repository root (default: the current directory)
  -s, --stage NAME       the stage to gate (default: the checklist's first); other stages' items are skipped
      --json FILE        write the JSON report ('-' for standard output)
      --markdown FILE    write the markdown report (the job summary)
      --sarif FILE       write secret findings as SARIF 2.1.0
      --mode MODE        enforce (default): exit 1 when the gate fails; report: always exit 0
      --no-color         no colour even on a terminal
  -h, --help             this help
  -v, --version          the version

Exit codes: 0 the gate passed (or report mode), 1 it failed, 2 the checklist or the command line is wrong.
GitHub checks (approvals, manual, ci-status, workflow, dependabot) use GITHUB_TOKEN and GITHUB_REPOSITORY.`

const VERSION = '0.1.0'

export interface CliIO {
  argv: string[]
  cwd: string
  env: NodeJS.ProcessEnv
  stdout: (s: string) => void
  stderr: (s: string) => void
  color: boolean
}

/** Runs the command line and returns the exit code; never throws. */
export async function cli(io: CliIO): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: io.argv,
      allowPositionals: true,
      strict: true,
      options: {
        checklist: { type: 'string', short: 'c' },
        stage: { type: 'string', short: 's' },
        cwd: { type: 'string', short: 'C' },
        json: { type: 'string' },
        markdown: { type: 'string' },
        sarif: { type: 'string' },
        mode: { type: 'string' },
        name: { type: 'string' },
        force: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' }
      }
    })
    if (values.help) return (io.stdout(HELP + '\n'), 0)
    if (values.version) return (io.stdout(VERSION + '\n'), 0)
    const [command, ...rest] = positionals
    const { resolve } = await import('node:path')
    const root = resolve(io.cwd, values.cwd ?? '.')
    const checklist = values.checklist ?? '.github/go-live.yml'
    const expectArgs = (n: number) => {
      if (rest.length !== n)
        throw new UsageError(`'${command}' takes ${n === 0 ? 'no' : n} argument${n === 1 ? '' : 's'}`)
    }
    switch (command) {
      case 'check': {
        expectArgs(0)
        const mode = values.mode ?? 'enforce'
        if (mode !== 'enforce' && mode !== 'report')
          throw new UsageError(`--mode must be enforce or report, not '${mode}'`)
        const { checkCommand } = await import('./check.js')
        return await checkCommand({
          root,
          cwd: io.cwd,
          checklist,
          stage: values.stage,
          mode,
          json: values.json,
          markdown: values.markdown,
          sarif: values.sarif,
          env: io.env,
          stdout: io.stdout,
          stderr: io.stderr,
          color: io.color && !values['no-color']
        })
      }
      case 'validate': {
        expectArgs(0)
        const { validateCommand } = await import('./validate.js')
        return await validateCommand(root, checklist, io.stdout)
      }
      case 'init': {
        expectArgs(0)
        const { initCommand } = await import('./init.js')
        return await initCommand(root, checklist, Boolean(values.force), io.stdout)
      }
      case 'import': {
        expectArgs(1)
        const { importCommand } = await import('./import.js')
        return await importCommand(resolve(io.cwd, rest[0]), values.name, io.stdout)
      }
      case undefined:
        throw new UsageError('a command is needed: check, validate, init or import')
      default:
        throw new UsageError(`unknown command '${command}': use check, validate, init or import`)
    }
  } catch (e) {
    if (e instanceof ChecklistErrors) {
      io.stderr(e.problems.map(p => p.toString()).join('\n') + '\n')
      return 2
    }
    const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    if (usage) {
      io.stderr(`go-live-gate: ${errorMessage(e)}\nRun 'go-live-gate --help' for usage.\n`)
      return 2
    }
    if ((e as Error).name === 'MissingChecklistError') {
      io.stderr(`go-live-gate: ${errorMessage(e)}\n`)
      return 2
    }
    // Fail closed: an unexpected failure never reads as a pass.
    io.stderr(`go-live-gate: internal error: ${errorMessage(e)}\n`)
    return 1
  }
}
