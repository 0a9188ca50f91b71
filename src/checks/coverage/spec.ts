import type { KindSpec } from '../types.js'

export const spec: KindSpec = { paths: ['reports', 'exclude'], needs: 'reports' }
