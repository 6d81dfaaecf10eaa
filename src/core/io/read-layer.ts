import { DEFAULT_MAX_INPUT_BYTES, SNIFF_BYTES, detectFormat, type InputFormat } from './detect-format.ts';
import type { FieldMapping } from './field-mapping.ts';
import type { FeatureTable, GeoFeature } from './geojson-types.ts';
import { InputError } from './input-error.ts';
import { boxesMeet, geometryBox } from './layer-input.ts';
import { concatChunks, fetchChunks, type WholeFileReason } from './range-source.ts';
import { type BtsResult, btsRows } from './read-bts.ts';
import { openCsv, readOpenCellId } from './read-csv.ts';
import { type CrsReport, linePreviews, readFeatures, type SourceReport } from './read-features.ts';
import { WGS84 } from './crs/crs-registry.ts';
import { chooseEncoding } from './encoding/detect-encoding.ts';
import { coordinateColumns, noRows, pointRow } from './point-table.ts';
import { lonLatProblem } from './coordinates.ts';
import { checkFgbCrs, type FgbSource, isFlatGeobuf, readFgbRows, type Rect } from './read-fgb.ts';
import { type FibreResult, fibreRows } from './read-fibre.ts';
import { isWgs84CrsName, readGeoJsonFeatures } from './read-geojson.ts';
import { type SettlementsResult, settlementRows } from './read-settlements.ts';
import { type VillagesResult, villageRows } from './read-villages.ts';
import { readTable, type RowReader, type RowReaderOptions } from './row-reader.ts';
import { notFlatGeobuf } from './fgb/fgb-stream.ts';
import { HEADER_START, headerLength, parseFgbHeader } from './fgb/fgb-header.ts';
import type { InputIssue } from '../model.ts';

/**
 * One entry point for the app, the CLI and workers: a file's bytes or a URL, and which layer it
 * is, → typed records and issues, and how the file was read (format, CRS, encoding, layer).
 *
 * Files in WGS84 longitude/latitude — a FlatGeobuf whose header says so, a GeoJSON in degrees — are
 * read into the layer's typed reader a row at a time as they are parsed (FlatGeobuf from a URL even
 * as its bytes arrive), so a file is never held whole as features. Anything else (another or no
 * declared CRS, metres, CSV with its encoding and coordinate columns, shapefiles, KML, workbooks)
 * goes through `readFeatures`, which decodes, reprojects or asks for the CRS. A layer from which
 * not one record could be read is refused (`no-records`, with the first reasons), never returned
 * empty (read by `rect`, an empty box is an empty result). Every refusal is an {@link InputError}.
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
  /** The CRS of a file that declares none, e.g. "EPSG:9216" (see `readFeatures`). */
  crs?: string;
  /** The text encoding of a CSV or shapefile, overriding its `.cpg` and detection. */
  encoding?: string;
  /** The shapefile of an archive or the sheet of a workbook to read. */
  layer?: string;
}

const ROW_READERS: { [K in LayerKind]: (options: RowReaderOptions) => RowReader<LayerResults[K]> } = {
  villages: villageRows,
  bts: btsRows,
  fibre: fibreRows,
  settlements: settlementRows,
};

/** The geometries each layer takes, to choose among the shapefiles of an archive. */
const PREFER: { [K in LayerKind]: ('point' | 'line' | 'polygon')[] } = {
  villages: ['polygon'],
  bts: ['point'],
  fibre: ['line', 'point'],
  settlements: ['point'],
};

/** What each kind is called in a refusal. */
const KIND_NAMES: Record<LayerKind, string> = { villages: 'villages', bts: 'BTS sites', fibre: 'fibre routes or access points', settlements: 'settlements' };

type Read<K extends LayerKind> = { result: LayerResults[K]; format: InputFormat; source: SourceReport };

