/**
 * Turns a markdown checklist into a checklist YAML skeleton. Every task-list box becomes a manual item of
 * the section of the nearest heading above it: boxes of bullet lists (`- [ ]`, `* [ ]`, `+ [ ]`) and of
 * ordered lists (`1. [ ]`, `1) [ ]`), at any depth. A box with boxes under it (a group) is an item too,
 * followed by the items under it, with a comment naming the group. Boxes inside code fences (``` or ~~~)
 * and HTML comments are examples, not items. An empty box is titled from its context (the text on the
 * lines under it, else its group or section and its line number) and reported, so nothing is dropped.
 */

export interface ImportNote {
  kind: 'empty-box' | 'unclosed'
  line: number
  col: number
  message: string
}

export interface ImportResult {
  /** the checklist YAML; empty when `problem` is set */
  yaml: string
  /** boxes turned into items */
  items: number
  /** what a person should look at (empty boxes), with their place in the markdown */
  notes: ImportNote[]
  /** why no checklist could be made (no boxes at all) */
  problem?: string
}

interface Box {
  line: number
  col: number
  indent: number
  text: string
  /** the box that holds this one, by index in the section */
  parent?: number
  children: number
}

interface Section {
  title: string
  boxes: Box[]
}

const MAX_TITLE = 200
const LIST_MARKER = /^(\s*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/
const BOX = /^\s*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\](?:[ \t]+(.*?))?[ \t]*$/
/** blockquote markers: a box quoted is still a box */
const QUOTE = /^(?: {0,3}>)+ ?/
const FENCE = /^ {0,3}(`{3,}|~{3,})/

export function importMarkdown(markdown: string, name?: string, schema?: string): ImportResult {
  const lines = markdown.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  const sections: Section[] = []
  let current: Section | undefined
  let title: string | undefined
  let fence: string | undefined
  /** where the open fence or HTML comment started, and the boxes seen inside it */
  let hiddenFrom = 0
  let hidden = 0
  let inComment = false
  /** the box whose text may continue on the next lines */
  let open: Box | undefined
  /** the list items (boxes or not) that enclose the next line, by indent */
  let stack: { indent: number; box?: number }[] = []

  lines.forEach((raw, i) => {
    const lineNo = i + 1
    if (fence !== undefined || inComment) if (BOX.test(raw.replace(QUOTE, ''))) hidden++
    if (fence !== undefined) {
      const close = FENCE.exec(raw.replace(QUOTE, '').replace(/^\s+/, ''))
      if (
        close &&
        close[1][0] === fence[0] &&
        close[1].length >= fence.length &&
        !close.input.slice(close[0].length).trim()
      ) {
        fence = undefined
        hidden = 0
      }
      return
    }
    if (inComment) {
      if (raw.includes('-->')) {
        inComment = false
        hidden = 0
      }
      return
    }
    let line = raw.replace(QUOTE, '').replace(/<!--.*?-->/g, '')
    if (FENCE.test(line.replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+/, '').replace(/^\s+/, ''))) {
      fence = FENCE.exec(line.replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+/, '').replace(/^\s+/, ''))![1]
      hiddenFrom = lineNo
      open = undefined
      return
    }
    const comment = line.indexOf('<!--')
    if (comment >= 0) {
      // what comes before the comment on its first line still counts
      inComment = true
      hiddenFrom = lineNo
      line = line.slice(0, comment)
      if (!line.trim()) {
        open = undefined
        return
      }
    }

    const heading = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line)
    const setext = /^ {0,3}(=+|-+)[ \t]*$/.exec(line)
    if (heading || (setext && !open && i > 0 && isParagraph(lines[i - 1]))) {
      const text = heading ? clean(heading[2]) : clean(lines[i - 1])
      const level = heading ? heading[1].length : setext![1][0] === '=' ? 1 : 2
      if (level === 1 && sections.length === 0 && title === undefined) title = text || undefined
      if (text) {
        current = { title: text, boxes: [] }
        sections.push(current)
      }
      open = undefined
      stack = []
      return
    }

    const item = LIST_MARKER.exec(line)
    if (item) {
      const indent = item[1].replace(/\t/g, '    ').length
      while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop()
      const box = BOX.exec(line)
      open = undefined
      if (!box) {
        stack.push({ indent })
        return
      }
      current ??= (sections.push({ title: 'Checklist', boxes: [] }), sections[sections.length - 1])
      const b: Box = { line: lineNo, col: item[1].length + 1, indent, text: clean(box[1] ?? ''), children: 0 }
      const holder = stack[stack.length - 1]?.box
      if (holder !== undefined) {
        b.parent = holder
        current.boxes[holder].children++
      }
      stack.push({ indent, box: current.boxes.length })
      current.boxes.push(b)
      open = b
      return
    }
    if (!line.trim()) {
      open = undefined
      return
    }
    if (!/^\s/.test(line)) stack = []
    // a continuation of the box's text on the lines under it
    if (open && open.text.length < MAX_TITLE) {
      const more = clean(line)
      if (more) open.text = open.text ? `${open.text} ${more}` : more
    }
  })

  const notes: ImportNote[] = []
  // an unclosed fence or comment hides the rest of the file: say so rather than drop its boxes
  if ((fence !== undefined || inComment) && hidden > 0)
    notes.push({
      kind: 'unclosed',
      line: hiddenFrom,
      col: 1,
      message: `this ${fence !== undefined ? 'code fence' : 'HTML comment'} is never closed, so the ${hidden} box${hidden === 1 ? '' : 'es'} after it ${hidden === 1 ? 'was' : 'were'} not imported: close it`
    })
  const total = sections.reduce((n, s) => n + s.boxes.length, 0)
  if (total === 0)
    return {
      yaml: '',
      items: 0,
      notes,
      problem:
        'no checklist boxes found: import reads task-list boxes such as "- [ ] Backups tested" or "1. [ ] Tag the release" (boxes inside code fences do not count)'
    }

  const ids = new Set<string>()
  const out: string[] = [
    ...(schema ? [`# yaml-language-server: $schema=${schema}`] : []),
    '# Imported by go-live-gate import: every item is manual. Give each one an owner, and a check where',
    '# a machine can verify it (secrets, coverage, values, file, workflow, ...).',
    'version: 1',
    `name: ${quote(name ?? title ?? 'Imported checklist')}`,
    'sections:'
  ]
  for (const s of sections) {
    if (s.boxes.length === 0) continue
    out.push(`  - title: ${quote(s.title)}`, '    items:')
    const given = s.boxes.map(b => b.text)
    s.boxes.forEach((b, bi) => {
      if (!b.text) {
        const context = (b.parent !== undefined && given[b.parent]) || s.title
        b.text = `${context}: untitled box at line ${b.line}`
        notes.push({
          kind: 'empty-box',
          line: b.line,
          col: b.col,
          message: `empty box: titled "${b.text}"; give it a title in the checklist`
        })
      }
      b.text = b.text.slice(0, MAX_TITLE)
      if (b.children > 0) {
        const under = s.boxes.filter((_, j) => j > bi && isUnder(s.boxes, j, bi)).length
        out.push(`      # group: ${oneLine(b.text)} (this item and the ${under} under it)`)
      }
      const base = kebab(b.text) || 'item'
      let id = base
      for (let n = 2; ids.has(id); n++) id = `${base}-${n}`
      ids.add(id)
      out.push(`      - id: ${id}`, `        title: ${quote(b.text)}`)
    })
  }
  return { yaml: out.join('\n') + '\n', items: total, notes }
}

