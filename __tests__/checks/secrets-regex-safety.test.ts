import { describe, expect, test } from '@jest/globals'
import { regexProblem } from '../../src/checklist/regex-safety.js'

describe('regexProblem', () => {
  test.each([
    'ACME-[a-f0-9]{20}',
    '(?i)acme_key\\s*=\\s*([a-z0-9]{32})',
    '(?:ab|cd)+x',
    '[(+]*a+',
    '\\(a+\\)+'
  ])('%s is accepted', p => expect(regexProblem(p)).toBeUndefined())
  test.each([
    ['(a+)+$', /nested quantifier \(a\+\)\+/],
    ['(x*y?)*z', /nested quantifier/],
    ['((ab)+c)+', /nested quantifier/],
    ['(\\w+\\s?){2,}', /nested quantifier/],
    ['abc(', /^does not compile: /],
    ['[z-a]', /^does not compile: /]
  ])('%s is refused', (p, why) => expect(regexProblem(p)).toMatch(why))
})
