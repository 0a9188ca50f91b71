import path from 'node:path'
import { parse as parseToml } from 'smol-toml'
import { LineCounter, parseAllDocuments } from 'yaml'
import { parseDotPath } from '../../checklist/dot-path.js'
import { yamlProblems } from '../../checklist/yaml-hints.js'
import { CheckError, errorMessage } from '../../errors.js'
import { deepEqual, lookup } from './assert.js'

export type Format = 'json' | 'yaml' | 'toml'
export type Scalar = string | number | boolean

/** Which document of a multi-document YAML file (Kubernetes manifests, Helm output) is judged. */
export interface DocumentChoice {
  /** 0-based index among the file's non-empty documents */
  document?: number
  /** dot path -> value; exactly one document must match every entry */
  select?: Record<string, Scalar>
}

export function formatOf(file: string, format: string): Format | undefined {
  if (format !== 'auto') return format as Format
  const ext = path.extname(file).toLowerCase()
  if (ext === '.json' || ext === '.sarif') return 'json'
  if (ext === '.yaml' || ext === '.yml') return 'yaml'
  if (ext === '.toml') return 'toml'
  return undefined
}

/** Parses a JSON, YAML or TOML file and picks the document to judge; what cannot be read is a CheckError. */
export function parseData(
  text: string,
  file: string,
  format: Format | undefined,
  choice: DocumentChoice = {}
): unknown {
  return pickDocument(parseDocuments(text, file, format), file, choice)
}

/** Every document of the file: one for JSON and TOML, each non-empty one of a YAML stream. */
export function parseDocuments(text: string, file: string, format: Format | undefined): unknown[] {
  const formats: Format[] = format ? [format] : ['json', 'yaml', 'toml']
  let first: string | undefined
  for (const f of formats) {
    try {
      return parseAs(text, f)
    } catch (e) {
      first ??= `${f.toUpperCase()}: ${errorMessage(e)}`
    }
  }
  throw new CheckError(`cannot parse ${file} (${first})`)
}

function parseAs(text: string, format: Format): unknown[] {
  switch (format) {
    case 'json':
      return [JSON.parse(text)]
    case 'yaml': {
      const lineCounter = new LineCounter()
      const docs = parseAllDocuments(text, { prettyErrors: false, lineCounter, logLevel: 'error' })
      if (!Array.isArray(docs)) return [] // an empty stream
      const data: unknown[] = []
      for (const doc of docs) {
        if (doc.errors.length) {
          // the same hints as for the checklist, at the place of the mistake, never quoting the text
          const [p] = yamlProblems(text, [doc.errors[0]], lineCounter)
          const { line, col } = lineCounter.linePos(p.offset)
          throw new Error(`${p.message.replace(/^YAML: /, '')} at line ${line}, column ${col}`)
        }
        const value = doc.toJS({ maxAliasCount: 1000 })
        if (value !== null && value !== undefined) data.push(value)
      }
      return data
    }
    case 'toml':
      return [parseToml(text)]
  }
}

/** The document named by `document` or `select`; a file of several documents needs one of them. */
export function pickDocument(docs: unknown[], file: string, choice: DocumentChoice): unknown {
  const n = docs.length
  const count = `${n} document${n === 1 ? '' : 's'}`
  if (choice.select) {
    const wanted = Object.entries(choice.select)
    const describe = wanted.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')
    const matches = docs.filter(doc =>
      wanted.every(([key, value]) => {
        const segs = parseDotPath(key)
        if (typeof segs === 'string') return false
        const found = lookup(doc, segs)
        return found.found && deepEqual(found.value, value)
      })
    )
    if (matches.length === 1) return matches[0]
    if (matches.length === 0)
      throw new CheckError(`no document of ${file} (${count}) has ${describe}: check 'select'`)
    throw new CheckError(
      `${matches.length} documents of ${file} have ${describe}: add a key to 'select' so that one matches`
    )
  }
  if (choice.document !== undefined) {
    if (choice.document >= n)
      throw new CheckError(
        `${file} has ${count}, so there is no document ${choice.document} (0-based): check 'document'`
      )
    return docs[choice.document]
  }
  if (n === 0) return null
  if (n > 1)
    throw new CheckError(
      `${file} holds ${count}: pick one with 'document: N' (0-based) or 'select: { kind: Deployment, metadata.name: api }'`
    )
  return docs[0]
}
