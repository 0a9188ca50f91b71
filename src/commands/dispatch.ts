// The command line: parses argv, prints help and version, and runs one command (check, validate, init, import).
import { parseArgs } from 'node:util'
import { ChecklistErrors, errorMessage, UsageError } from '../errors.js'
import { VERSION } from '../version.js'

const HELP = `go-live-gate: a go-live checklist as code, verified before the release ships.

Usage:
  go-live-gate check    [--checklist PATH] [--stage NAME] [--json FILE] [--markdown FILE] [--sarif FILE] [--junit FILE]
                        [--mode enforce|report] [--evidence FILE [--subjects GLOB]...] [--repo OWNER/NAME --pr N]
  go-live-gate validate [--checklist PATH]
  go-live-gate init     [--checklist PATH] [--force]
  go-live-gate import   CHECKLIST.md [--name NAME]
  go-live-gate verify-evidence FILE [--commit SHA] [--checklist PATH]
  go-live-gate merge    REPORT.json... [--json FILE] [--markdown FILE] [--mode enforce|report]

Options:
  -c, --checklist PATH   checklist file (default .github/go-live.yml)
  -C, --cwd DIR          repository root (default: the current directory)
  -s, --stage NAME       the stage to gate (default: the checklist's first); other stages' items are skipped
      --json FILE        write the JSON report ('-' for standard output)
      --markdown FILE    write the markdown report (the job summary)
      --sarif FILE       write secret findings as SARIF 2.1.0
      --evidence FILE    write the decision as an in-toto Statement v1 (sign it with actions/attest)
      --subjects GLOB    release artifacts whose sha256 goes into the evidence (repeatable)
      --commit SHA       verify-evidence: the commit the statement must be for
      --junit FILE       write JUnit XML: one testcase per item, a testsuite per section (inside the workspace)
      --mode MODE        enforce (default): exit 1 when the gate fails; report: always exit 0
      --repo OWNER/NAME  the GitHub repository of --pr (default GITHUB_REPOSITORY)
      --pr N             judge pull request N as the action would, read-only (needs GITHUB_TOKEN)
      --no-color         no colour even on a terminal
  -h, --help             this help
  -v, --version          the version

Exit codes: 0 the gate passed (or report mode), 1 it failed, 2 the checklist or the command line is wrong.
GitHub checks (approvals, manual, ci-status, workflow, dependabot) use GITHUB_TOKEN and GITHUB_REPOSITORY.`

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
        evidence: { type: 'string' },
        subjects: { type: 'string', multiple: true },
        commit: { type: 'string' },
        junit: { type: 'string' },
        repo: { type: 'string' },
        pr: { type: 'string' },
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
        const pr = values.pr === undefined ? undefined : Number(values.pr)
        if (pr !== undefined && !(Number.isInteger(pr) && pr > 0))
          throw new UsageError(`--pr must be a pull request number, not '${values.pr}'`)
        if (values.repo !== undefined && !/^[\w.-]+\/[\w.-]+$/.test(values.repo))
          throw new UsageError(`--repo must be OWNER/NAME, not '${values.repo}'`)
        if (values.repo !== undefined && pr === undefined) throw new UsageError('--repo goes with --pr N')
        // outside Actions the event comes from git: asked now, answered while the check code loads
        const localEvent =
          pr === undefined && !io.env.GITHUB_EVENT_NAME
            ? import('../local-event.js').then(m => m.localEvent(root))
            : undefined
        const { checkCommand } = await import('./check.js')
        return await checkCommand({
          localEvent,
          root,
          cwd: io.cwd,
          checklist,
          stage: values.stage,
          mode,
          json: values.json,
          markdown: values.markdown,
          sarif: values.sarif,
          evidence: values.evidence,
          subjects: values.subjects ?? [],
          junit: values.junit,
          repo: values.repo,
          pr,
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
        return await importCommand(resolve(io.cwd, rest[0]), rest[0], values.name, root, io.stdout, io.stderr)
      }
      case 'verify-evidence': {
        expectArgs(1)
        const { readRegularFile, verifyEvidence } = await import('./verify-evidence.js')
        const file = resolve(io.cwd, rest[0])
        const checklistPath = values.checklist === undefined ? undefined : resolve(io.cwd, values.checklist)
        const outcome = verifyEvidence(await readRegularFile(file, 'evidence'), rest[0], {
          commit: values.commit,
          checklist: checklistPath
            ? { path: values.checklist!, bytes: await readRegularFile(checklistPath, 'checklist') }
            : undefined
        })
        ;(outcome.code === 2 ? io.stderr : io.stdout)(outcome.lines.join('\n') + '\n')
        return outcome.code
      }
      case 'merge': {
        if (rest.length === 0) throw new UsageError("'merge' takes the JSON reports to join")
        const mode = values.mode ?? 'enforce'
        if (mode !== 'enforce' && mode !== 'report')
          throw new UsageError(`--mode must be enforce or report, not '${mode}'`)
        const { mergeCommand } = await import('./merge.js')
        const { writeOutput } = await import('./output.js')
        return await mergeCommand({
          reports: rest,
          cwd: io.cwd,
          mode,
          json: values.json,
          markdown: values.markdown,
          stdout: io.stdout,
          stderr: io.stderr,
          color: io.color && !values['no-color'],
          write: (file, content) => writeOutput(io.cwd, file, content, io.stdout)
        })
      }
      case undefined:
        throw new UsageError('a command is needed: check, validate, init, import or merge')
      default:
        throw new UsageError(`unknown command '${command}': use check, validate, init, import or merge`)
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
