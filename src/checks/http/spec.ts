import type { KindSpec } from '../types.js'

export const spec: KindSpec = {
  regexes: ['contains'],
  urls: ['url'],
  needs: 'url',
  validate(w, v) {
    if (typeof w.url !== 'string') return
    let url: URL | undefined
    try {
      url = new URL(w.url.replace(/\$\{(release|version|name)\}/g, 'x'))
    } catch {
      v.report(v.at('url'), `'url' is not a valid URL`)
    }
    if (url && (url.username || url.password))
      v.report(v.at('url'), `'url' must not carry credentials: a checklist is not a secret store`)
  }
}
