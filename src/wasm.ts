// What assembling a WebAssembly module by hand needs (the secrets keyword loop, the lcov record kernel): the
// module bytes are built at run time, so nothing is downloaded or shipped as a binary.

/** the part of the WebAssembly API used (the project's TypeScript library has no WebAssembly types) */
export interface WasmApi {
  Memory: new (d: { initial: number; maximum: number }) => { buffer: ArrayBuffer }
  Module: new (bytes: Uint8Array) => object
  Instance: new (m: object, imports: object) => { exports: Record<string, unknown> }
}

/** The runtime's WebAssembly, or undefined where it is missing (the callers' JavaScript loops run then). */
export function webAssembly(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly
}

/** unsigned LEB128 (sizes, indices, memory offsets) */
export const uleb = (n: number): number[] => {
  const out: number[] = []
  do {
    let b = n & 0x7f
    n >>>= 7
    if (n !== 0) b |= 0x80
    out.push(b)
  } while (n !== 0)
  return out
}

/** signed LEB128 (the immediates of i32.const and i64.const) */
export const sleb = (n: number): number[] => {
  const out: number[] = []
  for (;;) {
    const b = n & 0x7f
    n = Math.floor(n / 128)
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b]
    out.push(b | 0x80)
  }
}

/** a module section: its id, its size, its bytes */
export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body]
