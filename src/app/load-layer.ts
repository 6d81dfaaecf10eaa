import type { Feature, FeatureCollection } from 'geojson';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';

/**
 * Loads one map layer by URL, FlatGeobuf (read by bounding box over HTTP range requests) or GeoJSON,
 * and turns every failure into a `LayerLoadError` with a code the UI can explain.
 */

/** Axis-aligned lon/lat rectangle, as FlatGeobuf's spatial search takes it. */
export interface Rect {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The whole world: read everything a user's file holds (it still needs a spatial index). */
export const WORLD_RECT: Rect = { minX: -180, minY: -90, maxX: 180, maxY: 90 };

/** Why a layer could not be loaded. */
export type LayerErrorCode =
  | 'not-found'
  | 'html-instead'
  | 'http'
  | 'network'
  | 'not-flatgeobuf'
  | 'corrupt'
  | 'no-index'
  | 'bad-geojson'
  | 'crs'
  | 'empty';

/** A layer failed to load; `code` says why, `file` is the short name to show to the user. */
export class LayerLoadError extends Error {
  override name = 'LayerLoadError';
  readonly code: LayerErrorCode;
  readonly url: string;
  readonly file: string;
  readonly status: number | null;
  readonly detail: string;

  constructor(code: LayerErrorCode, url: string, message: string, extra: { status?: number; detail?: string } = {}) {
    super(message);
    this.code = code;
    this.url = url;
    this.file = fileNameOf(url);
    this.status = extra.status ?? null;
    this.detail = extra.detail ?? '';
  }
}

export interface LoadLayerOptions {
  /** Bounding box to read from a FlatGeobuf file; default: the whole world. */
  rect?: Rect;
  /** Stops reading; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** FlatGeobuf files start with "fgb" and a major version byte (3). */
const FGB_MAGIC = [0x66, 0x67, 0x62];
const SNIFF_BYTES = 16;
const EPSG_WGS84 = 4326;

/**
 * Reads the features of `url` inside `options.rect`.
 * The first bytes are fetched once to tell a missing file, a web page, FlatGeobuf and GeoJSON apart
 * before the FlatGeobuf reader sees them (it logs noisy errors on a wrong file).
 * @throws LayerLoadError with a code the UI turns into an actionable message.
 */
export async function loadLayer(url: string, options: LoadLayerOptions = {}): Promise<FeatureCollection> {
  const rect = options.rect ?? WORLD_RECT;
  const head = await sniff(url, options.signal);
  if (isFlatGeobuf(head.bytes)) return readFlatGeobuf(url, rect, options.signal);
  if (head.html) {
    throw new LayerLoadError('html-instead', url, `${url}: the server sent an HTML page, not the file`);
  }
  if (looksLikeJson(head.bytes)) return readGeoJson(url, options.signal);
  throw new LayerLoadError(
    'not-flatgeobuf',
    url,
    `${url} is neither FlatGeobuf (magic bytes "fgb") nor GeoJSON; first bytes: ${hex(head.bytes)}`,
  );
}

interface Sniffed {
  bytes: Uint8Array;
  html: boolean;
}

async function sniff(url: string, signal?: AbortSignal): Promise<Sniffed> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Range: `bytes=0-${SNIFF_BYTES - 1}` }, signal });
  } catch (err) {
    signal?.throwIfAborted();
    throw new LayerLoadError('network', url, `${url}: ${errorMessage(err)}`, { detail: errorMessage(err) });
  }
  if (response.status === 404) {
    await response.body?.cancel();
    throw new LayerLoadError('not-found', url, `${url}: HTTP 404 (file not found)`, { status: 404 });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new LayerLoadError('http', url, `${url}: HTTP ${response.status}`, { status: response.status });
  }
  const bytes = await readPrefix(response, SNIFF_BYTES);
  signal?.throwIfAborted();
  const type = response.headers.get('content-type') ?? '';
  return { bytes, html: type.includes('text/html') };
}

/** Reads at most `length` bytes of a body, then lets go of it (a server may ignore Range). */
async function readPrefix(response: Response, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let filled = 0;
  const reader = response.body?.getReader();
  if (!reader) return out.subarray(0, 0);
  while (filled < length) {
    const { done, value } = await reader.read();
    if (done) break;
    const take = Math.min(value.length, length - filled);
    out.set(value.subarray(0, take), filled);
    filled += take;
  }
  await reader.cancel();
  return out.subarray(0, filled);
}

function isFlatGeobuf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && FGB_MAGIC.every((b, i) => bytes[i] === b);
}

