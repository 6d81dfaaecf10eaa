import { DEFAULT_MAX_INPUT_BYTES, SNIFF_BYTES, detectFormat, type InputFormat } from './detect-format.ts';
import type { FieldMapping } from './field-mapping.ts';
import type { GeoFeature } from './geojson-types.ts';
import { InputError } from './input-error.ts';
import { boxesMeet, geometryBox } from './layer-input.ts';
import { concatChunks, fetchChunks, type WholeFileReason } from './range-source.ts';
import { type BtsResult, btsRows } from './read-bts.ts';
import { readCsvPoints, readOpenCellId } from './read-csv.ts';
import { type FgbSource, isFlatGeobuf, readFgbRows, type Rect } from './read-fgb.ts';
import { notFlatGeobuf } from './fgb/fgb-stream.ts';
import { type FibreResult, fibreRows } from './read-fibre.ts';
import { readGeoJsonFeatures } from './read-geojson.ts';
import { type SettlementsResult, settlementRows } from './read-settlements.ts';
import { type VillagesResult, villageRows } from './read-villages.ts';
import type { RowReader, RowReaderOptions } from './row-reader.ts';
import type { InputIssue } from '../model.ts';

/**
 * One entry point for the app, the CLI and workers: a file's bytes or a URL, and which layer it
 * is, → typed records and issues. Detects the format (size guard first) and reads the file into
 * the layer's typed reader a row at a time as it is parsed (FlatGeobuf even as its bytes arrive
 * from a URL), so a file is never held whole as features. A layer from which not one record could
 * be read is refused (`no-records`, with the first reasons), never returned empty (read by `rect`,
 * an empty box is an empty result). Every refusal is an {@link InputError}.
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
  /** Heard once when a server could not answer range requests and the file was read whole. */
  onWholeFile?: (reason: WholeFileReason) => void;
}

const ROW_READERS: { [K in LayerKind]: (options: RowReaderOptions) => RowReader<LayerResults[K]> } = {
  villages: villageRows,
  bts: btsRows,
  fibre: fibreRows,
  settlements: settlementRows,
};

/** What each kind is called in a refusal. */
const KIND_NAMES: Record<LayerKind, string> = { villages: 'villages', bts: 'BTS sites', fibre: 'fibre routes or access points', settlements: 'settlements' };

/** Reads one layer; the result says which format was read. */
export async function readLayer<K extends LayerKind>(
  kind: K,
  source: LayerSource,
  options: ReadLayerOptions = {},
): Promise<LayerResults[K] & { format: InputFormat }> {
  const { signal } = options;
  signal?.throwIfAborted();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  let read: { result: LayerResults[K]; format: InputFormat };
  let name: string;
  if ('url' in source) {
    name = source.name ?? source.url;
    read = await readUrl(kind, source.url, name, { ...options, maxBytes });
  } else {
    name = source.name;
    const bytes = source.bytes instanceof Uint8Array ? source.bytes : new Uint8Array(source.bytes);
    read = await readBytes(kind, bytes, name, { ...options, maxBytes });
  }
  signal?.throwIfAborted();
  // A box may hold nothing (a map's viewport); a whole file must hold something.
  if (!options.rect) requireRecords(kind, read.result, name);
  return { ...read.result, format: read.format };
}

type Options = ReadLayerOptions & { maxBytes: number };

function safeDetect(name: string): InputFormat | null {
  try {
    return detectFormat({ name });
  } catch {
    return null;
  }
}

/** The format of a file from its name and first bytes; a file named .fgb that does not start like one is refused as such. */
function formatOf(name: string, start: Uint8Array, size: number | undefined, options: Options): InputFormat {
  if (start.byteLength > 0 && safeDetect(name) === 'fgb' && !isFlatGeobuf(start)) throw notFlatGeobuf(name);
  return detectFormat({ name, head: start.subarray(0, SNIFF_BYTES), ...(size !== undefined ? { size } : {}) }, options);
}

/**
 * A URL: FlatGeobuf with `rect` by range requests; anything else in one GET, FlatGeobuf decoded
 * while it arrives, other formats once they are in.
 */
