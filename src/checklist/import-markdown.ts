/**
 * Turns a markdown checklist (headings and `- [ ]` boxes) into a checklist YAML skeleton: every box
 * with no boxes under it becomes a manual item of the nearest heading's section; a box with boxes under
 * it becomes a comment that groups them.
 */
export function importMarkdown(markdown: string, name = 'Imported checklist'): string {
  interface Box {
    indent: number
    text: string
    parent: boolean
  }
  const sections: { title: string; boxes: Box[] }[] = []
  let current: { title: string; boxes: Box[] } | undefined
  let title = name
  const lines = markdown.split(/\r?\n/)
  for (const line of lines) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line)
    if (heading) {
      const text = clean(heading[2])
      if (heading[1].length === 1 && sections.length === 0 && title === name) title = text
      if (text) {
        current = { title: text, boxes: [] }
        sections.push(current)
      }
      continue
    }
    const box = /^(\s*)[-*+]\s+\[[ xX]\]\s+(.*)$/.exec(line)
    if (!box) continue
    if (!current) {
      current = { title: 'Checklist', boxes: [] }
      sections.push(current)
    }
    const indent = box[1].replace(/\t/g, '    ').length
    const prev = current.boxes[current.boxes.length - 1]
    if (prev && indent > prev.indent) prev.parent = true
    current.boxes.push({ indent, text: clean(box[2]), parent: false })
  }

  const ids = new Set<string>()
  const out: string[] = [
    '# Imported by go-live-gate import: every item is manual. Give each one an owner, and a check where',
    '# a machine can verify it (secrets, coverage, values, file, workflow, ...).',
    'version: 1',
    `name: ${quote(title)}`,
    'sections:'
  ]
  for (const s of sections) {
    const leaves = s.boxes.filter(b => !b.parent)
    if (leaves.length === 0) continue
    out.push(`  - title: ${quote(s.title)}`, '    items:')
    for (const b of s.boxes) {
      if (b.parent) {
        out.push(`      # ${b.text}`)
        continue
      }
      let id = kebab(b.text) || 'item'
      for (let n = 2; ids.has(id); n++) id = `${kebab(b.text) || 'item'}-${n}`
      ids.add(id)
      out.push(`      - id: ${id}`, `        title: ${quote(b.text)}`)
    }
  }
  return out.join('\n') + '\n'
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
  return repairMojibake(text)
    .replace(/\*\*|__|`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
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
}

function quote(text: string): string {
  return JSON.stringify(text)
}
