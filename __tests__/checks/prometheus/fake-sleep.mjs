// A preload for the bundle: sleeps through node:timers/promises answer at once and are logged on stderr
// ("sleep MS"), so that a test of repeated evaluation neither waits nor guesses.
import timers from 'node:timers/promises'
import { syncBuiltinESMExports } from 'node:module'
timers.setTimeout = async (ms, value, options) => {
  if (options?.signal?.aborted) throw options.signal.reason
  process.stderr.write(`sleep ${ms}\n`)
  return value
}
syncBuiltinESMExports()
