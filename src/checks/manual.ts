import type { Check } from './types.js'

/** A person attests the item on the release PR. Without GitHub there is no one to ask: it waits. */
export const check: Check<{ 'expires-on-push': boolean }> = async (_options, item, ctx) => {
  const owner = item.owner ? ctx.checklist.roles[item.owner] : undefined
  const who = owner ? `a ${owner.title} (role ${item.owner})` : 'someone with write access'
  return {
    status: 'pending',
    summary: `waits for ${who} to comment "/go-live attest ${item.id}" on the release PR`,
    details: { ignored: [] }
  }
}
