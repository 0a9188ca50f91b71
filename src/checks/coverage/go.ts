// Go coverprofile (`go test -coverprofile`): "mode: set|count|atomic", then one block a line,
// "<import path>/<file>.go:<startLine>.<startCol>,<endLine>.<endCol> <numStmts> <count>".
import { ReportSyntaxError } from './errors.js'
import { LineHits, addKey, type FileCoverage, type KeyHits, type ParsedReport } from './model.js'

const BLOCK = /^(.+):(\d+)\.(\d+),(\d+)\.(\d+) (\d+) (\d+)$/

export function parseGoCoverprofile(text: string): ParsedReport {
  const files = new Map<string, FileCoverage & { lines: LineHits; statements: KeyHits }>()
  let sawMode = false
  let lineNo = 0
  for (const raw of text.split('\n')) {
    lineNo++
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    if (line === '') continue
    // concatenated profiles repeat the mode line
    if (line.startsWith('mode: ')) {
      sawMode = true
      continue
    }
    if (!sawMode) throw new ReportSyntaxError("expected 'mode: set|count|atomic'", lineNo)
    const m = BLOCK.exec(line)
    if (!m) throw new ReportSyntaxError("expected '<file>:<line>.<col>,<line>.<col> <statements> <count>'", lineNo)
    const [, name, sl, sc, el, ec, n, c] = m
    let f = files.get(name)
    if (!f) {
      f = { lines: new LineHits(), statements: new Map() }
      files.set(name, f)
    }
    const count = Number(c)
    const stmts = Number(n)
    // statement coverage counts statements, not blocks: a block of n statements is n keys
    const key = `${sl}.${sc},${el}.${ec}`
    for (let i = 0; i < stmts; i++) addKey(f.statements, i === 0 ? key : `${key}#${i}`, count)
    // derived line coverage: a line is coverable when a block with statements spans it, and
    // covered when any such block ran (so an `if` line is covered when its condition was evaluated)
    if (stmts > 0) {
      const from = Number(sl)
      const to = Number(el)
      for (let l = from; l <= to; l++) {
        const prev = f.lines.get(l)
        if (prev < 0) f.lines.add(l, count)
        else if (prev === 0 && count > 0) f.lines.add(l, count)
      }
    }
  }
  if (!sawMode) throw new ReportSyntaxError("empty Go coverprofile: no 'mode:' line", 1)
  return { format: 'go', files }
}
