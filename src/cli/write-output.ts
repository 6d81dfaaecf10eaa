/** Writes an output file; a failure (disk full, a folder removed meanwhile) is one line naming the file. */
import { writeFileSync } from 'node:fs';
import { CliInputError, oneLine } from './cli-errors.ts';

/** Writes `data` to `path`, given as option `flag`; throws a CliInputError (exit 2) when it cannot. */
export function writeOutput(flag: string, path: string, data: string | Uint8Array): void {
  try {
    writeFileSync(path, data);
  } catch (error) {
    throw new CliInputError(`${flag} ${path}: could not write it (${oneLine(error)}).`);
  }
}
