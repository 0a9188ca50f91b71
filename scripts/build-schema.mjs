// Assembles checklist.schema.json (committed, the public format) from src/checklist/schema.base.json and one
// fragment per kind, src/checks/<kind>/schema.json, in the order of the loaders in src/checks/registry.ts.
// Run by `npm run build`; `--check` fails when the committed file differs.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'

const read = rel => JSON.parse(readFileSync(new URL(`../${rel}`, import.meta.url), 'utf8'))

/** The kinds, in the order the registry lists them (`name: { spec: ..., load: () => import('./name/index.js') }`). */
export function registeredKinds() {
  const registry = readFileSync(new URL('../src/checks/registry.ts', import.meta.url), 'utf8')
  const kinds = [
    ...registry.matchAll(
      /^\s*'?([a-z][a-z0-9-]*)'?: \{ spec: \w+, load: \(\) => import\('\.\/([a-z0-9-]+)\/index\.js'\) \}/gm
    )
  ]
  for (const [, name, folder] of kinds)
    if (name !== folder) throw new Error(`registry: kind '${name}' must live in src/checks/${name}/`)
  return kinds.map(m => m[1])
}

export function assembleSchema() {
  const { $comment: _, ...base } = read('src/checklist/schema.base.json')
  const item = base.definitions.item
  const defaultKind = item.properties.check.default
  const kinds = registeredKinds()
  const definitions = {}
  for (const [name, def] of Object.entries(base.definitions)) {
    definitions[name] = def
    if (name !== 'item') continue
    // the kinds' options follow the item that refers to them
    for (const kind of kinds) {
      const fragment = read(`src/checks/${kind}/schema.json`)
      definitions[kind] = fragment.options
      Object.assign(definitions, fragment.definitions)
    }
  }
  item.properties.check.enum = kinds
  item.allOf = kinds.map(kind => {
    const { withRequired } = read(`src/checks/${kind}/schema.json`)
    const ref = `#/definitions/${kind}`
    return {
      // an item without `check` is the default kind
      if: {
        properties: { check: { const: kind } },
        ...(kind === defaultKind ? {} : { required: ['check'] })
      },
      then: withRequired
        ? { required: ['with'], properties: { with: { $ref: ref } } }
        : { properties: { with: { $ref: ref, default: {} } } }
    }
  })
  return { ...base, definitions }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = new URL('../checklist.schema.json', import.meta.url)
  const style = await resolveConfig(fileURLToPath(file))
  const text = await format(JSON.stringify(assembleSchema()), { ...style, filepath: fileURLToPath(file) })
  if (process.argv.includes('--check')) {
    if (readFileSync(file, 'utf8') !== text) {
      console.error('checklist.schema.json is stale: run npm run build')
      process.exit(1)
    }
  } else {
    // a hand edit of the assembled file would be lost without a word: say so (the old text stays in git)
    if (readFileSync(file, 'utf8') !== text)
      console.warn(
        'checklist.schema.json was rewritten from the fragments. If it was edited by hand, move that edit into\n' +
          'src/checks/<kind>/schema.json or src/checklist/schema.base.json (see: git diff checklist.schema.json).'
      )
    writeFileSync(file, text)
  }
}
