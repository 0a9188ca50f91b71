// Refuses user regexes that do not compile or can backtrack catastrophically, before anything runs them.

/**
 * Undefined when the JavaScript regex compiles and has no nested unbounded quantifier; otherwise a short
 * reason. A leading `(?i)` (Go, gitleaks) is accepted as the `i` flag.
 */
export function regexProblem(pattern: string): string | undefined {
  const source = pattern.startsWith('(?i)') ? pattern.slice(4) : pattern
  try {
    new RegExp(source, 'u')
  } catch (e) {
    try {
      new RegExp(source)
    } catch {
      return `does not compile: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`
    }
  }
  return nestedQuantifier(source)
}

interface Group {
  start: number
  /** the group holds an unbounded quantifier (+, *, {n,}) */
  repeats: boolean
  /** the group has alternatives */
  alternation: boolean
}

function nestedQuantifier(source: string): string | undefined {
  const stack: Group[] = [{ start: 0, repeats: false, alternation: false }]
  let i = 0
  // quantifier right after position i; returns [unbounded, length]
  const quantifierAt = (j: number): [boolean, number] => {
    const c = source[j]
    if (c === '+' || c === '*') return [true, source[j + 1] === '?' ? 2 : 1]
    if (c === '?') return [false, source[j + 1] === '?' ? 2 : 1]
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}\??/.exec(source.slice(j))
      if (m) return [m[2] !== undefined && (m[3] === '' || Number(m[3]) > 100), m[0].length]
    }
    return [false, 0]
  }
  while (i < source.length) {
    const c = source[i]
    if (c === '\\') {
      i += 2
      const [unbounded, len] = quantifierAt(i)
      if (unbounded) stack[stack.length - 1].repeats = true
      i += len
      continue
    }
    if (c === '[') {
      i++
      if (source[i] === '^') i++
      if (source[i] === ']') i++
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1
      i++
      const [unbounded, len] = quantifierAt(i)
      if (unbounded) stack[stack.length - 1].repeats = true
      i += len
      continue
    }
    if (c === '(') {
      stack.push({ start: i, repeats: false, alternation: false })
      i++
      if (source[i] === '?') {
        // (?: (?= (?! (?<= (?<! (?<name>
        i++
        if (source[i] === '<' && source[i + 1] !== '=' && source[i + 1] !== '!') {
          while (i < source.length && source[i] !== '>') i++
        }
        i++
      }
      continue
    }
    if (c === '|') {
      stack[stack.length - 1].alternation = true
      i++
      continue
    }
    if (c === ')') {
      const group = stack.length > 1 ? stack.pop()! : stack[0]
      i++
      const [unbounded, len] = quantifierAt(i)
      if (unbounded && group.repeats) {
        const text = source.slice(group.start, i + len)
        return `nested quantifier ${text.length > 40 ? text.slice(0, 37) + '...' : text} can backtrack catastrophically`
      }
      const parent = stack[stack.length - 1]
      if (unbounded || group.repeats) parent.repeats = true
      i += len
      continue
    }
    const [unbounded, len] = quantifierAt(i + 1)
    if (unbounded) stack[stack.length - 1].repeats = true
    i += 1 + len
  }
  return undefined
}
