// Reading one file for the scan, never through a symlink: shared by the main thread and the scan workers.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs'

export type SkipReason = 'binary' | 'tooLarge' | 'symlinks' | 'unreadable'

/** The bytes are `buffer[0..length)`; `buffer` may be a larger one than was passed in (reuse it). */
export type ReadResult = { buffer: Buffer; length: number } | { skip: SkipReason }

const NO_FOLLOW = constants.O_NOFOLLOW as number | undefined
// a FIFO must not block the open: it is then refused as not a regular file
const NON_BLOCK = (constants.O_NONBLOCK as number | undefined) ?? 0

/**
 * Reads `abs` into `buffer` (grown when the file is larger) with one synchronous open: far faster than
 * async reads for many small files. Symlinks are skipped (never followed); anything but a regular file and
 * files over `maxFileSize` are skipped too, and the caller must not let such a skip pass silently. Binary
 * files are read like any other: a NUL byte must not hide a credential.
 */
export function readOne(abs: string, buffer: Buffer, maxFileSize: number): ReadResult {
  let fd: number
  try {
    if (NO_FOLLOW === undefined && lstatSync(abs).isSymbolicLink()) return { skip: 'symlinks' }
    fd = openSync(abs, constants.O_RDONLY | NON_BLOCK | (NO_FOLLOW ?? 0))
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return { skip: code === 'ELOOP' || code === 'EMLINK' ? 'symlinks' : 'unreadable' }
  }
  try {
    const st = fstatSync(fd)
    if (!st.isFile()) return { skip: 'unreadable' }
    if (st.size > maxFileSize) return { skip: 'tooLarge' }
    if (st.size > buffer.length) buffer = Buffer.allocUnsafe(Math.max(st.size, buffer.length * 2))
    // up to the size seen by fstat: no extra read to meet the end of the file
    let length = 0
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, length)
      if (n === 0) break
      length += n
      if (length >= st.size) break
    }
    return { buffer, length }
  } catch {
    return { skip: 'unreadable' }
  } finally {
    closeSync(fd)
  }
}

/** Like git: a NUL byte in the first 8000 bytes makes a file binary. */
export function isBinary(bytes: Buffer, length: number): boolean {
  return bytes.subarray(0, Math.min(length, 8000)).indexOf(0) >= 0
}
