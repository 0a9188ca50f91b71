/** A unified diff of two texts by lines (LCS), with `context` lines around each change. */
export function unifiedDiff(
  before: string,
  after: string,
  names: { before: string; after: string },
  context = 3
): { text: string; added: number; removed: number } {
  const a = before.split('\n')
  const b = after.split('\n')
  if (a.at(-1) === '') a.pop()
  if (b.at(-1) === '') b.pop()
  // trim the common head and tail so the table stays small for the usual few-line change
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const n = endA - start
  const m = endB - start
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1))
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i][j] =
        a[start + i] === b[start + j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1])
  type Op = { t: ' ' | '-' | '+'; line: string; ai: number; bi: number }
  const ops: Op[] = []
  for (let k = 0; k < start; k++) ops.push({ t: ' ', line: a[k], ai: k, bi: k })
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j])
      ops.push({ t: ' ', line: a[start + i], ai: start + i++, bi: start + j++ })
    else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1]))
      ops.push({ t: '-', line: a[start + i], ai: start + i++, bi: start + j })
    else ops.push({ t: '+', line: b[start + j], ai: start + i, bi: start + j++ })
  }
  for (let k = 0; k < a.length - endA; k++)
    ops.push({ t: ' ', line: a[endA + k], ai: endA + k, bi: endB + k })

  const out = [`--- ${names.before}`, `+++ ${names.after}`]
  let added = 0
  let removed = 0
  for (let k = 0; k < ops.length;) {
    if (ops[k].t === ' ') {
      k++
      continue
    }
    // one hunk: changes closer than 2*context lines are merged
    const from = Math.max(0, k - context)
    let to = k
    for (let gap = 0; to < ops.length && gap <= 2 * context; to++) gap = ops[to].t === ' ' ? gap + 1 : 0
    to = Math.min(ops.length, to)
    while (to > k && ops[to - 1].t === ' ' && to - 1 >= k + 1 && countTrailing(ops, to) > context) to--
    const hunk = ops.slice(from, to)
    const aLen = hunk.filter(o => o.t !== '+').length
    const bLen = hunk.filter(o => o.t !== '-').length
    out.push(`@@ -${hunk[0].ai + (aLen ? 1 : 0)},${aLen} +${hunk[0].bi + (bLen ? 1 : 0)},${bLen} @@`)
    for (const o of hunk) {
      out.push(`${o.t}${o.line}`)
      if (o.t === '+') added++
      if (o.t === '-') removed++
    }
    k = to
  }
  return { text: out.join('\n'), added, removed }
}

function countTrailing(ops: { t: string }[], to: number): number {
  let c = 0
  while (to - 1 - c >= 0 && ops[to - 1 - c].t === ' ') c++
  return c
}
