import { describe, expect, it } from '@jest/globals'
import { parseChecklist } from '../../src/checklist/load.js'
import { ChecklistErrors } from '../../src/errors.js'

const FILE = '.github/go-live.yml'
const HEAD = 'version: 1\nname: Hints\nsections:\n  - title: S\n    items:\n'

function problems(text: string): string[] {
  try {
    parseChecklist(text, FILE)
  } catch (e) {
    if (e instanceof ChecklistErrors) return e.problems.map(p => p.toString())
    throw e
  }
  return []
}

describe('YAML mistakes get a hint at the place they were made', () => {
  it('an unquoted [ in a value: quote it', () => {
    expect(
      problems(
        HEAD +
          '      - id: a\n        title: A\n        check: file\n        with:\n          path: a.md\n          contains: [A-Z]+ ok\n'
      )
    ).toEqual([
      `${FILE}:11:21: YAML: Unexpected scalar at node end: quote the value if it is text (a value that starts with [ or { is a YAML list or mapping, e.g. contains: "[A-Z]+ ok")`
    ])
  })

  it('a {{ template }} value parses as a mapping: the schema error says to quote it', () => {
    expect(problems(HEAD + '      - id: a\n        title: {{ release }}\n')).toEqual([
      `${FILE}:7:17: a key must be plain text, not a list, a mapping or an alias: quote it if it is text (in YAML a value that starts with [ or { is a list or mapping)`
    ])
  })

  it("a ': ' inside a plain value: quote it", () => {
    expect(problems(HEAD + '      - id: a\n        title: Latency: p95 under 500 ms\n')).toEqual([
      `${FILE}:7:16: YAML: Nested mappings are not allowed in compact mappings: a ': ' inside a plain value starts a mapping; quote the value (title: "Latency: p95 under 500 ms")`
    ])
  })

  it('a tab in the indentation', () => {
    expect(problems(HEAD + '      - id: a\n\ttitle: A\n')).toEqual([
      `${FILE}:7:1: YAML: a tab in the indentation: YAML indents with spaces only`
    ])
  })

  it('an unclosed quote is reported where it opens, not at the end of the file', () => {
    const text =
      HEAD +
      '      - id: a\n        title: "Backups tested\n      - id: b\n        title: B\n      - id: c\n        title: C\n'
    expect(problems(text)).toEqual([
      `${FILE}:7:16: YAML: this quote is never closed (the parser noticed only at line 12): close it`
    ])
    const single =
      HEAD +
      "      - id: a\n        title: 'it''s fine'\n      - id: b\n        title: 'never closed\n      - id: c\n        title: C\n"
    expect(problems(single)).toEqual([
      `${FILE}:9:16: YAML: this quote is never closed (the parser noticed only at line 12): close it`
    ])
  })

  it('a BOM, a zero-width space or a no-break space mid-file: at its real line and column, never quoted', () => {
    const bom = HEAD + '      - id: a\n        title: A\n\uFEFF      - id: b\n        title: B\n'
    expect(problems(bom)).toContain(
      `${FILE}:8:1: a byte-order mark (U+FEFF) here: delete it (it often comes with pasted text)`
    )
    const nbsp = HEAD + '      - id: a\n        title: A\n      - id: b\n\u00A0       title: B\n'
    expect(problems(nbsp)[0]).toBe(
      `${FILE}:9:1: a no-break space (U+00A0) in the indentation: YAML needs a plain space there`
    )
    const afterColon = HEAD + '      - id: a\n        title:\u00A0A\n'
    expect(problems(afterColon)).toEqual([
      `${FILE}:7:15: a no-break space (U+00A0) after ':': YAML needs a plain space there`
    ])
    // inside text it is text
    expect(problems(HEAD + '      - id: a\n        title: "500\u00A0ms: p95"\n')).toEqual([])
    expect(problems(HEAD + '      - id: a\n        title: p95 under 500\u00A0ms\n')).toEqual([])
  })

  it('messages never quote the text, which may hold a credential', () => {
    const secret = ['ghp', 'R'.repeat(36)].join('_')
    const texts = [
      HEAD + `      - id: a\n        title: "${secret}\n`,
      HEAD + `      - id: a\n        title: ${secret}: [x] y\n`,
      HEAD + `      - id: a\n\ttitle: ${secret}\n`,
      HEAD + `      - id: a\n        title: [${secret}] z\n`
    ]
    for (const text of texts) {
      const found = problems(text)
      expect(found.length).toBeGreaterThan(0)
      expect(found.join('\n')).not.toContain('RRRR')
    }
  })
})
