// The operators of a values assertion: its own module, so that the loader's spec does not load the checker.
export type Operator = 'equals' | 'not-equals' | 'lt' | 'lte' | 'gt' | 'gte' | 'in' | 'matches' | 'exists'
export const OPERATORS: Operator[] = [
  'equals',
  'not-equals',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'matches',
  'exists'
]
