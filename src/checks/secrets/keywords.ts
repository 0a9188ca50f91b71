// The keyword scan: one pass of an Aho-Corasick automaton over the file's bytes, case folded. Most files
// hold no keyword and cost nothing more; where one occurs, the rules that own it look around the hit.

export interface KeywordHit {
  /** byte offset of the keyword's first character */
  pos: number
  /** index into the automaton's keyword list */
  keyword: number
}

export class KeywordScanner {
  readonly keywords: string[]
  /** (state * 256 + byte) → next state * 256, negated when the next state ends a keyword */
  private readonly delta: Int32Array
  /** for each state that ends keywords: the keyword indexes, longest first */
  private readonly outputs: Map<number, number[]>

  constructor(keywords: string[]) {
    this.keywords = [...new Set(keywords.map(k => k.toLowerCase()))].filter(k => k.length > 0)
    const fold = (b: number): number => (b >= 65 && b <= 90 ? b + 32 : b)
    const goto: Map<number, number>[] = [new Map()]
    const out: number[][] = [[]]
    this.keywords.forEach((k, index) => {
      let s = 0
      for (const b of Buffer.from(k, 'latin1')) {
        let t = goto[s].get(b)
        if (t === undefined) {
          t = goto.length
          goto.push(new Map())
          out.push([])
          goto[s].set(b, t)
        }
        s = t
      }
      out[s].push(index)
    })
    const n = goto.length
    const next = new Int32Array(n * 256) // plain state numbers while building
    const fail = new Int32Array(n)
    const queue: number[] = []
    for (let b = 0; b < 256; b++) {
      const t = goto[0].get(fold(b))
      if (t !== undefined) {
        next[b] = t
        if (!queue.includes(t)) queue.push(t)
      }
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]
      for (const k of out[fail[s]]) if (!out[s].includes(k)) out[s].push(k)
      for (let b = 0; b < 256; b++) {
        const t = goto[s].get(fold(b))
        if (t !== undefined) {
          if (b === fold(b)) {
            fail[t] = next[fail[s] * 256 + b]
            queue.push(t)
          }
          next[s * 256 + b] = t
        } else next[s * 256 + b] = next[fail[s] * 256 + b]
      }
    }
    this.outputs = new Map()
    for (let s = 0; s < n; s++) if (out[s].length > 0) this.outputs.set(s, out[s])
    this.delta = new Int32Array(n * 256)
    for (let i = 0; i < n * 256; i++) {
      const t = next[i]
      this.delta[i] = this.outputs.has(t) ? -(t * 256) : t * 256
    }
  }

  /** Every keyword occurrence in `bytes[0..length)`, in order of their end. */
  scan(bytes: Uint8Array, length = bytes.length): KeywordHit[] {
    const delta = this.delta
    const hits: KeywordHit[] = []
    let s = 0
    for (let i = 0; i < length; i++) {
      s = delta[s + bytes[i]]
      if (s < 0) {
        s = -s
        for (const k of this.outputs.get(s / 256) ?? [])
          hits.push({ pos: i + 1 - this.keywords[k].length, keyword: k })
      }
    }
    return hits
  }

  /** True when the bytes hold any keyword (cheap early exit). */
  any(bytes: Uint8Array, length = bytes.length): boolean {
    const delta = this.delta
    let s = 0
    for (let i = 0; i < length; i++) {
      s = delta[s + bytes[i]]
      if (s < 0) return true
    }
    return false
  }
}
