/** Reads every input a command was given (layers and configuration) into records, once, for any command. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { AnalysisInput } from '../core/analysis/prepare-analysis.ts';
import { checkInputSize } from '../core/io/detect-format.ts';
import { InputError } from '../core/io/input-error.ts';
import type { SourceReport } from '../core/io/read-features.ts';
import { readLayer, type LayerKind } from '../core/io/read-layer.ts';
import type { InputIssue } from '../core/model.ts';
import { concatSettlementColumns, type SettlementColumns } from '../core/settlement-columns.ts';
import { fingerprint, type InputFingerprint } from '../core/output/run-metadata.ts';
import { resolveParams, type AnalysisParams } from '../core/params.ts';
import { CliInputError, oneLine } from './cli-errors.ts';
import type { DemRaster } from '../core/terrain/dem-raster.ts';
import { DemSet } from '../core/terrain/dem-set.ts';
import { ProfileCache } from '../core/terrain/profile-cache.ts';
import { readDem } from '../core/terrain/read-dem.ts';
import type { InputFiles } from './input-options.ts';

export interface LoadedInputs {
  input: AnalysisInput;
  params: AnalysisParams;
  /** One per file, in the order given; the configuration last. */
  fingerprints: InputFingerprint[];
  /** Per file, what its reader could not take or had to change. */
  issues: { file: string; issues: InputIssue[] }[];
  /** Per file, how it was read (format, layer, coordinate system, text encoding). */
  sources: { file: string; source: SourceReport }[];
  /** Terrain profiles: those of `--terrain-cache`, then those computed (written back after the run). */
  profiles: ProfileCache;
}

/** `thon.zip#thon_2019` → the file and the layer (or sheet) named after `#`, when the whole text is not a file. */
function splitLayer(path: string): { path: string; layer?: string } {
  const at = path.lastIndexOf('#');
  if (at <= 0 || existsSync(path)) return { path };
  return { path: path.slice(0, at), layer: path.slice(at + 1) };
}

/** Read a file from disk after checking it exists and is not too large; errors name the file. */
function readBytes(path: string): Uint8Array {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw new InputError('no-such-file', `${path}: no such file. Check the path.`, { path });
  }
  checkInputSize(size, { name: path });
  return readFileSync(path);
}

/** A reader's InputError that does not name `path` gets it in front; anything else as it is. */
function namingFile(path: string, error: unknown): unknown {
  if (error instanceof InputError && !error.message.includes(path)) return new InputError(error.code, `${path}: ${error.message}`, error.params);
  return error;
}

async function readOne<K extends LayerKind>(kind: K, given: string, into: LoadedInputs, files: InputFiles) {
  const { path, layer } = splitLayer(given);
  const bytes = readBytes(path);
  try {
    const options = { crs: files.crs ?? undefined, encoding: files.encoding ?? undefined, layer };
    // The hash is computed off this thread (Web Crypto's worker pool) while the reader parses.
    const [print, result] = await Promise.all([fingerprint(kind, basename(path), bytes), readLayer(kind, { name: path, bytes }, options)]);
    into.fingerprints.push(print);
    into.issues.push({ file: given, issues: result.issues });
    into.sources.push({ file: given, source: result.source });
    return result;
  } catch (error) {
    throw namingFile(path, error);
  }
}

/** The assumptions of a `--config` file (defaults without one); a bad file is a CliInputError naming it. */
function readConfig(path: string): { params: AnalysisParams; bytes: Uint8Array } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new CliInputError(`${path}: no such configuration file. Check the path.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new CliInputError(`${path}: not JSON (${oneLine(error)}).`);
  }
  try {
    return { params: resolveParams(json), bytes };
  } catch (error) {
    throw new CliInputError(`${path}: ${oneLine(error)}`);
  }
}

/** The elevation files as one model (null when none is given); a file we cannot read is a one-line error naming it. */
async function readDemFiles(paths: readonly string[], into: LoadedInputs): Promise<DemSet | null> {
  const rasters: DemRaster[] = [];
  for (const path of paths) {
    const bytes = readBytes(path);
    into.fingerprints.push(await fingerprint('dem', basename(path), bytes));
    try {
      for (const r of await readDem(path, bytes)) rasters.push(r);
    } catch (error) {
      throw namingFile(path, error);
    }
  }
  return rasters.length > 0 ? new DemSet(rasters) : null;
}

/** The profile cache of `--terrain-cache` (empty when the file does not exist yet); a file that is not one is refused. */
function readTerrainCache(path: string | null): ProfileCache {
  if (path === null || !existsSync(path)) return new ProfileCache();
  try {
    return ProfileCache.fromBytes(readFileSync(path));
  } catch (error) {
    throw new CliInputError(`${path}: ${oneLine(error)}`);
  }
}

/** Read every input named on the command line into records, with the parameters, fingerprints and issues. */
export async function loadInputs(files: InputFiles): Promise<LoadedInputs> {
  // The configuration first: a bad one is refused before minutes of reading.
  const config = files.config === null ? null : readConfig(files.config);
  const loaded: LoadedInputs = {
    input: { villages: [], bts: [], fibreRoutes: [], fibrePoints: [], settlements: null },
    params: config?.params ?? resolveParams(undefined),
    fingerprints: [],
    issues: [],
    sources: [],
    profiles: readTerrainCache(files.terrainCache),
  };
  const { input } = loaded;
  // concat, not push(...records): spreading 100,000+ records overflows the call stack.
  input.villages = (await readOne('villages', files.villages, loaded, files)).records;
  for (const f of files.bts) input.bts = input.bts.concat((await readOne('bts', f, loaded, files)).records);
  for (const f of files.fibre) {
    const r = await readOne('fibre', f, loaded, files);
    input.fibreRoutes = input.fibreRoutes.concat(r.routes);
    input.fibrePoints = input.fibrePoints.concat(r.points);
  }
  if (files.settlements.length > 0) {
    const parts: SettlementColumns[] = [];
    for (const f of files.settlements) parts.push((await readOne('settlements', f, loaded, files)).columns);
    input.settlements = concatSettlementColumns(parts);
  }
  input.dem = await readDemFiles(files.dem, loaded);
  if (config && files.config) loaded.fingerprints.push(await fingerprint('config', basename(files.config), config.bytes));
  return loaded;
}
