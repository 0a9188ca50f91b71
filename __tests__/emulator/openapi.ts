import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv, type ValidateFunction } from 'ajv'

// GitHub's published OpenAPI description (npm @octokit/openapi): the emulator's answers are built from
// its examples and checked against its schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

let doc: Json | undefined
export function openapi(): Json {
  if (!doc) {
    const file = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json')
    doc = openapiToJsonSchema(JSON.parse(readFileSync(file, 'utf8')))
  }
  return doc
}

/** OpenAPI 3.0's `nullable` as JSON Schema: null joins the type (or the enum), else an anyOf with null. */
function openapiToJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(openapiToJsonSchema)
  if (!node || typeof node !== 'object') return node
  const out: Json = {}
  for (const [k, v] of Object.entries(node))
    out[k] = k === 'example' || k === 'examples' ? v : openapiToJsonSchema(v)
  if (out.nullable !== true) return out
  delete out.nullable
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null']
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null]
    return out
  }
  return { anyOf: [out, { type: 'null' }] }
}

/** A fresh copy of one of the description's examples (`components/examples/<name>`). */
export function example(name: string): Json {
  const value = openapi().components.examples[name]?.value
  if (value === undefined) throw new Error(`no example '${name}' in the OpenAPI description`)
  return structuredClone(value)
}

let ajv: Ajv | undefined
const compiled = new Map<string, ValidateFunction | null>()

function resolveResponse(response: Json): Json {
  if (response?.$ref) return openapi().components.responses[response.$ref.split('/').pop()]
  return response
}

/**
 * Checks a response body against the operation's schema for that status; returns the problems
 * (empty when it conforms). An operation or status the description does not have is a problem too.
 */
export function validateResponse(method: string, route: string, status: number, body: unknown): string[] {
  const key = `${method.toLowerCase()} ${route} ${status}`
  if (!compiled.has(key)) {
    const op = openapi().paths[route]?.[method.toLowerCase()]
    if (!op) return [`${method} ${route} is not in GitHub's OpenAPI description`]
    const response = resolveResponse(op.responses[String(status)])
    if (!response) return [`${method} ${route} has no ${status} response in GitHub's OpenAPI description`]
    const schema = response.content?.['application/json']?.schema
    if (!schema) compiled.set(key, null)
    else {
      ajv ??= (() => {
        const a = new Ajv({ strict: false, allErrors: true, validateFormats: false })
        a.addSchema(openapi(), 'github.json')
        return a
      })()
      const pointer = `github.json#/paths/${route.replace(/~/g, '~0').replace(/\//g, '~1')}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`
      const direct = op.responses[String(status)]?.$ref
        ? `github.json#/components/responses/${op.responses[String(status)].$ref.split('/').pop()}/content/application~1json/schema`
        : pointer
      compiled.set(key, ajv.compile({ $ref: direct }))
    }
  }
  const validate = compiled.get(key)
  if (!validate) return body === undefined || body === '' ? [] : [`${key}: the description has no JSON body`]
  if (validate(body)) return []
  return (validate.errors ?? []).slice(0, 5).map(e => `${key}: ${e.instancePath || '/'} ${e.message}`)
}
