import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { AnalysisInput } from '../core/analysis/prepare-analysis.ts';
import { checkInputSize } from '../core/io/detect-format.ts';
import { InputError } from '../core/io/input-error.ts';
import { readLayer, type LayerKind } from '../core/io/read-layer.ts';
import type { InputIssue } from '../core/model.ts';
import { fingerprint, type InputFingerprint } from '../core/output/run-metadata.ts';
import type { AnalyzeArgs } from './parse-args.ts';

export interface LoadedInputs {
  input: AnalysisInput;
  fingerprints: InputFingerprint[];
  /** Per file, what its reader could not take or had to change. */
  issues: { file: string; issues: InputIssue[] }[];
}

/** Read a file from disk after checking it exists and is not too large; errors name the file. */
function readBytes(path: string): Uint8Array {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw new InputError('http-error', `${path}: no such file. Check the path.`, { path });
  }
  checkInputSize(size, { name: path });
  return readFileSync(path);
}

async function readOne<K extends LayerKind>(kind: K, path: string, into: LoadedInputs) {
  const bytes = readBytes(path);
  into.fingerprints.push(await fingerprint(kind, basename(path), bytes));
  try {
    const result = await readLayer(kind, { name: path, bytes });
    into.issues.push({ file: path, issues: result.issues });
    return result;
  } catch (error) {
    if (error instanceof InputError && !error.message.includes(path)) {
      throw new InputError(error.code, `${path}: ${error.message}`, error.params);
    }
    throw error;
  }
}

/** Read every input named on the command line into records, with fingerprints and issues. */
export async function loadInputs(args: AnalyzeArgs): Promise<LoadedInputs> {
  const loaded: LoadedInputs = {
    input: { villages: [], bts: [], fibreRoutes: [], fibrePoints: [], settlements: null },
    fingerprints: [],
    issues: [],
  };
  const { input } = loaded;
  // concat, not push(...records): spreading 100,000+ records overflows the call stack.
  input.villages = (await readOne('villages', args.villages, loaded)).records;
  for (const f of args.bts) input.bts = input.bts.concat((await readOne('bts', f, loaded)).records);
  for (const f of args.fibre) {
    const r = await readOne('fibre', f, loaded);
    input.fibreRoutes = input.fibreRoutes.concat(r.routes);
    input.fibrePoints = input.fibrePoints.concat(r.points);
  }
  for (const f of args.settlements) {
    input.settlements = (input.settlements ?? []).concat((await readOne('settlements', f, loaded)).records);
  }
  return loaded;
}
