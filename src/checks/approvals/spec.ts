import { listOf } from '../../text.js'
import type { KindSpec } from '../types.js'

export const spec: KindSpec = {
  roles: ['roles'],
  needs: 'roles',
  validate(w, v) {
    if (!Array.isArray(w.roles)) return
    const count = typeof w.count === 'number' ? w.count : 1
    for (const r of w.roles) {
      const role = typeof r === 'string' ? v.roles.get(r) : undefined
      const users = listOf(role?.users).length
      if (role && listOf(role.teams).length === 0 && users < count)
        v.report(
          v.at('count'),
          `'count' is ${count} but role '${r}' has only ${users} user${users === 1 ? '' : 's'}`
        )
    }
  }
}
