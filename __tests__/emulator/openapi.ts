import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type * as AjvModule from 'ajv'
import type { Ajv as AjvInstance, ValidateFunction } from 'ajv'
import type standaloneCode from 'ajv/dist/standalone/index.js'

// GitHub's published OpenAPI description (npm @octokit/openapi): the emulator's answers are built from
// its examples and checked against its schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

const require = createRequire(import.meta.url)
const FILE = require.resolve('@octokit/openapi/generated/api.github.com.json')
const SELF = fileURLToPath(import.meta.url)
const ROOT = path.resolve(path.dirname(SELF), '../..')

let full: Json | undefined
/** The whole description (13 MB: about 1.5 s to read, and as long again for ajv to take in). */
function fullDescription(): Json {
  full ??= openapiToJsonSchema(JSON.parse(readFileSync(FILE, 'utf8')))
  return full
}

let doc: Json | undefined
export function openapi(): Json {
  doc ??= fullDescription()
  return doc
}

/**
 * Narrows the description to the given paths, what they reference ($ref, followed to the end) and every
 * example: the same schemas and examples, a fifth of the size. Made once from the whole description and
 * kept in node_modules/.cache, named by the package's version, the paths and this file, so that a test
 * file reads it in milliseconds. A path outside it falls back to the whole description (validateResponse).
 */
export function useOpenapiPaths(templates: string[]): void {
  if (doc) return
  const version = (require('@octokit/openapi/package.json') as { version: string }).version
  const key = createHash('sha256')
    .update(JSON.stringify([version, [...new Set(templates)].sort(), readFileSync(SELF, 'utf8')]))
    .digest('hex')
    .slice(0, 16)
  const cache = path.join(ROOT, 'node_modules/.cache/go-live-gate-tests')
  const file = path.join(cache, `openapi-${key}.json`)
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'))
    return
  } catch {
    // not made yet
  }
  doc = narrow(fullDescription(), templates)
  mkdirSync(cache, { recursive: true })
  // written aside and renamed: a test file in the other worker reads it whole or not at all
  const part = `${file}.${process.pid}`
  writeFileSync(part, JSON.stringify(doc))
  renameSync(part, file)
}

function narrow(whole: Json, templates: string[]): Json {
  const out: Json = {
    openapi: whole.openapi,
    info: whole.info,
    paths: {},
    components: Object.fromEntries(Object.keys(whole.components).map(k => [k, {}]))
  }
  out.components.examples = whole.components.examples
  const seen = new Set<string>()
  const visit = (node: Json): void => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (!node || typeof node !== 'object') return
    const ref = node.$ref
    if (typeof ref === 'string' && ref.startsWith('#/components/') && !seen.has(ref)) {
      seen.add(ref)
      const [kind, name] = ref.slice('#/components/'.length).split('/')
      const target = whole.components[kind]?.[name]
      if (target === undefined) return
      out.components[kind][name] = target
      visit(target)
    }
    for (const v of Object.values(node)) visit(v)
  }
  for (const t of templates)
    if (whole.paths[t]) {
      out.paths[t] = whole.paths[t]
      visit(whole.paths[t])
    }
  return out
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

let ajv: AjvInstance | undefined
/** A validator, null for a response without a JSON body, or the problem with the operation itself. */
const compiled = new Map<string, ValidateFunction | null | string>()

function resolveResponse(response: Json): Json {
  if (response?.$ref) return openapi().components.responses[response.$ref.split('/').pop()]
  return response
}

/**
 * Checks a response body against the operation's schema for that status; returns the problems
 * (empty when it conforms). An operation or status the description does not have is a problem too.
 */
/** Forgets the validators this test file has loaded (the ones kept on disk stay). */
export function forgetValidators(): void {
  compiled.clear()
}

/** `fresh`: compiled from the description now (and kept on disk again), not read from the disk. */
export function validateResponse(
  method: string,
  route: string,
  status: number,
  body: unknown,
  { fresh = false } = {}
): string[] {
  const key = `${method.toLowerCase()} ${route} ${status}`
  // a path the narrowed description does not hold: the whole one decides
  if (!openapi().paths[route] && doc !== full) {
    doc = fullDescription()
    ajv = undefined
    compiled.clear()
  }
  if (!compiled.has(key)) {
    const cached = fresh ? undefined : cachedValidator(key)
    compiled.set(key, cached !== undefined ? cached : compileValidator(method, route, status, key))
  }
  const validate = compiled.get(key)
  if (typeof validate === 'string') return [validate]
  if (!validate) return body === undefined || body === '' ? [] : [`${key}: the description has no JSON body`]
  if (validate(body)) return []
  return (validate.errors ?? []).slice(0, 5).map(e => `${key}: ${e.instancePath || '/'} ${e.message}`)
}

/**
 * The validators, compiled once per machine: ajv's standalone code for one response, made on first use into
 * node_modules/.cache (written aside and renamed: the other worker reads it whole or not at all), then loaded
 * with node's require, which keeps it for the worker's later test files. A response's schema is the same in
 * the narrowed and the whole description, so the name holds what decides it: ajv's and the description's
 * versions, this file (the conversion, the options) and the response. The checks are the ones ajv.compile makes.
 */
const validatorCache = path.join(ROOT, 'node_modules/.cache/go-live-gate-tests/validators')
function validatorFile(key: string): string {
  const versions = ['ajv', '@octokit/openapi'].map(
    p => (require(`${p}/package.json`) as { version: string }).version
  )
  const hash = createHash('sha256')
    .update(JSON.stringify([versions, readFileSync(SELF, 'utf8'), key]))
    .digest('hex')
    .slice(0, 24)
  return path.join(validatorCache, `${hash}.cjs`)
}

function cachedValidator(key: string): ValidateFunction | null | undefined {
  const file = validatorFile(key)
  if (!existsSync(file)) return undefined
  return require(file) as ValidateFunction | null
}

const AJV_OPTIONS = { strict: false, allErrors: true, validateFormats: false, validateSchema: false } as const

function compileValidator(
  method: string,
  route: string,
  status: number,
  key: string
): ValidateFunction | null | string {
  const op = openapi().paths[route]?.[method.toLowerCase()]
  if (!op) return `${method} ${route} is not in GitHub's OpenAPI description`
  const response = resolveResponse(op.responses[String(status)])
  if (!response) return `${method} ${route} has no ${status} response in GitHub's OpenAPI description`
  const schema = response.content?.['application/json']?.schema
  let code = 'module.exports = null\n'
  let validate: ValidateFunction | null = null
  if (schema) {
    ajv ??= (() => {
      // GitHub's description is taken as it is: not checked against the meta-schema in every test file
      const { Ajv } = require('ajv') as typeof AjvModule
      const a = new Ajv({ ...AJV_OPTIONS, code: { source: true } })
      a.addSchema(openapi(), 'github.json')
      return a
    })()
    const pointer = `github.json#/paths/${route.replace(/~/g, '~0').replace(/\//g, '~1')}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`
    const direct = op.responses[String(status)]?.$ref
      ? `github.json#/components/responses/${op.responses[String(status)].$ref.split('/').pop()}/content/application~1json/schema`
      : pointer
    validate = ajv.compile({ $ref: direct })
    const standalone = (require('ajv/dist/standalone/index.js') as typeof standaloneCode).default
    code = standalone(ajv, validate)
  }
  const file = validatorFile(key)
  mkdirSync(validatorCache, { recursive: true })
  const part = `${file}.${process.pid}`
  writeFileSync(part, code)
  renameSync(part, file)
  return validate
}
