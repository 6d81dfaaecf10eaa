/**
 * The files a command will write, checked before any work starts: a missing folder, a folder the
 * user may not write in, a path that is a folder, or the same file twice is a one-line exit-2 error
 * now, not a stack trace after a long run.
 */
import { closeSync, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CliInputError, oneLine } from './cli-errors.ts';

/** Why a path cannot be written, or null when it can. */
function problemWith(path: string): string | null {
  const full = resolve(path);
  const folder = dirname(full);
  let folderStat;
  try {
    folderStat = statSync(folder);
  } catch {
    return `the folder ${folder} does not exist: create it, or write somewhere else`;
  }
  if (!folderStat.isDirectory()) return `${folder} is not a folder`;
  let exists = false;
  try {
    if (statSync(full).isDirectory()) return 'that is a folder: give a file name';
    exists = true;
  } catch {
    // Not there yet: it will be created.
  }
  // Only trying tells: permissions, a read-only file system or root's rights are all answered by the OS.
  // An existing file is opened for writing without truncating it; else a probe file is made and removed.
  const probe = resolve(folder, `.vunglom-write-check-${process.pid}`);
  try {
    if (exists) {
      closeSync(openSync(full, 'r+'));
    } else {
      closeSync(openSync(probe, 'wx'));
      unlinkSync(probe);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return exists ? 'no permission to overwrite that file' : `no permission to write in ${folder}`;
    if (code === 'EROFS') return `${folder} is on a read-only file system`;
    if (code === 'EEXIST') return null;
    return `cannot write in ${folder} (${oneLine(error)})`;
  }
  return null;
}

/** Throws a CliInputError naming the first output that cannot be written, and why. */
export function checkOutputs(outputs: readonly { flag: string; path: string }[]): void {
  const seen = new Map<string, string>();
  for (const { flag, path } of outputs) {
    const full = resolve(path);
    const other = seen.get(full);
    if (other) throw new CliInputError(`${flag} ${path}: ${other} writes the same file; give each output its own name.`);
    seen.set(full, flag);
    const problem = problemWith(path);
    if (problem) throw new CliInputError(`${flag} ${path}: ${problem}.`);
  }
}
