// Generates src/checks/<kind>/options.gen.ts, the TypeScript type of each kind's options, from its schema
// fragment (src/checks/<kind>/schema.json). An option with a default is required in the type: the loader's
// validator fills defaults in (ajv useDefaults), so a kind never applies one again.
// Run by `npm run build`; `--check` fails when a committed file differs (npm run check-dist).
import { readFileSync, writeFileSync } from 'node:fs'
import { compile } from 'json-schema-to-typescript'
import { format, resolveConfig } from 'prettier'
import { registeredKinds } from './build-schema.mjs'

const read = rel => JSON.parse(readFileSync(new URL(`../${rel}`, import.meta.url), 'utf8'))

/** A copy of the schema where every property with a default is required (it is always there after loading). */
function withDefaultsRequired(schema) {
  if (Array.isArray(schema)) return schema.map(withDefaultsRequired)
  if (!schema || typeof schema !== 'object') return schema
  const out = {}
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'default' || key === 'examples') continue
    out[key] = key === 'properties' ? mapValues(value, withDefaultsRequired) : withDefaultsRequired(value)
  }
  if (schema.properties && typeof schema.properties === 'object') {
    const defaulted = Object.keys(schema.properties).filter(k => schema.properties[k]?.default !== undefined)
    if (defaulted.length) out.required = [...new Set([...(schema.required ?? []), ...defaulted])]
  }
  return out
}

const mapValues = (o, f) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]))

/** `ci-status` -> `CiStatusOptions` */
export function typeName(kind) {
  return kind.replace(/(^|-)([a-z0-9])/g, (_, _d, c) => c.toUpperCase()) + 'Options'
}

/** The shared definitions of the format (paths, duration, date...) written out where they are used. */
function inlineBase(schema, base) {
  if (Array.isArray(schema)) return schema.map(s => inlineBase(s, base))
  if (!schema || typeof schema !== 'object') return schema
  const ref = /^#\/definitions\/(.+)$/.exec(schema.$ref ?? '')?.[1]
  if (ref && Object.hasOwn(base.definitions, ref)) {
    const { $ref: _, ...rest } = schema
    return inlineBase({ ...base.definitions[ref], ...rest }, base)
  }
  return mapValues(schema, v => inlineBase(v, base))
}

export async function generate(kind, base) {
  const fragment = read(`src/checks/${kind}/schema.json`)
  const schema = withDefaultsRequired(
    inlineBase({ ...fragment.options, title: typeName(kind), definitions: fragment.definitions ?? {} }, base)
  )
  const ts = await compile(schema, typeName(kind), {
    bannerComment: `// Generated from src/checks/${kind}/schema.json by scripts/gen-options.mjs (npm run build). Do not edit.\n// Options with a default are required here: the checklist loader fills them in.`,
    additionalProperties: false,
    unreachableDefinitions: false,
    strictIndexSignatures: false,
    ignoreMinAndMaxItems: true,
    format: false
  })
  const file = new URL(`../src/checks/${kind}/options.gen.ts`, import.meta.url)
  const style = await resolveConfig(file.pathname)
  return { file, text: await format(ts, { ...style, filepath: file.pathname }) }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { $comment: _, ...base } = read('src/checklist/schema.base.json')
  const stale = []
  for (const kind of registeredKinds()) {
    const { file, text } = await generate(kind, base)
    let old
    try {
      old = readFileSync(file, 'utf8')
    } catch {
      old = undefined
    }
    if (old === text) continue
    if (process.argv.includes('--check')) stale.push(kind)
    else writeFileSync(file, text)
  }
  if (stale.length) {
    console.error(`src/checks/{${stale.join(',')}}/options.gen.ts is stale: run npm run build`)
    process.exit(1)
  }
}
