import type { FeatureTable, GeoFeature } from './geojson-types.ts';
import { InputError } from './input-error.ts';
import { boxesMeet, geometryBox, type Rect } from './layer-input.ts';
import { fetchChunks, RangeSource, type WholeFileReason } from './range-source.ts';
import { type ByteSource, searchIndex } from './fgb/fgb-index.ts';
import { HEADER_START, type FgbCrs, type FgbHeader, hasFgbMagic, headerLength, parseFgbHeader } from './fgb/fgb-header.ts';
import { FgbStreamParser, corrupt, decodeOrRefuse, notFlatGeobuf } from './fgb/fgb-stream.ts';
import { CorruptBuffer } from './fgb/flat-table.ts';
import { errorMessage } from '../error-message.ts';

/**
 * FlatGeobuf in, with our own reader (fgb/): from bytes, from chunks as they arrive, or from a URL,
 * optionally only the features whose boxes meet `rect`.
 *
 * - A URL without `rect` is fetched whole, in one request, and decoded while it arrives.
 * - A URL with `rect` is read by checked HTTP range requests ({@link RangeSource}) through the
 *   file's packed R-tree; a file without a spatial index is read whole and filtered; a server
 *   that cannot answer ranges has the file read whole once (`onWholeFile` says so).
 * - Bytes or chunks with `rect` are filtered through the index when the file has one, else by
 *   each feature's box.
 *
 * What the file promises is checked against what it holds (see fgb/fgb-stream.ts): a file cut
 * short or corrupt is refused with a one-line InputError naming it (`truncated`, `corrupt`), as are
 * what is not FlatGeobuf (`not-flatgeobuf`) and a CRS other than WGS84 (`wrong-crs`). The
 * AbortSignal is checked after every await; an abort rejects with `AbortError`.
 */

export type { Rect };
export type { FgbHeader };

export interface FgbReadOptions {
  rect?: Rect;
  signal?: AbortSignal;
  /** Refuse a file larger than this (bytes), before reading it where its size is announced. */
  maxBytes?: number;
  /** For tests and the CLI; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** How messages name the file (default: the URL, or "This file"). */
  name?: string;
  /** Hears the header before the first feature (its columns, count, CRS). */
  onHeader?: (header: FgbHeader) => void;
  /**
   * Asked once, after `onHeader`: the columns whose values the caller reads; the features' other
   * properties are checked but not decoded (left out of `properties`). Null or absent: all.
   */
  usedColumns?: (header: FgbHeader) => readonly string[] | null;
  /** Heard once when a server could not answer range requests and the file was read whole. */
  onWholeFile?: (reason: WholeFileReason) => void;
  /**
   * A CRS other than WGS84 in the header is handed on as the table's `declaredCrs` (for the caller
   * to reproject) instead of being refused.
   */
  anyCrs?: boolean;
}

/** Where FlatGeobuf comes from: bytes in memory, chunks as they arrive, a URL, or a range source kept by the caller. */
export type FgbSource = Uint8Array | ArrayBuffer | string | AsyncIterable<Uint8Array> | RangeSource;

/** True when the bytes start like a FlatGeobuf file ("fgb" and major version 3). */
export function isFlatGeobuf(bytes: Uint8Array): boolean {
  return hasFgbMagic(bytes);
}

/** Throws `wrong-crs` unless the header's CRS is absent, EPSG:4326 or CRS84. */
export function checkFgbCrs(header: { crs: FgbCrs | null }, source = 'The FlatGeobuf file'): void {
  const crs = header.crs;
  if (crs === null) return;
  const org = (crs.org ?? 'EPSG').toUpperCase();
  const codeString = (crs.codeString ?? '').toUpperCase();
  if ((org === 'EPSG' && (crs.code === 4326 || crs.code === 0) && (codeString === '' || codeString === '4326')) ||
      codeString === 'CRS84' || codeString === 'OGC:CRS84') {
    return;
  }
  const name = crs.code !== 0 ? `${org}:${crs.code}` : crs.codeString || crs.name || 'an unknown CRS';
  throw new InputError(
    'wrong-crs',
    `${source} is in ${name}, not WGS84 longitude/latitude. Reproject it: ` +
      'ogr2ogr -f FlatGeobuf -t_srs EPSG:4326 out.fgb in.fgb.',
    { crs: name, source },
  );
}

/** The header's CRS as text ("EPSG:9216", or its WKT); null when absent or WGS84. */
function fgbCrsText(crs: FgbCrs | null): string | null {
  if (crs === null) return null;
  try {
    checkFgbCrs({ crs });
    return null;
  } catch {
    if (crs.code !== 0) return `${crs.org ?? 'EPSG'}:${crs.code}`;
    return crs.wkt || crs.codeString || crs.name || null;
  }
}

