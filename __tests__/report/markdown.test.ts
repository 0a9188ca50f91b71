import { describe, expect, it } from '@jest/globals'
import type { Item } from '../../src/checklist/types.js'
import type { GateResult, ItemResult } from '../../src/gate/types.js'
import { verdict } from '../../src/gate/verdict.js'
import { COMMENT_MARKER, escapeMarkdown, renderDetails, renderMarkdown } from '../../src/report/markdown.js'
import { renderTerminal } from '../../src/report/terminal.js'

function result(items: Partial<ItemResult>[]): GateResult {
  return verdict(
    { name: 'Mech-Exo', path: '.github/go-live.yml', release: 'v0.5.0' },
    items.map((r, i) => ({
      id: `item-${i}`,
      section: 'Security',
      title: `Item ${i}`,
      check: 'file',
      severity: 'blocking',
      status: 'pass',
      summary: 'ok',
      details: {},
      annotations: [],
      durationMs: 1,
      item: { docs: undefined } as unknown as Item,
      ...r
    }))
  )
}

describe('markdown', () => {
  it('shows the verdict, the counts and a row per item with its state', () => {
    const md = renderMarkdown(
      result([
        { status: 'pass', summary: 'no credentials in 120 files' },
        {
          status: 'fail',
          section: 'Testing',
          title: 'Coverage > 95%',
          check: 'coverage',
          summary: 'lines 93.20% < 95%'
        },
        { status: 'pending', section: 'Testing', severity: 'warning', summary: 'waits for carol' }
      ]),
      { runUrl: 'https://github.com/o/r/actions/runs/1' }
    )
    expect(md.split('\n').slice(0, 3)).toEqual([
      '## ❌ Go-live gate failed: 1 blocking item not passed',
      '',
      '**Mech-Exo v0.5.0** · ✅ 1 pass · ❌ 1 fail · ⏳ 1 pending'
    ])
    expect(md).toContain('<b>Security</b> · 1 pass</summary>\n\n| | Item | Check | Result |')
    expect(md).toContain(
      '| ❌ | Coverage &gt; 95%<br><sub>`item-1`</sub> | `coverage` | lines 93.20% &lt; 95% |'
    )
    expect(md).toContain('| ⏳ | Item 2 <sub>warning</sub><br><sub>`item-2`</sub>')
    expect(md).toContain('[workflow run](https://github.com/o/r/actions/runs/1)')
  })

  it('escapes what a checklist or a finding could inject: HTML, table breaks, mentions', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)> | @alice\nnext')).toBe(
      '&lt;img src=x onerror=alert(1)&gt; \\| @\u200balice next'
    )
    const md = renderMarkdown(result([{ title: '<script>', summary: 'a | b' }]))
    expect(md).not.toContain('<script>')
  })

  it('folds details, cutting long lists with a count', () => {
    const findings = Array.from({ length: 25 }, (_, i) => ({
      rule: 'aws-access-key',
      file: `src/f${i}.ts`,
      line: i + 1
    }))
    const body = renderDetails({ filesScanned: 120, findings })
    expect(body).toContain('- **filesScanned**: 120')
    expect(body).toContain('**findings** (25)')
    expect(body).toContain('| rule | file | line |')
    expect(body).toContain('…and 5 more')
    const md = renderMarkdown(result([{ status: 'fail', details: { findings } }]))
    expect(md).toContain('<details><summary>❌ Item 0: details</summary>')
  })

  it('has a short form for the PR comment: the marker and only what is not passed', () => {
    const md = renderMarkdown(result([{ status: 'pass' }, { status: 'error', summary: 'API refused' }]), {
      marker: true,
      all: false,
      details: false
    })
    expect(md.startsWith(COMMENT_MARKER)).toBe(true)
    expect(md).not.toContain('item-0')
    expect(md).toContain('| ❗ | Item 1')
  })
})

describe('terminal', () => {
  it('prints a line per item and the verdict, coloured only when asked', () => {
    const r = result([
      { status: 'pass', summary: 'fine' },
      { status: 'error', id: 'api', summary: 'API refused' }
    ])
    const plain = renderTerminal(r)
    expect(plain).toContain('  ! error   api     API refused')
    expect(plain).toContain('FAIL Go-live gate failed: 1 blocking item not passed (1 pass, 1 error)')
    expect(plain).not.toContain('\x1b[')
    expect(renderTerminal(r, { color: true })).toContain('\x1b[31m')
  })
})
