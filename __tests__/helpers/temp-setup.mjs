// jest globalSetup: every temporary folder of the run (tests, and the bundles they start) goes under one
// folder of the run, which temp-teardown.mjs removes, so a run leaves nothing behind in the system's tmp.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export default function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'glg-jest-'))
  process.env.GO_LIVE_GATE_TEST_TMP = dir
  // os.tmpdir() reads these on every call; the workers and their child processes inherit them
  process.env.TMPDIR = process.env.TMP = process.env.TEMP = dir
}
