import { DEFAULT_MAX_INPUT_BYTES, SNIFF_BYTES, checkInputSize, detectFormat, type InputFormat } from './detect-format.ts';
import type { FieldMapping } from './field-mapping.ts';
import type { FeatureTable } from './geojson-types.ts';
import { InputError } from './input-error.ts';
import { boxesMeet, geometryBox } from './layer-input.ts';
import { type BtsResult, readBts } from './read-bts.ts';
import { readOpenCellId } from './read-csv.ts';
import { readFeatures, type SourceReport } from './read-features.ts';
import { readFgb, type Rect } from './read-fgb.ts';
import { type FibreResult, readFibre } from './read-fibre.ts';
import { readSettlements, type SettlementsResult } from './read-settlements.ts';
import { readVillages, type VillagesResult } from './read-villages.ts';

/**
 * One entry point for the app, the CLI and workers: a file's bytes or a URL, and which layer it
 * is, → typed records and issues. Detects the format (size guard first), reads it, and hands the
 * rows to the layer's typed reader. Every refusal is an {@link InputError}.
 */

export type LayerKind = 'villages' | 'bts' | 'fibre' | 'settlements';

export interface LayerResults {
  villages: VillagesResult;
  bts: BtsResult;
  fibre: FibreResult;
  settlements: SettlementsResult;
}

/** The file: bytes (from a picker or drop) or a URL; `name` is the file name or URL, for detection and messages. */
export type LayerSource =
  | { name: string; bytes: Uint8Array | ArrayBuffer }
  | { url: string; name?: string };

export interface ReadLayerOptions {
  /** The user's field mapping (our field → their column). */
  mapping?: FieldMapping;
  /** Only features meeting this lon/lat box (FlatGeobuf: read by range requests from a URL). */
  rect?: Rect;
  signal?: AbortSignal;
  /** Size limit checked before reading (default 500 MB). */
  maxBytes?: number;
  fetch?: typeof fetch;
  /** The CRS of a file that declares none, e.g. "EPSG:9216" (see `readFeatures`). */
  crs?: string;
  /** The text encoding of a CSV or shapefile, overriding its `.cpg` and detection. */
  encoding?: string;
  /** The shapefile of an archive or the sheet of a workbook to read. */
  layer?: string;
}

/** The geometries each layer takes, to choose among the shapefiles of an archive. */
const PREFER: { [K in LayerKind]: ('point' | 'line' | 'polygon')[] } = {
  villages: ['polygon'],
  bts: ['point'],
  fibre: ['line', 'point'],
  settlements: ['point'],
};

/** Reads one layer; the result says which format was read and how (CRS, encoding, layer). */
export async function readLayer<K extends LayerKind>(
  kind: K,
  source: LayerSource,
  options: ReadLayerOptions = {},
): Promise<LayerResults[K] & { format: InputFormat; source: SourceReport }> {
  const { signal } = options;
  signal?.throwIfAborted();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  let bytes: Uint8Array;
  let name: string;
  if ('url' in source) {
    name = source.name ?? source.url;
    const byName = safeDetect(name);
    if (byName === 'fgb') {
      const table = await readFgb(source.url, { rect: options.rect, signal, maxBytes, fetch: options.fetch });
      return { ...dispatch(kind, table, options.mapping), format: 'fgb', source: fgbByUrl() };
    }
    bytes = await fetchBytes(source.url, options, maxBytes);
  } else {
    name = source.name;
    bytes = source.bytes instanceof Uint8Array ? source.bytes : new Uint8Array(source.bytes);
  }
  const format = detectFormat({ name, head: bytes.subarray(0, SNIFF_BYTES), size: bytes.byteLength }, { maxBytes });
  if (format === 'csv-opencellid' && kind === 'bts') {
    const { records, issues } = readOpenCellId(bytes);
    const cells: Partial<LayerResults> = { bts: { records, issues, fields: {} } };
    const report: SourceReport = { format, crs: { code: 'EPSG:4326', name: 'WGS 84', from: 'format', declared: null }, encoding: null, layers: null };
    return { ...(cells[kind] as LayerResults[K]), format, source: report };
  }
  const read = await readFeatures(format === 'csv-opencellid' ? 'csv' : format, { name, bytes }, {
    mapping: options.mapping, crs: options.crs, encoding: options.encoding, layer: options.layer, prefer: PREFER[kind], maxBytes, signal,
  });
  signal?.throwIfAborted();
  let table: FeatureTable = read.table;
  if (options.rect) table = filterByRect(table, options.rect);
  return { ...dispatch(kind, table, options.mapping), format, source: read.report };
}

/** A FlatGeobuf read by URL is WGS84 (read-fgb refuses another CRS there). */
function fgbByUrl(): SourceReport {
  return { format: 'fgb', crs: { code: 'EPSG:4326', name: 'WGS 84', from: 'format', declared: null }, encoding: null, layers: null };
}

function safeDetect(name: string): InputFormat | null {
  try {
    return detectFormat({ name });
  } catch {
    return null;
  }
}

function dispatch<K extends LayerKind>(kind: K, table: FeatureTable, mapping?: FieldMapping): LayerResults[K] {
  const readers: { [L in LayerKind]: (t: FeatureTable, m?: FieldMapping) => LayerResults[L] } = {
    villages: readVillages,
    bts: readBts,
    fibre: readFibre,
    settlements: readSettlements,
  };
  return readers[kind](table, mapping) as LayerResults[K];
}

async function fetchBytes(url: string, options: ReadLayerOptions, maxBytes: number): Promise<Uint8Array> {
  const doFetch = options.fetch ?? fetch;
  const response = await doFetch(url, { signal: options.signal });
  options.signal?.throwIfAborted();
  if (!response.ok) {
    await response.body?.cancel();
    throw new InputError(
      'http-error',
      `Could not read ${url}: the server answered ${response.status} ${response.statusText}. Check the address and that the file is public.`,
      { url, status: response.status },
    );
  }
  const length = Number(response.headers.get('content-length'));
  if (Number.isFinite(length) && length > 0) {
    try {
      checkInputSize(length, { name: url, maxBytes });
    } catch (error) {
      await response.body?.cancel();
      throw error;
    }
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  options.signal?.throwIfAborted();
  return bytes;
}

/** Keeps the features whose bounding box meets `rect` (for formats without an index). */
function filterByRect(table: FeatureTable, rect: Rect): FeatureTable {
  const keep: number[] = [];
  table.features.forEach((f, i) => {
    const box = geometryBox(f.geometry);
    // Features without a position are kept so the typed reader reports them.
    if (box === null || boxesMeet(box, rect)) keep.push(i);
  });
  return {
    ...table,
    features: keep.map((i) => table.features[i]),
    origins: keep.map((i) => (table.origins ? table.origins[i] : i)),
  };
}
