import type { KindSpec } from '../types.js'

export const spec: KindSpec = {
  paths: ['path'],
  globs: ['path'],
  regexes: ['contains', 'not-contains'],
  durations: ['max-age'],
  needs: 'path'
}
