import { describe, expect, it } from '@jest/globals'
import { escapeMarkdown, renderDetails } from '../../src/report/markdown.js'
import { formatBytes, withUnit } from '../../src/report/units.js'
import { thousands } from '../../src/text.js'

describe('units in what people read', () => {
  it('details carry their unit in the summary and comment, the JSON keeps plain numbers', () => {
    const body = renderDetails({
      files: ['docs/runbook.md'],
      age: 183.5,
      status: 200,
      latencyMs: 42,
      bytesScanned: 5 * 1024 * 1024 + 300 * 1024,
      lines: { covered: 932, total: 1000, pct: 93.2 },
      failingFiles: [{ file: 'src/a.ts', pct: 12.5 }]
    })
    expect(body).toContain('- **age**: 183.5 days')
    expect(body).toContain('- **status**: 200')
    expect(body).toContain('- **latencyMs**: 42 ms')
    expect(body).toContain('- **bytesScanned**: 5.3 MiB')
    expect(body).toContain('- **lines**: covered 932, total 1000, pct 93.2%')
    expect(body).toContain('| src/a.ts | 12.5% |')
  })

  it('units by key name', () => {
    expect(withUnit('age', 1)).toBe('1 day')
    expect(withUnit('durationMs', 1234)).toBe('1234 ms')
    expect(withUnit('max-file-size', 500)).toBe('500 bytes')
    expect(withUnit('count', 3)).toBe(3)
    expect(withUnit('age', 'n/a')).toBe('n/a')
    expect(formatBytes(1536)).toBe('1.5 KiB')
  })

  it('package@version stays copyable (no zero-width space); a mention still never pings', () => {
    expect(escapeMarkdown('body-parser@1.20.2')).toBe('body-parser@1.20.2')
    expect(escapeMarkdown('approved by @alice, cc (@bob)')).toBe('approved by @\u200balice, cc (@\u200bbob)')
    expect(escapeMarkdown('@types/node@20.1.0')).toBe('@\u200btypes/node@20.1.0')
  })

  it('counts are grouped in thousands exactly as en-US writes them', () => {
    const counts = [0, 7, 999, 1000, 1234, 99999, 100000, 1234567, 2 ** 31, Number.MAX_SAFE_INTEGER, 1.5, -3]
    for (let n = 1; n < 1e15; n = n * 7 + 3) counts.push(n)
    for (const n of counts) expect(thousands(n)).toBe(n.toLocaleString('en-US'))
  })
})
