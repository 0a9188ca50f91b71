import { Ajv, type AnySchema } from 'ajv'
import { Ajv2019 } from 'ajv/dist/2019.js'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsPlugin from 'ajv-formats'
import { CheckError } from '../../errors.js'
import type { Check } from '../types.js'
import { evaluate } from './assert.js'
import { formatOf, parseData } from './read.js'
import { looksSecret, REDACTED } from './redact.js'
import type { ValuesOptions } from './options.gen.js'

/** A JSON pointer into the file with any key that looks like a credential hidden (a token can be a key). */
function shownPointer(pointer: string): string {
  if (!pointer) return '/'
  return pointer
    .split('/')
    .map(seg => (looksSecret(seg.replace(/~1/g, '/').replace(/~0/g, '~')) ? REDACTED : seg))
    .join('/')
}

export type { ValuesOptions }

/** Assertions on a JSON, YAML or TOML file: config (risk limits, canary %) or results (p95 latency). */
export const check: Check<ValuesOptions> = async (options, _item, ctx) => {
  const { file } = options
  if (!(await ctx.workspace.exists(file)))
    throw new CheckError(`${file} does not exist: produce it before the gate runs`)
  const data = parseData(await ctx.workspace.readText(file), file, formatOf(file, options.format), {
    document: options.document,
    select: options.select
  })
  const where = options.select
    ? `${file} [${Object.entries(options.select)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(', ')}]`
    : options.document !== undefined
      ? `${file} [document ${options.document}]`
      : file

  const problems: string[] = []
  const details: Record<string, unknown> = {}
  if (options.schema) {
    const errors = await schemaErrors(options.schema, data, ctx.workspace.readText.bind(ctx.workspace))
    details.schema = { file: options.schema, errors }
    for (const e of errors) problems.push(`${file} does not match ${options.schema}: ${e}`)
  }
  const assertions = options.assert.map(a => evaluate(data, a))
  details.assertions = assertions
  for (const a of assertions) if (!a.ok) problems.push(a.reason ?? `${a.path} does not hold`)

  if (problems.length)
    return {
      status: 'fail',
      summary: `${problems[0]} (${where})${problems.length > 1 ? ` (+${problems.length - 1} more)` : ''}`,
      details
    }
  const parts: string[] = []
  if (options.schema) parts.push(`matches ${options.schema}`)
  if (assertions.length)
    parts.push(assertions.length === 1 ? '1 assertion holds' : `${assertions.length} assertions hold`)
  return { status: 'pass', summary: `${where}: ${parts.join(', ')}`, details }
}

async function schemaErrors(
  schemaFile: string,
  data: unknown,
  read: (f: string) => Promise<string>
): Promise<string[]> {
  const schema = parseData(await read(schemaFile), schemaFile, formatOf(schemaFile, 'auto'))
  if (typeof schema !== 'object' || schema === null)
    throw new CheckError(`${schemaFile} is not a JSON Schema`)
  const draft = String((schema as { $schema?: unknown }).$schema ?? '')
  const Engine = draft.includes('2020-12') ? Ajv2020 : draft.includes('2019-09') ? Ajv2019 : Ajv
  const ajv = new Engine({ allErrors: true, strict: false, validateFormats: true })
  // ajv-formats is CommonJS: its function is the default export or the module itself, by loader.
  const addFormats = ((addFormatsPlugin as { default?: unknown }).default ?? addFormatsPlugin) as (
    a: unknown
  ) => void
  addFormats(ajv)
  let validate
  try {
    validate = ajv.compile(schema as AnySchema)
  } catch (e) {
    if (e instanceof RangeError)
      throw new CheckError(`${schemaFile} loops on itself (a $ref that never ends): fix the schema`)
    throw new CheckError(`${schemaFile} is not a valid JSON Schema: ${(e as Error).message}`)
  }
  let valid: boolean
  try {
    valid = validate(data) as boolean
  } catch (e) {
    // a schema that refers to itself without consuming anything (`{"$ref": "#"}`) recurses forever
    if (e instanceof RangeError)
      throw new CheckError(`${schemaFile} loops on itself (a $ref that never ends): fix the schema`)
    throw e
  }
  if (valid) return []
  return (validate.errors ?? [])
    .slice(0, 20)
    .map(e => `${shownPointer(e.instancePath)} ${e.message ?? 'is invalid'}`)
}
