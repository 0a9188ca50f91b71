import type { KindSpec } from '../types.js'

export const spec: KindSpec = { paths: ['files'], globs: ['files'], needs: 'files' }
