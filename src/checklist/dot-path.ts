export type PathSegment = string | number

/**
 * Parses the `values` path notation: `risk.limits[0].max_usd`, with `["key.with.dots"]` for keys that
 * are not plain words. Returns the segments, or a reason it is malformed.
 */
export function parseDotPath(path: string): PathSegment[] | string {
  const segments: PathSegment[] = []
  let i = 0
  const n = path.length
  if (n === 0) return 'the path is empty'
  let expectKey = true
  while (i < n) {
    const c = path[i]
    if (c === '[') {
      const close = path.indexOf(']', i)
      if (close < 0) return `unclosed '[' at character ${i + 1}`
      const inner = path.slice(i + 1, close)
      if (/^[0-9]+$/.test(inner)) segments.push(Number(inner))
      else if (/^"(?:[^"\\]|\\.)*"$/.test(inner) || /^'(?:[^'\\]|\\.)*'$/.test(inner))
        segments.push(inner.slice(1, -1).replace(/\\(.)/g, '$1'))
      else return `'[${inner}]' must be an index like [0] or a quoted key like ["a.b"]`
      i = close + 1
      expectKey = false
    } else if (c === '.') {
      if (expectKey) return `empty key at character ${i + 1}`
      i++
      expectKey = true
      if (i >= n) return 'the path ends with a dot'
    } else {
      if (!expectKey) return `expected '.' or '[' at character ${i + 1}`
      let j = i
      while (j < n && path[j] !== '.' && path[j] !== '[') j++
      segments.push(path.slice(i, j))
      i = j
      expectKey = false
    }
  }
  return segments
}

export function formatDotPath(segments: PathSegment[]): string {
  let out = ''
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out ? `.${s}` : s
    else out += `[${JSON.stringify(s)}]`
  }
  return out
}
