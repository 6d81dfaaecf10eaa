import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { fromFeature } from 'flatgeobuf/lib/mjs/geojson/feature.js';
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import { HttpReader, type RangeClient } from 'flatgeobuf/lib/mjs/http-reader.js';
import { DEFAULT_MAX_INPUT_BYTES, checkInputSize } from './detect-format.ts';
import type { FeatureTable, GeoFeature, GeoGeometry } from './geojson-types.ts';
import { InputError } from './input-error.ts';
import { boxesMeet, geometryBox, type Rect } from './layer-input.ts';

/**
 * FlatGeobuf in, from bytes or a URL, optionally only the features whose boxes meet `rect`.
 * A URL with `rect` is read by HTTP range requests through the file's packed R-tree; a URL without
 * `rect` is fetched whole. Refused: not FlatGeobuf (magic bytes), a CRS other than EPSG:4326 / CRS84
 * in the header (`wrong-crs`), a URL + `rect` on a file without spatial index (`no-spatial-index`).
 * Bytes + `rect` on a file without index are filtered by a full scan instead (they are in memory
 * anyway). An AbortSignal is checked after every await; an abort rejects with `AbortError`.
 *
 * Only flatgeobuf's GeoJSON entry points are imported, never its package root (which pulls in the
 * OpenLayers adapter). The range requests use our own client (status checks, abort) handed to
 * flatgeobuf's HttpReader; flatgeobuf itself logs range statistics with console.debug.
 */

export type { Rect };

export interface FgbReadOptions {
  rect?: Rect;
  signal?: AbortSignal;
  /** Refuse a URL whose Content-Length is larger than this, before reading (bytes). */
  maxBytes?: number;
  /** For tests and the CLI; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /**
   * Bytes only: a CRS other than WGS84 in the header is handed on as the table's `declaredCrs`
   * (for the caller to reproject) instead of being refused.
   */
  anyCrs?: boolean;
}

const MAGIC = [0x66, 0x67, 0x62, 0x03];

/** True when the bytes start like a FlatGeobuf file ("fgb" and major version 3). */
export function isFlatGeobuf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && MAGIC.every((v, i) => bytes[i] === v);
}

function notFlatGeobuf(source: string): InputError {
  return new InputError(
    'not-flatgeobuf',
    `${source} is not a FlatGeobuf file (its first bytes are not "fgb\\x03"). Choose a .fgb file, ` +
      'or convert the layer: ogr2ogr -f FlatGeobuf out.fgb in.geojson.',
    { source },
  );
}

function noSpatialIndex(source: string): InputError {
  return new InputError(
    'no-spatial-index',
    `${source} has no spatial index, so a bounding box cannot be read from it over HTTP. ` +
      'Re-export it with a spatial index, e.g. ogr2ogr -f FlatGeobuf out.fgb in.geojson, or load the whole file.',
    { source },
  );
}

/** Throws `wrong-crs` unless the header's CRS is absent, EPSG:4326 or CRS84. */
export function checkFgbCrs(header: Pick<HeaderMeta, 'crs'>, source = 'The FlatGeobuf file'): void {
  const crs = header.crs;
  if (crs === null) return;
  const org = (crs.org ?? 'EPSG').toUpperCase();
  const codeString = (crs.code_string ?? '').toUpperCase();
  if ((org === 'EPSG' && (crs.code === 4326 || crs.code === 0) && (codeString === '' || codeString === '4326')) ||
      codeString === 'CRS84' || codeString === 'OGC:CRS84') {
    return;
  }
  const name = crs.code !== 0 ? `${org}:${crs.code}` : crs.code_string || crs.name || 'an unknown CRS';
  throw new InputError(
    'wrong-crs',
    `${source} is in ${name}, not WGS84 longitude/latitude. Reproject it: ` +
      'ogr2ogr -f FlatGeobuf -t_srs EPSG:4326 out.fgb in.fgb.',
    { crs: name, source },
  );
}

/** Streams the features of a FlatGeobuf file; see the module comment. */
export async function* readFgbFeatures(
  source: Uint8Array | ArrayBuffer | string,
  options: FgbReadOptions = {},
): AsyncGenerator<GeoFeature & { index: number }> {
  const { signal } = options;
  signal?.throwIfAborted();
  if (typeof source === 'string') {
    if (options.rect) yield* readUrlRect(source, options.rect, options);
    else yield* readUrlWhole(source, options);
    return;
  }
  let bytes = source instanceof Uint8Array ? source : new Uint8Array(source);
  // flatgeobuf reads the header through `bytes.buffer`, so a view must start at offset 0.
  if (bytes.byteOffset !== 0) bytes = bytes.slice();
  if (!isFlatGeobuf(bytes)) throw notFlatGeobuf('This file');
  const header = await probeHeader(bytes);
  if (!options.anyCrs) checkFgbCrs(header);
  const rect = options.rect;
  const useIndex = rect !== undefined && header.indexNodeSize > 0;
  let n = 0;
  for await (const f of deserialize(bytes, useIndex ? { rect } : {})) {
    signal?.throwIfAborted();
    const feature = toGeoFeature(f);
    const index = useIndex ? Number(f.id ?? n) : n;
    n++;
    if (rect && !useIndex) {
      const box = geometryBox(feature.geometry);
      if (box === null || !boxesMeet(box, rect)) continue;
    }
    yield { ...feature, index };
  }
}