/** A feature and its number in the file (0-based, file order). */
export interface FgbRow {
  feature: GeoFeature;
  index: number;
}

/**
 * Calls `onRow` for every feature of the file (within `rect` when given), in file order, without
 * a promise per feature; resolves when the whole file is read. See the module comment.
 */
export async function readFgbRows(source: FgbSource, options: FgbReadOptions, onRow: (feature: GeoFeature, index: number) => void): Promise<void> {
  for await (const batch of batches(source, options)) {
    for (const row of batch) onRow(row.feature, row.index);
  }
}

/** Streams the features of a FlatGeobuf file; see the module comment. */
export async function* readFgbFeatures(source: FgbSource, options: FgbReadOptions = {}): AsyncGenerator<FgbRow> {
  for await (const batch of batches(source, options)) {
    for (const row of batch) {
      yield row;
      options.signal?.throwIfAborted();
    }
  }
}

/**
 * Reads the features into a table (`where: 'feature'`, origins = number in the file) with the
 * header's columns; with `anyCrs`, the header's CRS other than WGS84 as `declaredCrs`.
 */
export async function readFgb(source: FgbSource, options: FgbReadOptions = {}): Promise<FeatureTable & { columns: string[] }> {
  const features: GeoFeature[] = [];
  const origins: number[] = [];
  let columns: string[] = [];
  let crs: FgbCrs | null = null;
  const onHeader = (header: FgbHeader): void => {
    columns = header.columns.map((c) => c.name);
    crs = header.crs;
    options.onHeader?.(header);
  };
  await readFgbRows(source, { ...options, onHeader }, (feature, index) => {
    features.push(feature);
    origins.push(index);
  });
  const table = { features, where: 'feature' as const, origins, columns };
  return options.anyCrs ? { ...table, declaredCrs: fgbCrsText(crs) } : table;
}

type Named = FgbReadOptions & { name: string };

/** The rows of a file, a batch per chunk of bytes (or per request). */
async function* batches(source: FgbSource, options: FgbReadOptions): AsyncGenerator<FgbRow[]> {
  options.signal?.throwIfAborted();
  if (source instanceof RangeSource) {
    yield* readUrlRect(source, options.rect ?? WORLD, { ...options, name: options.name ?? source.url });
    return;
  }
  if (typeof source === 'string') {
    const name = options.name ?? source;
    if (options.rect) yield* readUrlRect(new RangeSource(source, options), options.rect, { ...options, name });
    else yield* readStream(fetchChunks(source, options), { ...options, name });
    return;
  }
  const name = options.name ?? 'This file';
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) {
    const bytes = source instanceof Uint8Array ? source : new Uint8Array(source);
    if (options.rect && bytes.byteLength >= HEADER_START && hasFgbMagic(bytes)) {
      const header = headerOf(bytes, name);
      if (header.indexNodeSize > 0) {
        yield* readIndexed(memorySource(bytes, name), header, options.rect, { ...options, name });
        return;
      }
    }
    yield* readStream([bytes], { ...options, name });
    return;
  }
  yield* readStream(source, { ...options, name });
}

/** Features at most per batch of a file in memory (so that an abort is heard between batches). */
const BATCH_FEATURES = 4096;

