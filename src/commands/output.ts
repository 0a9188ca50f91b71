import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

/** A CLI report file: `-` is standard output, anything else a path from the shell's directory. */
export async function writeOutput(
  cwd: string,
  file: string,
  content: string,
  stdout: (s: string) => void
): Promise<void> {
  if (file === '-') return stdout(content)
  const target = path.resolve(cwd, file)
  await mkdir(path.dirname(target), { recursive: true })
  await writeFile(target, content)
}
