// jest globalTeardown: stops the early services and removes the run's temporary folder (global-setup.mjs).
import { rmSync } from 'node:fs'

export default async function teardown() {
  await globalThis.__glgStopEarlyServices?.()
  const dir = process.env.GO_LIVE_GATE_TEST_TMP
  if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
}
