import { describe, expect, it } from '@jest/globals'
import { inRange } from '../../src/checks/vulnerabilities/range.js'

describe('advisory ranges', () => {
  it('orders prerelease tags as semver does: rc.10 comes after rc.9', () => {
    expect(inRange('1.0.0-rc.10', '<1.0.0-rc.9')).toBe(false)
    expect(inRange('1.0.0-rc.9', '<1.0.0-rc.10')).toBe(true)
    expect(inRange('1.0.0-rc.10', '>=1.0.0-rc.9 <1.0.0')).toBe(true)
    expect(inRange('1.0.0-alpha.beta', '<1.0.0-beta')).toBe(true)
  })

  it('puts a prerelease before its release, and partial versions at .0', () => {
    expect(inRange('1.0.0-rc.1', '<1.0.0')).toBe(true)
    expect(inRange('1.0.0', '<1.0.0')).toBe(false)
    expect(inRange('1.2', '>=1.2.0 <1.2.6')).toBe(true)
    expect(inRange('1.2.6', '1.0.0 - 1.2.5 || >=2.0.0')).toBe(false)
    expect(inRange('2.1.0', '1.0.0 - 1.2.5 || >=2.0.0')).toBe(true)
  })

  it('counts what it cannot read as inside, never hiding an advisory', () => {
    expect(inRange('not-a-version', '<1.0.0')).toBe(true)
    expect(inRange('1.0.0-rc.01', '<0.1.0')).toBe(true)
    expect(inRange('1.0.0', '<banana')).toBe(true)
  })
})
