import { Ajv, type AnySchema } from 'ajv'
import { Ajv2019 } from 'ajv/dist/2019.js'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsPlugin from 'ajv-formats'
import { CheckError } from '../../errors.js'
import type { Check } from '../types.js'
import { evaluate, type Assertion } from './assert.js'
import { formatOf, parseData } from './read.js'

export interface ValuesOptions {
  file: string
  format: 'auto' | 'json' | 'yaml' | 'toml'
  schema?: string
  assert: Assertion[]
}

/** Assertions on a JSON, YAML or TOML file: config (risk limits, canary %) or results (p95 latency). */
export const check: Check<ValuesOptions> = async (options, _item, ctx) => {
  const { file } = options
  if (!(await ctx.workspace.exists(file)))
    throw new CheckError(`${file} does not exist: produce it before the gate runs`)
  const data = await parseData(await ctx.workspace.readText(file), file, formatOf(file, options.format))

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
      summary: `${problems[0]} (${file})${problems.length > 1 ? ` (+${problems.length - 1} more)` : ''}`,
      details
    }
  const parts: string[] = []
  if (options.schema) parts.push(`matches ${options.schema}`)
  if (assertions.length)
    parts.push(assertions.length === 1 ? '1 assertion holds' : `${assertions.length} assertions hold`)
  return { status: 'pass', summary: `${file}: ${parts.join(', ')}`, details }
}

async function schemaErrors(
  schemaFile: string,
  data: unknown,
  read: (f: string) => Promise<string>
): Promise<string[]> {
  const schema = await parseData(await read(schemaFile), schemaFile, formatOf(schemaFile, 'auto'))
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
    throw new CheckError(`${schemaFile} is not a valid JSON Schema: ${(e as Error).message}`)
  }
  if (validate(data)) return []
  return (validate.errors ?? [])
    .slice(0, 20)
    .map(e => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
}