/** Every feature of a file front to back (filtered by `rect` when given). */
async function* readStream(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: Named): AsyncGenerator<FgbRow[]> {
  const { rect, signal } = options;
  const parser = new FgbStreamParser(options.name, (header) => {
    if (!options.anyCrs) checkFgbCrs(header, options.name);
    options.onHeader?.(header);
    parser.wanted = wantedColumns(header, options);
  });
  for await (const chunk of chunks) {
    signal?.throwIfAborted();
    parser.push(chunk);
    let batch: FgbRow[] = [];
    for (;;) {
      const feature = parser.next();
      if (feature === null) break;
      if (rect) {
        const box = geometryBox(feature.geometry);
        if (box === null || !boxesMeet(box, rect)) continue;
      }
      batch.push({ feature, index: parser.features - 1 });
      if (batch.length === BATCH_FEATURES) {
        yield batch;
        signal?.throwIfAborted();
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
  signal?.throwIfAborted();
  parser.finish();
}

/** Which of the header's columns to decode (by index), from `usedColumns`; null for all. */
function wantedColumns(header: FgbHeader, options: FgbReadOptions): boolean[] | null {
  const used = options.usedColumns?.(header) ?? null;
  if (used === null) return null;
  const names = new Set(used);
  return header.columns.map((c) => names.has(c.name));
}

/** The header of a file in memory, refused when it is cut or corrupt. */
function headerOf(bytes: Uint8Array, name: string): FgbHeader {
  try {
    if (bytes.byteLength < HEADER_START) {
      throw new InputError('truncated', `${name} is cut short: it ends at byte ${bytes.byteLength}, inside its header. Download or export it again.`, { source: name });
    }
    const length = headerLength(bytes);
    if (bytes.byteLength < HEADER_START + length) {
      throw new InputError('truncated', `${name} is cut short: it ends at byte ${bytes.byteLength}, inside its header. Download or export it again.`, { source: name });
    }
    return parseFgbHeader(bytes);
  } catch (error) {
    if (error instanceof CorruptBuffer) throw corrupt(name, error.message);
    throw error;
  }
}

function memorySource(bytes: Uint8Array, name: string): ByteSource {
  return {
    read: (offset, length) => {
      if (offset + length > bytes.byteLength) {
        return Promise.reject(new InputError('truncated',
          `${name} is cut short: it ends at byte ${bytes.byteLength}, before byte ${offset + length} that its spatial index points to. Download or export it again.`,
          { source: name, size: bytes.byteLength, needed: offset + length }));
      }
      return Promise.resolve(bytes.subarray(offset, offset + length));
    },
  };
}

/** Bytes read in one request may include up to this many unwanted ones between wanted features. */
const MERGE_GAP_BYTES = 256 * 1024;

/** The features of an indexed file meeting `rect`, through its index, fetching near ones together. */
async function* readIndexed(source: ByteSource, header: FgbHeader, rect: Rect, options: Named): AsyncGenerator<FgbRow[]> {
  const { signal, name } = options;
  if (!options.anyCrs) checkFgbCrs(header, name);
  options.onHeader?.(header);
  const wanted = wantedColumns(header, options);
  let hits;
  try {
    hits = await searchIndex(source, header, rect);
  } catch (error) {
    if (error instanceof CorruptBuffer) throw corrupt(name, error.message);
    throw error;
  }
  signal?.throwIfAborted();
  let i = 0;
  while (i < hits.length) {
    // A run of features close together, read in one request.
    let j = i;
    for (;;) {
      const length = hits[j].length;
      if (j + 1 >= hits.length || length === null || hits[j + 1].offset - (hits[j].offset + length) > MERGE_GAP_BYTES) break;
      j++;
    }
    const first = hits[i].offset;
    const last = hits[j];
    const lastLength = last.length ?? (await lastFeatureLength(source, last.offset, name));
    const span = await source.read(first, last.offset + lastLength - first);
    signal?.throwIfAborted();
    const view = new DataView(span.buffer, span.byteOffset, span.byteLength);
    const batch: FgbRow[] = [];
    for (let k = i; k <= j; k++) {
      const hit = hits[k];
      const at = hit.offset - first;
      const size = view.getUint32(at, true);
      const length = hit.length ?? lastLength;
      if (size + 4 !== length) {
        throw corrupt(name, `feature ${hit.index + 1} is ${size + 4} bytes where its spatial index says ${length}`);
      }
      batch.push({ feature: decodeOrRefuse(viewOf(span.subarray(at + 4, at + 4 + size)), header, hit.index, name, wanted), index: hit.index });
    }
    yield batch;
    i = j + 1;
  }
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Bytes of the file's last feature (size prefix included), from its size prefix. */
async function lastFeatureLength(source: ByteSource, offset: number, name: string): Promise<number> {
  const prefix = await source.read(offset, 4);
  const size = new DataView(prefix.buffer, prefix.byteOffset, 4).getUint32(0, true);
  if (size < 4) throw corrupt(name, `its last feature claims to be ${size} bytes long`);
  return size + 4;
}

/** First bytes asked of a URL: the magic bytes and, for most files, the whole header. */
const HEAD_BYTES = 8 * 1024;

const WORLD: Rect = { minX: -180, minY: -90, maxX: 180, maxY: 90 };

async function* readUrlRect(source: RangeSource, rect: Rect, options: Named): AsyncGenerator<FgbRow[]> {
  const { signal } = options;
  let head = await source.readAtMost(0, HEAD_BYTES, signal);
  if (!hasFgbMagic(head)) {
    if (head.byteLength === 0) throw new InputError('empty-file', `${options.name} is empty. Choose a file that contains data.`, { source: options.name });
    throw notFlatGeobuf(options.name);
  }
  if (head.byteLength >= HEADER_START) {
    let length: number;
    try {
      length = headerLength(head);
    } catch (error) {
      throw corrupt(options.name, errorMessage(error));
    }
    if (head.byteLength < HEADER_START + length) head = await source.readAtMost(0, HEADER_START + length, signal);
  }
  const header = headerOf(head, options.name);
  if (header.indexNodeSize > 0) {
    yield* readIndexed({ read: (offset, length) => source.read(offset, length, signal) }, header, rect, options);
    return;
  }
  // No spatial index: the whole file, once (the range source holds it already when the server ignored ranges).
  const whole = source.readWhole && source.size !== null ? [await source.readAtMost(0, source.size, signal)] : fetchChunks(source.url, options);
  yield* readStream(whole, options);
}
