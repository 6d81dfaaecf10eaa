import { errorMessage } from '../error-message.ts';
import { isInputError, type InputErrorCode, type InputErrorParams } from '../io/input-error.ts';
import type { DemRaster } from './dem-raster.ts';
import { DemSet, type DemSummary } from './dem-set.ts';
import { readDem } from './read-dem.ts';

/** One elevation file: its bytes (picker, drag and drop, CLI) or its URL (`?dem=`). */
export interface DemSource {
  name: string;
  bytes?: Uint8Array;
  url?: string;
}

/** A file that could not be read, with the reason in the reader's words. */
export interface DemFileError {
  name: string;
  code: InputErrorCode | 'unexpected';
  message: string;
  params: InputErrorParams;
}

/** What opening elevation files gives: the model (null when none could be read), its summary, and the files refused. */
export interface OpenedDem {
  dem: DemSet | null;
  summary: DemSummary | null;
  errors: DemFileError[];
}

/**
 * Reads every source (a URL is fetched whole) into one elevation model. A file that cannot be read
 * is named with its reason and the others still make the model; the files are read one at a time,
 * so only one file's bytes are held besides the rasters.
 */
export async function openDem(sources: readonly DemSource[], options: { fetch?: typeof fetch } = {}): Promise<OpenedDem> {
  const rasters: DemRaster[] = [];
  const errors: DemFileError[] = [];
  for (const source of sources) {
    try {
      let bytes = source.bytes;
      if (!bytes) {
        if (!source.url) throw new Error(`${source.name}: neither bytes nor a URL were given.`);
        const response = await (options.fetch ?? fetch)(source.url);
        if (!response.ok) {
          errors.push({ name: source.name, code: 'http-error', message: `${source.url} answered HTTP ${response.status}: check the address.`, params: { url: source.url, status: response.status } });
          continue;
        }
        bytes = new Uint8Array(await response.arrayBuffer());
      }
      for (const r of await readDem(source.name, bytes)) rasters.push(r);
    } catch (error) {
      if (isInputError(error)) errors.push({ name: source.name, code: error.code, message: error.message, params: error.params });
      else errors.push({ name: source.name, code: 'unexpected', message: errorMessage(error), params: {} });
    }
  }
  const dem = rasters.length > 0 ? new DemSet(rasters) : null;
  return { dem, summary: dem ? dem.summary() : null, errors };
}