/** Reads one layer; the result says which format was read and how (CRS, encoding, layer). */
export async function readLayer<K extends LayerKind>(
  kind: K,
  source: LayerSource,
  options: ReadLayerOptions = {},
): Promise<LayerResults[K] & { format: InputFormat; source: SourceReport }> {
  const { signal } = options;
  signal?.throwIfAborted();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  let read: Read<K>;
  let name: string;
  if ('url' in source) {
    name = source.name ?? source.url;
    read = await readUrl(kind, source.url, name, { ...options, maxBytes });
  } else {
    name = source.name;
    // A plain view even of a Node Buffer, whose `subarray` (one per feature) costs several times more.
    const bytes = source.bytes instanceof Uint8Array ? new Uint8Array(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength) : new Uint8Array(source.bytes);
    read = await readBytes(kind, bytes, name, { ...options, maxBytes });
  }
  signal?.throwIfAborted();
  // A box may hold nothing (a map's viewport); a whole file must hold something.
  if (!options.rect) requireRecords(kind, read.result, name);
  return { ...read.result, format: read.format, source: read.source };
}

type Options = ReadLayerOptions & { maxBytes: number };

/** How a file read in WGS84 was read: by its format's own rule (FlatGeobuf, GeoJSON, OpenCelliD) unless `how` says otherwise. */
function wgs84Report(format: InputFormat, how: Pick<CrsReport, 'from' | 'declared'> = { from: 'format', declared: null }): SourceReport {
  return { format, crs: { code: WGS84.code, name: WGS84.name, ...how }, encoding: null, layers: null };
}

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
 * Whether a FlatGeobuf, from its first bytes, declares WGS84 (and can be read straight into
 * records); null when the header is not all in `start`.
 */
function declaresWgs84(start: Uint8Array): boolean | null {
  if (start.byteLength < HEADER_START) return null;
  try {
    const length = headerLength(start);
    if (start.byteLength < HEADER_START + length) return null;
    const header = parseFgbHeader(start);
    if (header.crs === null) return false;
    checkFgbCrs(header);
    return true;
  } catch {
    // Another CRS, or a header the full reader will refuse with its reason.
    return false;
  }
}

/**
 * A URL: FlatGeobuf with `rect` by range requests; anything else in one GET, a FlatGeobuf in WGS84
 * decoded while it arrives, other files once they are in.
 */
async function readUrl<K extends LayerKind>(kind: K, url: string, name: string, options: Options): Promise<Read<K>> {
  if (options.rect && safeDetect(name) === 'fgb') {
    // By range requests only WGS84 is read (another CRS is refused, naming the fix).
    return { result: await readFgbLayer(kind, url, name, options), format: 'fgb', source: wgs84Report('fgb') };
  }
  const chunks = fetchChunks(url, options);
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let ended = false;
  // Enough for the format and, for most FlatGeobuf, the whole header.
  while (headBytes < 64 * 1024) {
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
  if (format === 'fgb' && declaresWgs84(start) === true) {
    const rest = ended ? [] : chunks;
    return { result: await readFgbLayer(kind, prepend(start, rest), name, options), format, source: wgs84Report(format) };
  }
  const all = [start];
  if (!ended) for await (const chunk of chunks) all.push(chunk);
  return readBytes(kind, concatChunks(all), name, options);
}

/** Bytes in memory, by their format. */
async function readBytes<K extends LayerKind>(kind: K, bytes: Uint8Array, name: string, options: Options): Promise<Read<K>> {
  const format = formatOf(name, bytes, bytes.byteLength, options);
  if (format === 'fgb' && declaresWgs84(bytes) === true) {
    return { result: await readFgbLayer(kind, bytes, name, options), format, source: wgs84Report(format) };
  }
  if (format === 'geojson') {
    const streamed = readGeoJsonLayer(kind, bytes, options);
    if (streamed !== null) {
      const source = streamed.declaredCrs === null ? wgs84Report(format) : wgs84Report(format, { from: 'declared', declared: streamed.declaredCrs });
      return { result: streamed.result, format, source };
    }
  }
  if (format === 'csv') {
    const streamed = readCsvLayer(kind, bytes, options);
    if (streamed !== null) return { ...streamed, format };
  }
  if (format === 'csv-opencellid' && kind === 'bts') {
    const { records, issues } = readOpenCellId(bytes);
    const cells: Partial<LayerResults> = { bts: { records, issues, fields: {} } };
    return { result: cells[kind] as LayerResults[K], format, source: wgs84Report(format) };
  }
  const read = await readFeatures(format === 'csv-opencellid' ? 'csv' : format, { name, bytes }, {
    mapping: options.mapping, crs: options.crs, encoding: options.encoding, layer: options.layer, prefer: PREFER[kind], maxBytes: options.maxBytes, signal: options.signal,
  });
  options.signal?.throwIfAborted();
  let table: FeatureTable = read.table;
  if (options.rect) table = filterByRect(table, options.rect);
  return { result: readTable(table, ROW_READERS[kind], options.mapping), format, source: read.report };
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
        made.reader = within(make({ where: 'feature', mapping: options.mapping, columns: header.columns.map((c) => c.name), expectedRows: header.featuresCount }), options.rect);
      },
      usedColumns: () => made.reader?.usedColumns() ?? null,
    },
    (feature, index) => made.reader?.add(feature, index),
  );
  if (made.reader === null) throw new Error(`${name}: the FlatGeobuf reader ended without a header.`);
  return made.reader.finish();
}