function isUnder(boxes: Box[], j: number, ancestor: number): boolean {
  for (let p = boxes[j].parent; p !== undefined; p = boxes[p].parent) if (p === ancestor) return true
  return false
}

function isParagraph(line: string): boolean {
  return (
    /\S/.test(line) && !LIST_MARKER.test(line) && !/^ {0,3}(#|>|```|~~~|\||<)/.test(line) && !BOX.test(line)
  )
}

let macRoman: Map<string, number> | undefined

/** Undoes UTF-8 that was read as Mac Roman (emoji turned into runs like "üîê"); other text is kept. */
export function repairMojibake(text: string): string {
  return text.replace(/[^\s\p{ASCII}]+/gu, run => {
    if (!macRoman) {
      const chars = new TextDecoder('macintosh').decode(Uint8Array.from({ length: 128 }, (_, i) => 128 + i))
      macRoman = new Map([...chars].map((c, i) => [c, 128 + i]))
    }
    const bytes: number[] = []
    for (const c of run) {
      const b = macRoman.get(c)
      if (b === undefined) return run
      bytes.push(b)
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes))
    } catch {
      return run
    }
  })
}

function clean(text: string): string {
  return (
    repairMojibake(text)
      // control, bidi and zero-width characters never reach a title
      .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, ' ')
      .replace(/\*\*|__|`/g, '')
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]*>/g, '')
      .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '')
      .replace(/\s+/g, ' ')
      .trim()
  )
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ')
}

function kebab(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .split('-')
    .slice(0, 8)
    .join('-')
    .slice(0, 90)
    .replace(/-+$/, '')
}

function quote(text: string): string {
  return JSON.stringify(text)
}
