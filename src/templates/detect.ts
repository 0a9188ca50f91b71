import { lstat, readdir } from 'node:fs/promises'
import path from 'node:path'
import { byName } from '../text.js'

/** The ecosystems `init` recognises, by the files a project of that kind has. */
export type Ecosystem = 'node' | 'python' | 'go' | 'java'

export interface Project {
  ecosystem: Ecosystem
  /** repository-relative folder, '' for the root */
  dir: string
  /** the manifest and lock files found there (names only) */
  files: string[]
}

const MARKERS: Readonly<Record<Ecosystem, readonly string[]>> = {
  node: ['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'],
  python: [
    'pyproject.toml',
    'poetry.lock',
    'uv.lock',
    'Pipfile.lock',
    'requirements.txt',
    'setup.py',
    'setup.cfg'
  ],
  go: ['go.mod', 'go.sum'],
  java: ['pom.xml', 'build.gradle', 'build.gradle.kts', 'gradle.lockfile']
}
const ORDER: readonly Ecosystem[] = ['python', 'node', 'go', 'java']
const SKIP = new Set([
  'node_modules',
  'vendor',
  'dist',
  'build',
  'target',
  'venv',
  'site-packages',
  '__pycache__'
])
const MAX_DIRS = 200

/**
 * The projects in a repository: the root and each folder one level down (a Python service next to a
 * Node dashboard), never following symlinks, never descending into dependencies or hidden folders.
 */
export async function detectProjects(root: string): Promise<Project[]> {
  const dirs = ['']
  try {
    const entries = await readdir(root, { withFileTypes: true })
    for (const e of entries)
      if (e.isDirectory() && !e.name.startsWith('.') && !SKIP.has(e.name) && dirs.length < MAX_DIRS)
        dirs.push(e.name)
  } catch {
    return []
  }
  dirs.sort((a, b) => (a === '' ? -1 : b === '' ? 1 : byName(a, b)))
  const found: Project[] = []
  for (const dir of dirs) {
    let names: Set<string>
    try {
      names = new Set(await regularFiles(path.join(root, dir)))
    } catch {
      continue
    }
    for (const ecosystem of ORDER) {
      const files = MARKERS[ecosystem].filter(m => names.has(m))
      // a package.json alone in a Python repository is often tooling: a lockfile or a root manifest decides
      if (files.length > 0) found.push({ ecosystem, dir, files })
    }
  }
  return found
}

async function regularFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (!e.isFile()) continue
    const info = await lstat(path.join(dir, e.name))
    if (info.isFile()) out.push(e.name)
  }
  return out
}

const NAMES: Readonly<Record<Ecosystem, string>> = { node: 'Node', python: 'Python', go: 'Go', java: 'Java' }

/**
 * Checklist items (YAML, indented for a section's `items:`) that fit the projects found: per project,
 * its dependency audit, its licences and its coverage report, each with the command that produces the
 * file it reads.
 */
export function supplyChainItems(projects: Project[]): { testing: string; compliance: string } {
  const several = projects.length > 1
  const testing: string[] = []
  const compliance: string[] = []
  for (const p of projects) {
    const at = (f: string): string => (p.dir ? `${p.dir}/${f}` : f)
    const cd = p.dir ? `cd ${p.dir} && ` : ''
    const suffix = several
      ? `-${p.dir ? slug(p.dir) : p.ecosystem}${p.dir && projects.filter(q => q.dir === p.dir).length > 1 ? `-${p.ecosystem}` : ''}`
      : ''
    const label = several ? `${NAMES[p.ecosystem]}${p.dir ? ` (${p.dir})` : ''}: ` : ''
    const audit = auditOf(p, at, cd)
    testing.push(
      item(
        `dependency-scan${suffix}`,
        `${label}Dependency vulnerability scan passed`,
        audit.comment,
        'vulnerabilities',
        audit.with
      ),
      item(
        `unit-coverage${suffix}`,
        `${label}Unit tests cover the code`,
        coverageOf(p, at, cd).comment,
        'coverage',
        coverageOf(p, at, cd).with
      )
    )
    const lic = licensesOf(p, at, cd)
    compliance.push(
      item(
        `licenses-compatible${suffix}`,
        `${label}All third-party licenses compatible`,
        lic.comment,
        'licenses',
        lic.with
      )
    )
  }
  return { testing: testing.join(''), compliance: compliance.join('') }
}

interface Part {
  comment: string
  with: string
}

const ALLOW = '[MIT, Apache-2.0, BSD-2-Clause, BSD-3-Clause, ISC, 0BSD]'

