import type { KindSpec } from '../types.js'

export const spec: KindSpec = { durations: ['within'], needs: 'workflow' }
