// jest testSequencer: jest's own order (the files that failed last time first, then the longest first by the
// last run's times, or the largest first on a fresh clone), except that the files that need an early service
// (a line `// @early-service NAME` in their first lines, see early-services.ts) run once the others have kept
// the workers busy for a while: their services, launched by the global setup, are ready by then.
import { closeSync, openSync, readSync } from 'node:fs'
import TestSequencer from '@jest/test-sequencer'

/** The variable that tells the global setup which services the run's files need (a comma-separated list). */
export const EARLY_SERVICES = 'GLG_EARLY_SERVICES'
/** About how long the others run before those files start (their time added up, two workers: half of it). */
const HEAD_START_MS = 20_000
/** A file without a time from the last run counts as this long. */
const UNKNOWN_MS = 1_000

function earlyServices(file) {
  const fd = openSync(file, 'r')
  try {
    const head = Buffer.alloc(2048)
    const text = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8')
    return [...text.matchAll(/^\/\/ @early-service ([\w-]+)\s*$/gm)].map(m => m[1])
  } finally {
    closeSync(fd)
  }
}

export default class Sequencer extends TestSequencer.default {
  async sort(tests) {
    const sorted = await super.sort(tests)
    const names = new Set()
    const early = []
    const others = []
    for (const test of sorted) {
      const needs = earlyServices(test.path)
      needs.forEach(n => names.add(n))
      ;(needs.length ? early : others).push(test)
    }
    process.env[EARLY_SERVICES] = [...names].join(',')
    let at = 0
    for (let spent = 0; at < others.length && spent < HEAD_START_MS; at++)
      spent += others[at].duration ?? UNKNOWN_MS
    return [...others.slice(0, at), ...early, ...others.slice(at)]
  }
}
