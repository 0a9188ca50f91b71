// GitHub (ghp_, gho_, ghu_, ghs_, ghr_) and npm (npm_) tokens end in 6 base62 characters that encode the
// CRC32 of the 30 random characters before them: a random string that looks like a token almost never passes.

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

let table: Uint32Array | undefined

function crcTable(): Uint32Array {
  if (table) return table
  table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
}

/** CRC-32 (IEEE, as zlib) of an ASCII string. */
export function crc32(text: string): number {
  const t = crcTable()
  let c = 0xffffffff
  for (let i = 0; i < text.length; i++) c = t[(c ^ text.charCodeAt(i)) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** Base62 digits of a number, left-padded with '0' to `width`. */
export function toBase62(value: number, width = 6): string {
  let out = ''
  let v = value
  do {
    out = BASE62[v % 62] + out
    v = Math.floor(v / 62)
  } while (v > 0)
  return out.padStart(width, '0')
}

function fromBase62(digits: string): number {
  let v = 0
  for (const ch of digits) {
    const d = BASE62.indexOf(ch)
    if (d < 0) return -1
    v = v * 62 + d
  }
  return v
}

/** True when `token` (prefix + body + 6 checksum characters) carries a valid CRC32 checksum of its body. */
export function hasValidChecksum(token: string, prefixLength: number): boolean {
  if (token.length < prefixLength + 7) return false
  const body = token.slice(prefixLength, -6)
  return fromBase62(token.slice(-6)) === crc32(body)
}
