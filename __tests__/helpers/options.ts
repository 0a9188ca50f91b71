import type { Kind } from '../../src/checks/registry.js'
import validate from '../../src/checklist/validate.generated.js'

/**
 * A kind's options as the checklist loader hands them to the kind: the item's `with` after the checklist
 * schema's validator filled its defaults in (src/checks/<kind>/schema.json). Kinds never apply a default
 * again, so a test that calls a check directly passes its options through here.
 */
export function loaded<T>(kind: Kind, options: Partial<T>): T {
  const item = { id: 'item', title: 'Item', check: kind, with: structuredClone(options) }
  validate({ version: 1, name: 'Test', sections: [{ title: 'Section', items: [item] }] })
  return item.with as T
}
