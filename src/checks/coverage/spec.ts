import type { KindSpec } from '../types.js'

export const spec: KindSpec = { paths: ['reports', 'exclude'], globs: ['reports', 'exclude'], needs: 'reports' }
