import path from 'node:path'
import { parse as parseToml } from 'smol-toml'
import { parseDocument } from 'yaml'
import { CheckError, errorMessage } from '../../errors.js'

export type Format = 'json' | 'yaml' | 'toml'

export function formatOf(file: string, format: string): Format | undefined {
  if (format !== 'auto') return format as Format
  const ext = path.extname(file).toLowerCase()
  if (ext === '.json' || ext === '.sarif') return 'json'
  if (ext === '.yaml' || ext === '.yml') return 'yaml'
  if (ext === '.toml') return 'toml'
  return undefined
}

/** Parses a JSON, YAML or TOML document; a file that does not parse cannot be judged (CheckError). */
export async function parseData(text: string, file: string, format: Format | undefined): Promise<unknown> {
  const formats: Format[] = format ? [format] : ['json', 'yaml', 'toml']
  let first: string | undefined
  for (const f of formats) {
    try {
      return await parseAs(text, f)
    } catch (e) {
      first ??= `${f.toUpperCase()}: ${errorMessage(e)}`
    }
  }
  throw new CheckError(`cannot parse ${file} (${first})`)
}

function parseAs(text: string, format: Format): unknown {
  switch (format) {
    case 'json':
      return JSON.parse(text)
    case 'yaml': {
      const doc = parseDocument(text, { prettyErrors: true })
      if (doc.errors.length) throw new Error(doc.errors[0].message)
      return doc.toJS({ maxAliasCount: 1000 })
    }
    case 'toml':
      return parseToml(text)
  }
}
