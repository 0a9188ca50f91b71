import { NotImplementedError } from '../errors.js'
import type { Check } from './types.js'

export const check: Check = async () => {
  throw new NotImplementedError('workflow')
}