function auditOf(p: Project, at: (f: string) => string, cd: string): Part {
  switch (p.ecosystem) {
    case 'node': {
      const tool = p.files.includes('pnpm-lock.yaml')
        ? { source: 'pnpm-audit', cmd: 'pnpm audit --json' }
        : p.files.includes('yarn.lock')
          ? { source: 'yarn-audit', cmd: 'yarn audit --json' }
          : { source: 'npm-audit', cmd: 'npm audit --json' }
      if (!p.dir)
        return {
          comment: `the gate runs ${tool.cmd} itself`,
          with: `{ source: ${tool.source}, fail-on: high }`
        }
      return {
        comment: `written in CI before the gate: ${cd}${tool.cmd} > audit.json`,
        with: `{ source: ${tool.source}, report: ${at('audit.json')}, fail-on: high }`
      }
    }
    case 'python':
      return {
        comment: `written in CI before the gate: ${cd}osv-scanner scan source --format json --output osv-scanner.json -r .`,
        with: `{ source: osv-scanner, report: ${at('osv-scanner.json')}, fail-on: high }`
      }
    case 'go':
      return {
        comment: `written in CI before the gate: ${cd}govulncheck -format json ./... > govulncheck.json`,
        with: `{ source: govulncheck, report: ${at('govulncheck.json')} }`
      }
    case 'java':
      return {
        comment: `written in CI before the gate: ${cd}osv-scanner scan source --format json --output osv-scanner.json -r .`,
        with: `{ source: osv-scanner, report: ${at('osv-scanner.json')}, fail-on: high }`
      }
  }
}

function licensesOf(p: Project, at: (f: string) => string, cd: string): Part {
  if (
    p.ecosystem === 'node' &&
    (p.files.includes('package-lock.json') ||
      p.files.includes('npm-shrinkwrap.json') ||
      !p.files.some(f => f.endsWith('.lock') || f.endsWith('.yaml')))
  ) {
    const lock = p.files.includes('npm-shrinkwrap.json') ? 'npm-shrinkwrap.json' : 'package-lock.json'
    return {
      comment: p.files.includes(lock)
        ? `read from ${at(lock)}`
        : `commit ${at(lock)} (${cd}npm install --package-lock-only)`,
      with: `{ allow: ${ALLOW}, lockfile: ${at(lock)} }`
    }
  }
  const producer =
    p.ecosystem === 'node' ? 'npx @cyclonedx/cdxgen -t js' : `npx @cyclonedx/cdxgen -t ${p.ecosystem}`
  return {
    comment: `a CycloneDX SBOM written in CI before the gate: ${cd}${producer} -o sbom.cdx.json .`,
    with: `{ allow: ${ALLOW}, sbom: ${at('sbom.cdx.json')} }`
  }
}

function coverageOf(p: Project, at: (f: string) => string, cd: string): Part {
  switch (p.ecosystem) {
    case 'node':
      return {
        comment: `written by your test runner (${cd}npx jest --coverage)`,
        with: `{ reports: [${at('coverage/lcov.info')}], min: { lines: 80 } }`
      }
    case 'python':
      return {
        comment: `written by coverage.py (${cd}coverage run -m pytest && coverage xml)`,
        with: `{ reports: [${at('coverage.xml')}], min: { lines: 80 } }`
      }
    case 'go':
      return {
        comment: `written by go test (${cd}go test -coverprofile=coverage.out ./...)`,
        with: `{ reports: [${at('coverage.out')}], min: { lines: 80 } }`
      }
    case 'java':
      return {
        comment: `written by JaCoCo (${cd}mvn verify, or gradle jacocoTestReport)`,
        with: `{ reports: [${at('target/site/jacoco/jacoco.xml')}], min: { lines: 80 } }`
      }
  }
}

function item(id: string, title: string, comment: string, check: string, withText: string): string {
  return `      # ${comment}\n      - id: ${id}\n        title: ${JSON.stringify(title)}\n        check: ${check}\n        with: ${withText}\n`
}

function slug(dir: string): string {
  return (
    dir
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'root'
  )
}

/**
 * The starter with its generic audit, licence and coverage items replaced by those that fit the
 * projects found. Without any project the starter is returned as it is.
 */
export function fitStarter(starter: string, projects: Project[]): string {
  if (projects.length === 0) return starter
  const { testing, compliance } = supplyChainItems(projects)
  // every block is located in the starter as written, then replaced from the last one up
  const blocks = ['unit-coverage', 'dependency-scan', 'licenses-compatible']
    .map(id => ({ id, block: itemBlock(starter, id) }))
    .filter((b): b is { id: string; block: { start: number; end: number } } => b.block !== undefined)
    .sort((a, b) => a.block.start - b.block.start)
  const firstTesting = blocks.find(b => b.id !== 'licenses-compatible')
  const firstCompliance = blocks.find(b => b.id === 'licenses-compatible')
  const placedTesting = firstTesting !== undefined
  const placedCompliance = firstCompliance !== undefined
  let text = starter
  for (const b of [...blocks].reverse()) {
    const replacement = b === firstTesting ? testing : b === firstCompliance ? compliance : ''
    text = text.slice(0, b.block.start) + replacement + text.slice(b.block.end)
  }
  const missing = `${placedTesting ? '' : testing}${placedCompliance ? '' : compliance}`
  if (missing) text = `${text.replace(/\n*$/, '\n')}  - title: Supply chain\n    items:\n${missing}`
  return text
}

/** Where an item (`      - id: ID` and its indented lines) sits in the starter's text. */
function itemBlock(text: string, id: string): { start: number; end: number } | undefined {
  const lines = text.split('\n')
  let offset = 0
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === `- id: ${id}`) {
      const indent = lines[i].indexOf('-')
      let j = i + 1
      while (j < lines.length && lines[j].trim() !== '' && lines[j].search(/\S/) > indent) j++
      const end = lines.slice(0, j).join('\n').length + 1
      return { start: offset, end }
    }
    offset += lines[i].length + 1
  }
  return undefined
}
