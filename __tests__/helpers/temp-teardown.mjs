// jest globalTeardown: removes the run's temporary folder made by temp-setup.mjs.
import { rmSync } from 'node:fs'

export default function teardown() {
  const dir = process.env.GO_LIVE_GATE_TEST_TMP
  if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
}
