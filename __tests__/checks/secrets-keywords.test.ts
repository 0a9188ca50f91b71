// The keyword scan finds every occurrence of every keyword, case-insensitively, exactly once: checked against a
// plain search on inputs that put keywords across the places where the scan cuts its input (the WebAssembly
// loop's windows and quarters, the JavaScript loop's halves), with the built-in keywords and with a keyword set
// too wide for the WebAssembly loop (the JavaScript loop then runs).
import { describe, expect, test } from '@jest/globals'
import { HIT_SCALE, KeywordScanner } from '../../src/checks/secrets/keywords.js'
import { WINDOW } from '../../src/checks/secrets/keyword-wasm.js'
import { RULES } from '../../src/checks/secrets/rules.js'

/** every (start, keyword) where the keyword occurs, ASCII letters folded: the answer the scan must give */
function plainSearch(scanner: KeywordScanner, bytes: Buffer, length: number): number[] {
  const folded = Buffer.from(bytes.subarray(0, length))
  for (let i = 0; i < folded.length; i++) if (folded[i] >= 65 && folded[i] <= 90) folded[i] += 32
  const out: number[] = []
  scanner.keywords.forEach((k, index) => {
    const needle = Buffer.from(k, 'latin1')
    for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1))
      out.push(at * HIT_SCALE + index)
  })
  return out.sort((a, b) => a - b)
}

/** a seeded generator, so that a failure can be replayed */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0
    return s / 2 ** 32
  }
}

/** filler text, with keywords (some upper case) written at random places and across the cut points */
function input(scanner: KeywordScanner, length: number, rnd: () => number): Buffer {
  const bytes = Buffer.alloc(length)
  const alphabet = 'abcdefghijklmnopqrstuvwxyz_-.:="\' \n0123456789'
  for (let i = 0; i < length; i++) bytes[i] = alphabet.charCodeAt(Math.floor(rnd() * alphabet.length))
  const cuts = [length >> 1, length >> 2, (3 * length) >> 2]
  for (let w = WINDOW; w < length; w += WINDOW) {
    const n = Math.min(length, w + WINDOW) - w
    cuts.push(w, w + (n >> 2), w + 2 * (n >> 2), w + 3 * (n >> 2), w >> 2, (w >> 2) * 2, (w >> 2) * 3)
  }
  const write = (at: number, k: string): void => {
    if (at >= 0 && at + k.length <= length) bytes.write(rnd() < 0.5 ? k.toUpperCase() : k, at, 'latin1')
  }
  const pick = (): string => scanner.keywords[Math.floor(rnd() * scanner.keywords.length)]
  for (let m = 0; m < 300; m++) write(Math.floor(rnd() * length), pick())
  for (const c of cuts) {
    write(c - 40, pick())
    write(c, pick())
    // last, so that nothing overwrites it: a keyword across the cut
    const k = pick()
    write(c - 1 - Math.floor(rnd() * (k.length - 1)), k)
  }
  return bytes
}

const builtIn = new KeywordScanner(RULES.flatMap(r => r.keywords))
// more than 63 distinct characters: too many classes for the WebAssembly loop
const wide = new KeywordScanner([
  ...'abcdefghijklmnopqrstuvwxyz0123456789'.split('').map((c, i) => `k${c}${i % 7}`),
  ...'!#$%&()*+,/;<>?@[]^{|}~`\\ "\'-.:=_\u00e0\u00e9\u00ee\u00f5\u00fc'.split('').map(c => `x${c}y`),
  'token',
  'password',
  'key=',
  'secret'
])

// 63 distinct characters: the most the WebAssembly loop takes (class 63 times 4 is 252, still a byte)
const edgeChars = 'abcdefghijklmnopqrstuvwxyz0123456789!#$%&()*+,/;<>?@[]^{|}~`\\ "\'-.:=_'
const widest = new KeywordScanner(
  edgeChars
    .slice(0, 63)
    .split('')
    .map((c, i) => `${c}${edgeChars[(i * 5) % 63]}`)
)

describe('secrets: the keyword scan', () => {
  test.each([
    ['the built-in keywords', builtIn],
    ['the widest keyword set the WebAssembly loop takes', widest],
    ['a keyword set too wide for the WebAssembly loop', wide]
  ])('finds every keyword once, across every cut of the input (%s)', (_name, scanner) => {
    const rnd = random(7)
    const lengths = [0, 1, 2, 100, 4095, 4096, 4097, 65_537, WINDOW - 1, WINDOW, WINDOW + 1, 2 * WINDOW + 13]
    for (const length of lengths) {
      const bytes = input(scanner, length, rnd)
      expect(Array.from(scanner.scanCodes(bytes, length))).toEqual(plainSearch(scanner, bytes, length))
      // a shorter length than the buffer: nothing after it is read
      const part = Math.floor(length * 0.7)
      expect(Array.from(scanner.scanCodes(bytes, part))).toEqual(plainSearch(scanner, bytes, part))
    }
  })

  test('the WebAssembly loop runs for up to 63 distinct keyword characters, the JavaScript loop past them', () => {
    const kinds = (k: KeywordScanner): boolean => (k as unknown as { wasm?: object }).wasm !== undefined
    expect([kinds(builtIn), kinds(widest), kinds(wide)]).toEqual([true, true, false])
  })

  test('hits as objects: the position of the first character and the keyword', () => {
    const text = Buffer.from('x = TOKEN; password: y\n')
    const hits = builtIn.scan(text).map(h => [h.pos, builtIn.keywords[h.keyword]])
    expect(hits).toEqual(
      expect.arrayContaining([
        [4, 'token'],
        [11, 'password']
      ])
    )
  })
})
