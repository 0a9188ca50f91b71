import picomatch from 'picomatch'
import type { When } from '../checklist/types.js'
import type { GateEvent } from '../event.js'

/** Why the item does not apply to this event, or undefined when it applies. */
export function skipReason(when: When | undefined, event: GateEvent): string | undefined {
  if (!when) return undefined
  if (when.events && !when.events.includes(event.name))
    return `applies on ${when.events.join(', ')}; this run is ${event.name}`
  // An unknown branch does not skip: when in doubt the item is checked.
  if (when.branches && event.branch !== undefined && !picomatch(when.branches)(event.branch))
    return `applies to branches ${when.branches.join(', ')}; this is ${event.branch}`
  return undefined
}