/** Thrown inside a streamed read to leave it for the general path. */
const NOT_WGS84 = Symbol('not WGS84 degrees');

/**
 * A GeoJSON in WGS84 degrees straight into the layer's reader, a feature at a time; null when it
 * declares another CRS or its numbers are not all degrees, for `readFeatures` to reproject it or
 * ask which CRS it is in.
 */
function readGeoJsonLayer<K extends LayerKind>(kind: K, bytes: Uint8Array, options: Options): { result: LayerResults[K]; declaredCrs: string | null } | null {
  const reader = within(ROW_READERS[kind]({ where: 'feature', mapping: options.mapping }), options.rect);
  let declaredCrs: string | null;
  try {
    ({ declaredCrs } = readGeoJsonFeatures(bytes, (feature, index) => {
      if (!inDegrees(feature)) throw NOT_WGS84;
      reader.add(feature, index);
    }, { anyCrs: true }));
  } catch (error) {
    if (error === NOT_WGS84) return null;
    throw error;
  }
  if (declaredCrs !== null && !isWgs84CrsName(declaredCrs)) return null;
  return { result: reader.finish(), declaredCrs };
}

/**
 * A UTF-8 lon/lat table in degrees straight into the layer's reader, a row at a time as it is
 * tokenised (the rows are never all held as strings and features); null when the file needs the
 * general path: another text encoding, a CRS or encoding given by the user, or a position that is
 * not longitude/latitude (metres to reproject or ask about, columns to swap, rows to drop).
 */
function readCsvLayer<K extends LayerKind>(kind: K, bytes: Uint8Array, options: Options): { result: LayerResults[K]; source: SourceReport } | null {
  if (options.crs || options.encoding) return null;
  const choice = chooseEncoding(bytes, {});
  if (choice.encoding !== 'utf-8') return null;
  const { records } = openCsv(bytes);
  const header = records.next();
  if (header.done) throw new InputError('empty-file', 'The CSV file is empty. Choose a file that contains data.');
  const columns = header.value.fields.map((c) => c.trim());
  const at = coordinateColumns(columns, options.mapping);
  const reader = within(ROW_READERS[kind]({ where: 'line', rowWord: 'line', mapping: options.mapping, columns }), options.rect);
  let rows = 0;
  for (const { fields, line } of records) {
    rows++;
    const point = pointRow(fields, line, columns, at, 'line');
    if ('issue' in point) {
      reader.skip(point.issue);
      continue;
    }
    if (lonLatProblem(point.lon, point.lat) !== null) return null;
    reader.add(point.feature, line);
  }
  if (rows === 0) throw noRows();
  const source = { ...wgs84Report('csv', { from: 'assumed', declared: null }), encoding: { ...choice, previews: linePreviews(bytes) } };
  return { result: reader.finish(), source };
}

/** Whether every position of a feature is a longitude/latitude (a first one outside sends the file to the general path). */
function inDegrees(feature: GeoFeature): boolean {
  const box = geometryBox(feature.geometry);
  return box === null || (Math.abs(box.minX) <= 180 && Math.abs(box.maxX) <= 180 && Math.abs(box.minY) <= 90 && Math.abs(box.maxY) <= 90);
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
    usedColumns: () => reader.usedColumns(),
    finish: () => reader.finish(),
  };
}

/** Keeps the features whose bounding box meets `rect` (for the files read whole). */
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

async function* prepend(first: Uint8Array, rest: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield first;
  yield* rest;
}

/** Records a result holds (routes and access points for fibre). */
function recordCount(result: LayerResults[LayerKind]): number {
  if ('routes' in result) return result.routes.length + result.points.length;
  if ('columns' in result) return result.columns.ids.length;
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

