// YAML syntax errors in a person's words, at the place the mistake was made: the parser reports an unclosed
// quote at the end of the file and an unquoted `[` as "Unexpected scalar at node end". No message quotes the
// text, which may hold a credential.
import { Lexer, type LineCounter } from 'yaml'

export interface YamlProblem {
  offset: number
  message: string
}

interface YamlError {
  code?: string
  pos: [number, number]
  message: string
}

const MAX_YAML_ERRORS = 5

const QUOTE_HINT =
  'quote the value if it is text (a value that starts with [ or { is a YAML list or mapping, e.g. contains: "[A-Z]+ ok")'

/**
 * The first few syntax errors, one per line, each with a hint for the common mistakes; the rest are
 * counted, as they mostly follow from the first.
 */
export function yamlProblems(text: string, errors: YamlError[], lineCounter: LineCounter): YamlProblem[] {
  const out: YamlProblem[] = []
  const lines = new Set<number>()
  let rest = 0
  let lastOffset = 0
  const located = errors.map(e => {
    const opening =
      e.code === 'MISSING_CHAR' && /closing .?quote/i.test(e.message) ? unclosedQuote(text) : undefined
    return opening === undefined
      ? { offset: valueStart(e, text) ?? e.pos[0], message: yamlMessage(e, text) }
      : {
          offset: opening,
          message: `YAML: this quote is never closed (the parser noticed only at line ${lineCounter.linePos(e.pos[0]).line}): close it`
        }
  })
  for (const e of located.sort((a, b) => a.offset - b.offset)) {
    const line = lineCounter.linePos(e.offset).line
    if (lines.has(line)) continue
    lines.add(line)
    if (out.length < MAX_YAML_ERRORS) out.push(e)
    else {
      rest++
      lastOffset = e.offset
    }
  }
  if (rest)
    out.push({
      offset: lastOffset,
      message: `YAML: ${rest} more line${rest === 1 ? '' : 's'} with errors, probably following from the ones above`
    })
  return out
}

function yamlMessage(e: YamlError, text: string): string {
  const first = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
  const lineText = lineAt(text, e.pos[0])
  switch (e.code) {
    case 'TAB_AS_INDENT':
      return `YAML: a tab in the indentation: YAML indents with spaces only`
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      if (/:\s/.test(afterKey(lineText)))
        return `YAML: ${first}: a ': ' inside a plain value starts a mapping; quote the value (title: "Latency: p95 under 500 ms")`
      return `YAML: ${first}`
    case 'UNEXPECTED_TOKEN':
      if (/^\s*(?:-\s+)?[^\s#'"][^:#]*:\s+[[{]/.test(lineText) || /^\s*-\s+[[{]/.test(lineText))
        return `YAML: ${first}: ${QUOTE_HINT}`
      return `YAML: ${first}`
    default:
      if (/Implicit map keys need to be followed by map values/.test(first) && /:\s/.test(afterKey(lineText)))
        return `YAML: ${first}: a ': ' inside a plain value starts a mapping; quote the value`
      return `YAML: ${first}`
  }
}

/** An unquoted [ or { that starts a value is where the mistake is, not where the parser gave up. */
function valueStart(e: YamlError, text: string): number | undefined {
  if (e.code !== 'UNEXPECTED_TOKEN') return undefined
  const start = text.lastIndexOf('\n', e.pos[0] - 1) + 1
  const m = /^(\s*(?:-\s+)?[^\s#'"][^:#]*:\s+|\s*-\s+)[[{]/.exec(lineAt(text, e.pos[0]))
  return m ? start + m[1].length : undefined
}

function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1
  const end = text.indexOf('\n', offset)
  return text.slice(start, end < 0 ? text.length : end)
}

/** The text after the line's first `key: `. */
function afterKey(line: string): string {
  const m = /^\s*(?:-\s+)?[^\s:#'"][^:#]*:\s+/.exec(line)
  return m ? line.slice(m[0].length) : ''
}

/** Offset of the quote that opens a quoted scalar never closed, found with the YAML lexer. */
function unclosedQuote(text: string): number | undefined {
  let offset = 0
  for (const token of new Lexer().lex(text)) {
    // the lexer's own markers (document, scalar, flow end) take no room in the text
    if (token.length === 1 && (token === '\x02' || token === '\x18' || token === '\x1f')) continue
    const q = token[0]
    if ((q === '"' || q === "'") && !closes(token)) return offset
    offset += token.length
  }
  return undefined
}

function closes(token: string): boolean {
  const q = token[0]
  if (token.length < 2 || token[token.length - 1] !== q) return false
  if (q === "'") {
    // '' is an escaped quote: the scalar closes when the run of quotes at the end is odd
    let n = 0
    for (let i = token.length - 1; i > 0 && token[i] === "'"; i--) n++
    return n % 2 === 1
  }
  let backslashes = 0
  for (let i = token.length - 2; i > 0 && token[i] === '\\'; i--) backslashes++
  return backslashes % 2 === 0
}

const INVISIBLE: Record<string, string> = {
  '\uFEFF': 'a byte-order mark (U+FEFF)',
  '\u200B': 'a zero-width space (U+200B)',
  '\u200C': 'a zero-width non-joiner (U+200C)',
  '\u2060': 'a word joiner (U+2060)'
}
const SPACES = /[\u00A0\u2007\u202F\u3000]/

/**
 * Characters that look like nothing, or like a space, where YAML needs a real space: a byte-order mark or a
 * zero-width space anywhere after the start, a no-break space in the indentation or after `:`/`-`. Pasted
 * from a document or a chat, they make the parser complain lines away, or silently change a key.
 */
export function invisibleCharacters(text: string): YamlProblem[] {
  const out: YamlProblem[] = []
  let lineStart = 0
  for (const line of text.split('\n')) {
    for (let i = 0; i < line.length; i++) {
      const c = line[i]
      const what = INVISIBLE[c]
      if (what && lineStart + i > 0) {
        out.push({
          offset: lineStart + i,
          message: `${what} here: delete it (it often comes with pasted text)`
        })
        break
      }
      if (SPACES.test(c)) {
        const indent = /^[ \u00A0\u2007\u202F\u3000]*$/.test(line.slice(0, i))
        const quoted = (line.slice(0, i).match(/"/g)?.length ?? 0) % 2 === 1
        const afterSyntax =
          !quoted &&
          i > 0 &&
          (line[i - 1] === ':' || (line[i - 1] === '-' && /^\s*$/.test(line.slice(0, i - 1))))
        if (indent || afterSyntax) {
          out.push({
            offset: lineStart + i,
            message: `a no-break space (U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}) ${indent ? 'in the indentation' : `after '${line[i - 1]}'`}: YAML needs a plain space there`
          })
          break
        }
      }
    }
    lineStart += line.length + 1
  }
  return out
}