async function readUrl<K extends LayerKind>(kind: K, url: string, name: string, options: Options): Promise<{ result: LayerResults[K]; format: InputFormat }> {
  if (options.rect && safeDetect(name) === 'fgb') return { result: await readFgbLayer(kind, url, name, options), format: 'fgb' };
  const chunks = fetchChunks(url, options);
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.byteLength;
  }
  const start = concatChunks(head);
  const format = formatOf(name, start, ended ? start.byteLength : undefined, options);
  if (format === 'fgb') {
    const rest = ended ? [] : chunks;
    return { result: await readFgbLayer(kind, prepend(start, rest), name, options), format };
  }
  const all = [start];
  if (!ended) for await (const chunk of chunks) all.push(chunk);
  return readBytes(kind, concatChunks(all), name, options);
}

/** Bytes in memory, by their format. */
async function readBytes<K extends LayerKind>(kind: K, bytes: Uint8Array, name: string, options: Options): Promise<{ result: LayerResults[K]; format: InputFormat }> {
  const format = formatOf(name, bytes, bytes.byteLength, options);
  const { mapping, rect } = options;
  if (format === 'fgb') return { result: await readFgbLayer(kind, bytes, name, options), format };
  if (format === 'csv-opencellid' && kind === 'bts') {
    const cells: Partial<LayerResults> = { bts: { ...readOpenCellId(bytes), fields: {} } };
    return { result: cells[kind] as LayerResults[K], format };
  }
  const make = ROW_READERS[kind];
  if (format === 'geojson') {
    const reader = within(make({ where: 'feature', mapping }), rect);
    readGeoJsonFeatures(bytes, (feature, index) => reader.add(feature, index));
    return { result: reader.finish(), format };
  }
  return { result: readCsvPoints(bytes, mapping ?? {}, (o) => within(make(o), rect)), format };
}

/** FlatGeobuf into the layer's reader, which learns its columns from the header. */
async function readFgbLayer<K extends LayerKind>(kind: K, source: FgbSource, name: string, options: Options): Promise<LayerResults[K]> {
  // Made when the header names the columns.
  const made: { reader: RowReader<LayerResults[K]> | null } = { reader: null };
  const make = ROW_READERS[kind];
  await readFgbRows(
    source,
    {
      rect: options.rect,
      signal: options.signal,
      maxBytes: options.maxBytes,
      fetch: options.fetch,
      onWholeFile: options.onWholeFile,
      name,
      onHeader: (header) => {
        made.reader = make({ where: 'feature', mapping: options.mapping, columns: header.columns.map((c) => c.name) });
      },
    },
    (feature, index) => made.reader?.add(feature, index),
  );
  if (made.reader === null) throw new Error(`${name}: the FlatGeobuf reader ended without a header.`);
  return made.reader.finish();
}

/** The reader, given only the rows whose geometry meets `rect` (and those without a position, so it reports them). */
function within<R>(reader: RowReader<R>, rect: Rect | undefined): RowReader<R> {
  if (!rect) return reader;
  return {
    add(feature: GeoFeature, origin: number) {
      const box = geometryBox(feature.geometry);
      if (box === null || boxesMeet(box, rect)) reader.add(feature, origin);
    },
    skip: (issue) => reader.skip(issue),
    finish: () => reader.finish(),
  };
}

async function* prepend(first: Uint8Array, rest: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield first;
  yield* rest;
}

/** Records a result holds (routes and access points for fibre). */
function recordCount(result: LayerResults[LayerKind]): number {
  if ('routes' in result) return result.routes.length + result.points.length;
  return result.records.length;
}

/** Refuses a layer from which not one record could be read, with the first reasons rows were skipped. */
function requireRecords(kind: LayerKind, result: LayerResults[LayerKind], name: string): void {
  if (recordCount(result) > 0) return;
  const skipped = result.issues.filter((i) => /skipped/i.test(i.message));
  const first = (skipped.length > 0 ? skipped : result.issues).slice(0, 3).map((i: InputIssue) => i.message.replace(/\.$/, '')).join('; ');
  const n = skipped.length;
  const detail = n === 0 ? 'it holds no features' : `${n === 1 ? 'its one row was' : `all ${n} rows were`} skipped; ${first}`;
  throw new InputError(
    'no-records',
    `${name}: no ${KIND_NAMES[kind]} could be read from it (${detail}). Fix those rows or the column mapping, or choose another file.`,
    { name, kind, skipped: skipped.length, detail },
  );
}
