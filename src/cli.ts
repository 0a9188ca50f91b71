#!/usr/bin/env node
// Command-line entry: the same pipeline as the action, with terminal output and exit codes.
import { cli } from './commands/dispatch.js'

const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb'
process.exitCode = await cli({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  stdout: s => process.stdout.write(s),
  stderr: s => process.stderr.write(s),
  color: color || Boolean(process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0')
})