/** Reads the features into a table (`where: 'feature'`, origins = index in the file). */
export async function readFgb(source: Uint8Array | ArrayBuffer | string, options: FgbReadOptions = {}): Promise<FeatureTable> {
  const features: GeoFeature[] = [];
  const origins: number[] = [];
  for await (const { index, ...feature } of readFgbFeatures(source, options)) {
    features.push(feature);
    origins.push(index);
  }
  if (options.anyCrs && typeof source !== 'string') {
    const bytes = source instanceof Uint8Array ? source : new Uint8Array(source);
    const declaredCrs = fgbCrsText((await probeHeader(bytes.byteOffset === 0 ? bytes : bytes.slice())).crs);
    return { features, where: 'feature', origins, declaredCrs };
  }
  return { features, where: 'feature', origins };
}

/** The header's CRS as text ("EPSG:9216", or its WKT); null when absent or WGS84. */
export function fgbCrsText(crs: HeaderMeta['crs']): string | null {
  if (crs === null) return null;
  try {
    checkFgbCrs({ crs });
    return null;
  } catch {
    if (crs.code !== 0) return `${crs.org ?? 'EPSG'}:${crs.code}`;
    return crs.wkt || crs.code_string || crs.name || null;
  }
}

const STOP = Symbol('header read');

/** The header of an in-memory file, read through flatgeobuf's own callback. */
async function probeHeader(bytes: Uint8Array): Promise<HeaderMeta> {
  let header: HeaderMeta | null = null;
  const gen = deserialize(bytes, {
    headerMetaFn: (h: HeaderMeta) => {
      header = h;
      throw STOP;
    },
  });
  try {
    await gen.next();
  } catch (error) {
    if (error !== STOP) throw notFlatGeobuf('This file');
  }
  if (header === null) throw notFlatGeobuf('This file');
  return header;
}

function toGeoFeature(f: { properties?: unknown; geometry?: unknown; id?: unknown }): GeoFeature {
  const properties = (f.properties ?? {}) as Record<string, unknown>;
  return { type: 'Feature', properties, geometry: (f.geometry ?? null) as GeoGeometry | null };
}

function httpError(url: string, status: number, statusText: string): InputError {
  return new InputError(
    'http-error',
    `Could not read ${url}: the server answered ${status} ${statusText}. Check the address and that the file is public.`,
    { url, status },
  );
}

/**
 * Range reads with the checks flatgeobuf's own client lacks: the AbortSignal, a 200 that ignores
 * the Range header (refused rather than mis-sliced), 416, and the magic bytes on the first read.
 */
class CheckedRangeClient implements RangeClient {
  constructor(
    private readonly url: string,
    private readonly options: FgbReadOptions,
  ) {}

  async getRange(begin: number, length: number): Promise<ArrayBuffer> {
    const { signal } = this.options;
    signal?.throwIfAborted();
    const doFetch = this.options.fetch ?? fetch;
    const response = await doFetch(this.url, {
      headers: { ...this.options.headers, Range: `bytes=${begin}-${begin + length - 1}` },
      signal,
    });
    signal?.throwIfAborted();
    if (response.status === 200) {
      await response.body?.cancel();
      throw new InputError(
        'http-error',
        `The server of ${this.url} ignores HTTP Range requests (it sent the whole file), so a bounding box ` +
          'cannot be read from it. Serve the file from a server with Range support, or download it and open the file.',
        { url: this.url, status: 200 },
      );
    }
    if (response.status === 416) {
      await response.body?.cancel();
      throw new InputError(
        'http-error',
        `${this.url} ends before byte ${begin}: the file is truncated or not the FlatGeobuf its header describes. Download it again.`,
        { url: this.url, status: 416 },
      );
    }
    if (!response.ok) throw httpError(this.url, response.status, response.statusText);
    const buffer = await response.arrayBuffer();
    signal?.throwIfAborted();
    if (begin === 0 && !isFlatGeobuf(new Uint8Array(buffer, 0, Math.min(4, buffer.byteLength)))) {
      throw notFlatGeobuf(this.url);
    }
    return buffer;
  }
}

async function* readUrlRect(url: string, rect: Rect, options: FgbReadOptions): AsyncGenerator<GeoFeature & { index: number }> {
  const { signal } = options;
  let reader: HttpReader;
  try {
    reader = await HttpReader.openSource(new CheckedRangeClient(url, options));
  } catch (error) {
    if (error instanceof Error && /No index found/.test(error.message)) throw noSpatialIndex(url);
    if (error instanceof Error && /Invalid header size/.test(error.message)) throw notFlatGeobuf(url);
    throw error;
  }
  signal?.throwIfAborted();
  checkFgbCrs(reader.header, url);
  for await (const { id, feature } of reader.selectBbox(rect)) {
    signal?.throwIfAborted();
    yield { ...toGeoFeature(fromFeature(id, feature, reader.header)), index: id };
  }
}

async function* readUrlWhole(url: string, options: FgbReadOptions): AsyncGenerator<GeoFeature & { index: number }> {
  const { signal } = options;
  const doFetch = options.fetch ?? fetch;
  const response = await doFetch(url, { headers: options.headers, signal });
  signal?.throwIfAborted();
  if (!response.ok) throw httpError(url, response.status, response.statusText);
  const length = Number(response.headers.get('content-length'));
  if (Number.isFinite(length) && length > 0) {
    try {
      checkInputSize(length, { name: url, maxBytes: options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES, format: 'fgb' });
    } catch (error) {
      await response.body?.cancel();
      throw error;
    }
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  signal?.throwIfAborted();
  if (!isFlatGeobuf(bytes)) throw notFlatGeobuf(url);
  const header = await probeHeader(bytes);
  checkFgbCrs(header, url);
  let n = 0;
  for await (const f of deserialize(bytes)) {
    signal?.throwIfAborted();
    yield { ...toGeoFeature(f), index: n++ };
  }
}