function looksLikeJson(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    // Skip a UTF-8 byte-order mark and white space.
    if (b === 0xef || b === 0xbb || b === 0xbf || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue;
    return b === 0x7b;
  }
  return false;
}

async function readFlatGeobuf(url: string, rect: Rect, signal?: AbortSignal): Promise<FeatureCollection> {
  let crsCode = 0;
  const features: Feature[] = [];
  try {
    const iterator = deserialize(url, {
      rect,
      headerMetaFn: (meta: HeaderMeta) => {
        crsCode = meta.crs?.code ?? 0;
      },
    });
    for await (const feature of iterator) {
      signal?.throwIfAborted();
      if (crsCode !== 0 && crsCode !== EPSG_WGS84) break;
      features.push(feature as Feature);
    }
  } catch (err) {
    signal?.throwIfAborted();
    throw classifyFlatGeobufError(url, err);
  }
  if (crsCode !== 0 && crsCode !== EPSG_WGS84) {
    throw new LayerLoadError('crs', url, `${url}: CRS EPSG:${crsCode}, expected EPSG:4326`, {
      detail: `EPSG:${crsCode}`,
    });
  }
  return { type: 'FeatureCollection', features };
}

function classifyFlatGeobufError(url: string, err: unknown): LayerLoadError {
  const message = errorMessage(err);
  if (message.includes('No index found')) {
    return new LayerLoadError(
      'no-index',
      url,
      `${url} has no spatial index, so it cannot be read by bounding box; re-create it with one: ogr2ogr -f FlatGeobuf out.fgb in.geojson`,
    );
  }
  const http = /HTTP request failed: (\d+)/.exec(message);
  if (http) {
    const status = Number(http[1]);
    return new LayerLoadError(status === 404 ? 'not-found' : 'http', url, `${url}: HTTP ${status}`, { status });
  }
  if (message.includes('Not a FlatGeobuf')) {
    return new LayerLoadError('not-flatgeobuf', url, `${url}: ${message}`);
  }
  if (err instanceof TypeError && message.toLowerCase().includes('fetch')) {
    return new LayerLoadError('network', url, `${url}: ${message}`, { detail: message });
  }
  return new LayerLoadError('corrupt', url, `${url} is a corrupt FlatGeobuf file: ${message}`, { detail: message });
}

async function readGeoJson(url: string, signal?: AbortSignal): Promise<FeatureCollection> {
  let text: string;
  try {
    const response = await fetch(url, { signal });
    if (!response.ok) {
      throw new LayerLoadError('http', url, `${url}: HTTP ${response.status}`, { status: response.status });
    }
    text = await response.text();
  } catch (err) {
    signal?.throwIfAborted();
    if (err instanceof LayerLoadError) throw err;
    throw new LayerLoadError('network', url, `${url}: ${errorMessage(err)}`, { detail: errorMessage(err) });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new LayerLoadError('bad-geojson', url, `${url}: ${errorMessage(err)}`, { detail: errorMessage(err) });
  }
  return toFeatureCollection(url, parsed);
}

function toFeatureCollection(url: string, value: unknown): FeatureCollection {
  if (typeof value !== 'object' || value === null) {
    throw new LayerLoadError('bad-geojson', url, `${url}: not a JSON object`, { detail: 'not a JSON object' });
  }
  const obj = value as { type?: unknown; features?: unknown; crs?: unknown };
  const crs = crsName(obj.crs);
  if (crs !== null && !/CRS84|EPSG:+4326$|EPSG::4326/i.test(crs)) {
    throw new LayerLoadError('crs', url, `${url}: CRS ${crs}, expected WGS84 lon/lat`, { detail: crs });
  }
  if (obj.type === 'FeatureCollection' && Array.isArray(obj.features)) {
    return { type: 'FeatureCollection', features: obj.features as Feature[] };
  }
  if (obj.type === 'Feature') return { type: 'FeatureCollection', features: [value as Feature] };
  const detail = `type is ${JSON.stringify(obj.type)}, expected "FeatureCollection"`;
  throw new LayerLoadError('bad-geojson', url, `${url}: ${detail}`, { detail });
}

function crsName(crs: unknown): string | null {
  if (typeof crs !== 'object' || crs === null) return null;
  const name = (crs as { properties?: { name?: unknown } }).properties?.name;
  return typeof name === 'string' ? name : 'unknown';
}

/** The last path segment of a URL, for messages ("villages.fgb"), or the URL itself. */
export function fileNameOf(url: string): string {
  try {
    const path = new URL(url, 'http://localhost/').pathname;
    const name = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
    return name || url;
  } catch {
    return url;
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
}
