import type { KindSpec } from '../types.js'

export const spec: KindSpec = {}
