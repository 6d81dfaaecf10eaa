import type { Feature, FeatureCollection } from 'geojson';
import { DEFAULT_MAX_INPUT_BYTES, SNIFF_BYTES as FORMAT_SNIFF_BYTES, detectFormat } from '../../core/io/detect-format.ts';
import type { FeatureTable } from '../../core/io/geojson-types.ts';
import { isInputError, type InputError, type InputErrorParams } from '../../core/io/input-error.ts';
import { readCsvFeatures } from '../../core/io/read-csv.ts';
import { readFeatures } from '../../core/io/read-features.ts';
import { isFlatGeobuf, readFgb } from '../../core/io/read-fgb.ts';
import { errorMessage } from '../../core/error-message.ts';

/**
 * Loads one map layer by URL — FlatGeobuf read by bounding box over HTTP range requests, GeoJSON, or
 * a lon/lat CSV table — with the core's readers (the CLI's), and turns every failure into a
 * `LayerLoadError` with a code the UI can explain.
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
  | 'empty'
  | 'unsupported'
  | 'needs-crs'
  | 'input';

/** A layer failed to load; `code` says why, `file` is the short name to show to the user. */
export class LayerLoadError extends Error {
  override name = 'LayerLoadError';
  readonly code: LayerErrorCode;
  readonly url: string;
  readonly file: string;
  readonly status: number | null;
  readonly detail: string;
  /** The reader's `InputError` params (`needs-crs`: the zones to offer). */
  readonly params: InputErrorParams;

  constructor(code: LayerErrorCode, url: string, message: string, extra: { status?: number; detail?: string; params?: InputErrorParams } = {}) {
    super(message);
    this.code = code;
    this.url = url;
    this.file = fileNameOf(url);
    this.status = extra.status ?? null;
    this.detail = extra.detail ?? '';
    this.params = extra.params ?? {};
  }
}

export interface LoadLayerOptions {
  /** Bounding box to read from a FlatGeobuf file; default: the whole world. */
  rect?: Rect;
  /** Stops reading; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** For a file that does not say: its coordinate system and text encoding. */
  crs?: string;
  encoding?: string;
}

const SNIFF_BYTES = 16;

/**
 * Reads the features of `url` inside `options.rect`.
 * The first bytes are fetched once to tell a missing file or a web page from data before a reader
 * sees them; FlatGeobuf is then read by range requests, other formats whole.
 * @throws LayerLoadError with a code the UI turns into an actionable message.
 */
export async function loadLayer(url: string, options: LoadLayerOptions = {}): Promise<FeatureCollection> {
  const rect = options.rect ?? WORLD_RECT;
  const { signal } = options;
  const head = await sniff(url, signal);
  if (head.html) {
    throw new LayerLoadError('html-instead', url, `${url}: the server sent an HTML page, not the file`);
  }
  try {
    if (isFlatGeobuf(head.bytes)) return toCollection(await readFgb(url, { rect, signal }));
    if (/\.fgb$/i.test(fileNameOf(url))) {
      throw new LayerLoadError('not-flatgeobuf', url, `${url} is named .fgb but does not start like a FlatGeobuf file`);
    }
    const bytes = await fetchWhole(url, signal);
    const format = detectFormat({ name: fileNameOf(url), head: bytes.subarray(0, FORMAT_SNIFF_BYTES), size: bytes.byteLength });
    if (format === 'fgb') return toCollection(await readFgb(bytes, { rect, signal }));
    // An OpenCelliD export (with or without a header) reads as the analysis reads it, cell by cell.
    if (format === 'csv-opencellid') return toCollection(readCsvFeatures(bytes));
    // Every other format as the analysis reads it: reprojected, decoded, the layer chosen by geometry.
    const { table } = await readFeatures(format, { name: fileNameOf(url), bytes }, {
      crs: options.crs, encoding: options.encoding, maxBytes: DEFAULT_MAX_INPUT_BYTES, signal,
    });
    return toCollection(table);
  } catch (err) {
    signal?.throwIfAborted();
    if (err instanceof LayerLoadError) throw err;
    throw classify(url, err, isFlatGeobuf(head.bytes));
  }
}

interface Sniffed {
  bytes: Uint8Array;
  html: boolean;
}

async function sniff(url: string, signal?: AbortSignal): Promise<Sniffed> {
  const response = await get(url, { headers: { Range: `bytes=0-${SNIFF_BYTES - 1}` }, signal });
  const bytes = await readPrefix(response, SNIFF_BYTES);
  signal?.throwIfAborted();
  const type = response.headers.get('content-type') ?? '';
  return { bytes, html: type.includes('text/html') };
}

async function fetchWhole(url: string, signal?: AbortSignal): Promise<Uint8Array> {
  const response = await get(url, { signal });
  const bytes = new Uint8Array(await response.arrayBuffer());
  signal?.throwIfAborted();
  return bytes;
}

/** A fetch whose network failures and HTTP errors are LayerLoadErrors. */
async function get(url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (err) {
    init.signal?.throwIfAborted();
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
  return response;
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
  // A partial answer (206) holds only the bytes asked for: read it to its end, as a cancel would show
  // up as an aborted request. A server that ignored the Range header is sending the whole file: stop it.
  if (response.status === 206) while (!(await reader.read()).done);
  else await reader.cancel();
  return out.subarray(0, filled);
}

function toCollection(table: FeatureTable): FeatureCollection {
  return { type: 'FeatureCollection', features: table.features as unknown as Feature[] };
}

/** The UI's code for a reader's refusal (the core's `InputError`) or an unexpected failure. */
function classify(url: string, err: unknown, fgbMagic: boolean): LayerLoadError {
  if (!isInputError(err)) {
    const message = errorMessage(err);
    const code = fgbMagic ? 'corrupt' : 'input';
    return new LayerLoadError(code, url, `${url}: ${message}`, { detail: message });
  }
  const e: InputError = err;
  const status = typeof e.params.status === 'number' ? e.params.status : undefined;
  switch (e.code) {
    case 'no-spatial-index':
      return new LayerLoadError('no-index', url, e.message);
    case 'wrong-crs':
      return new LayerLoadError('crs', url, e.message, { detail: String(e.params.crs ?? '') });
    case 'not-flatgeobuf':
      return new LayerLoadError(fgbMagic ? 'corrupt' : 'not-flatgeobuf', url, e.message, { detail: e.message });
    case 'not-geojson':
      return new LayerLoadError('bad-geojson', url, e.message, { detail: e.message });
    case 'empty-file':
    case 'no-features':
      return new LayerLoadError('empty', url, e.message);
    case 'unsupported-format':
      return new LayerLoadError('unsupported', url, e.message, { detail: e.message });
    case 'needs-crs':
      return new LayerLoadError('needs-crs', url, e.message, { detail: e.message, params: e.params });
    case 'http-error':
      return new LayerLoadError(status === 404 ? 'not-found' : 'http', url, e.message, { status, detail: e.message });
    default:
      return new LayerLoadError('input', url, e.message, { detail: e.message });
  }
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
