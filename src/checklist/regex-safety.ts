// Refuses user regexes that do not compile or can backtrack catastrophically, before anything runs them.
import vm from 'node:vm'
import { CheckError } from '../errors.js'

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

/** `text` as a regex that matches it literally: interpolated text is never a pattern. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')
}

/** The longest a user regex may run on one input: the static check above cannot see every slow pattern. */
export const REGEX_BUDGET_MS = 2000

let budget = REGEX_BUDGET_MS

/**
 * `GO_LIVE_GATE_REGEX_BUDGET_MS` (a whole number from 1 to 2000) shortens the budget for this run; it can
 * never lengthen it. A shorter budget can only turn a slow match into an `error`, never into a pass.
 * Returns what is wrong with the setting (the budget stays 2 s), or undefined.
 */
export function useRegexBudget(env: NodeJS.ProcessEnv): string | undefined {
  budget = REGEX_BUDGET_MS
  const text = env.GO_LIVE_GATE_REGEX_BUDGET_MS?.trim()
  if (text === undefined || text === '') return undefined
  const ms = /^\d{1,4}$/.test(text) ? Number(text) : NaN
  if (!(ms >= 1 && ms <= REGEX_BUDGET_MS))
    return `GO_LIVE_GATE_REGEX_BUDGET_MS must be a whole number of milliseconds from 1 to ${REGEX_BUDGET_MS}: set it so or remove it`
  budget = ms
  return undefined
}

/** 2s, 0.5s or 50 ms */
const seconds = (ms: number) => (ms >= 100 ? `${ms / 1000}s` : `${ms} ms`)

// made on the first user regex: a context costs ~1 ms, and most runs have no user regex
let sandbox: vm.Context | undefined
let execScript: vm.Script | undefined

/** The regex ran out of its time budget: the input or the pattern is hostile. */
export class RegexTimeoutError extends CheckError {
  constructor(
    readonly source: string,
    budgetMs: number
  ) {
    super(
      `the pattern /${source.length > 40 ? source.slice(0, 37) + '...' : source}/ ran for more than ${seconds(budgetMs)}: simplify it`
    )
    this.name = 'RegexTimeoutError'
  }
}

/**
 * `re.exec(text)` with a time bound: every user regex runs through here. A run over the budget throws
 * RegexTimeoutError, so the caller reports `error`, never a pass.
 */
export function boundedExec(re: RegExp, text: string, budgetMs = budget): RegExpExecArray | null {
  sandbox ??= vm.createContext(Object.create(null) as object)
  execScript ??= new vm.Script('__result = __re.exec(__text)')
  const box = sandbox as { __re?: RegExp; __text?: string; __result?: RegExpExecArray | null }
  box.__re = re
  box.__text = text
  try {
    execScript.runInContext(sandbox, { timeout: budgetMs })
    return box.__result ?? null
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
      throw new RegexTimeoutError(re.source, budgetMs)
    throw e
  } finally {
    box.__re = undefined
    box.__text = undefined
    box.__result = undefined
  }
}

/** `re.test(text)` with the same time bound. */
export function boundedTest(re: RegExp, text: string, budgetMs = budget): boolean {
  if (re.global || re.sticky) re.lastIndex = 0
  return boundedExec(re, text, budgetMs) !== null
}
