import type { Feature, FeatureCollection } from 'geojson';
import { DEFAULT_MAX_INPUT_BYTES, SNIFF_BYTES as FORMAT_SNIFF_BYTES, detectFormat } from '../../core/io/detect-format.ts';
import type { GeoFeature } from '../../core/io/geojson-types.ts';
import { isInputError, type InputError, type InputErrorParams } from '../../core/io/input-error.ts';
import { boxesMeet, geometryBox } from '../../core/io/layer-input.ts';
import { fetchBytes, RangeSource, type WholeFileReason } from '../../core/io/range-source.ts';
import { readCsvFeatures } from '../../core/io/read-csv.ts';
import { readFeatures } from '../../core/io/read-features.ts';
import { readFgbRows } from '../../core/io/read-fgb.ts';
import { readLayer, type LayerKind } from '../../core/io/read-layer.ts';
import { btsFeatures, fibrePointFeatures, fibreRouteFeatures, settlementFeatures, villageFeatures } from './own-data-features.ts';
import { errorMessage } from '../../core/error-message.ts';

/**
 * Loads one map layer by URL — FlatGeobuf read by bounding box over checked HTTP range requests
 * (the core's RangeSource: a compressed or cached whole-file answer is never taken for a range,
 * a server without Range support has the file read whole once), GeoJSON, or a lon/lat CSV table —
 * with the core's readers (the CLI's), and turns every failure into a `LayerLoadError` with a code
 * the UI can explain.
 */

/** Axis-aligned lon/lat rectangle, as FlatGeobuf's spatial search takes it. */
export interface Rect {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The whole world: read everything a user's file holds. */
export const WORLD_RECT: Rect = { minX: -180, minY: -90, maxX: 180, maxY: 90 };

/** Why a layer could not be loaded. */
export type LayerErrorCode =
  | 'not-found'
  | 'html-instead'
  | 'http'
  | 'network'
  | 'not-flatgeobuf'
  | 'corrupt'
  | 'truncated'
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
  /**
   * The layer the file is, when known: a file that is not FlatGeobuf is then read by that layer's
   * reader (OpenCelliD exports, mapped columns) and drawn with the data contract's names.
   */
  kind?: LayerKind;
  /** For a file that does not say: its coordinate system and text encoding. */
  crs?: string;
  encoding?: string;
}

/** Who hears that a server could not answer ranges (the page shows it once). */
let wholeFileListener: ((url: string, reason: WholeFileReason) => void) | null = null;

/** Sets who hears that a file had to be read whole because its server could not answer range requests. */
export function onWholeFileRead(listener: (url: string, reason: WholeFileReason) => void): void {
  wholeFileListener = listener;
}

/**
 * One range source per URL, kept: a file its server could not answer by ranges is then read
 * whole once for the page's life, not again at every move of the map.
 */
const sources = new Map<string, RangeSource>();

function sourceFor(url: string): RangeSource {
  let source = sources.get(url);
  if (!source) {
    source = new RangeSource(url, { onWholeFile: (reason) => wholeFileListener?.(url, reason) });
    sources.set(url, source);
  }
  return source;
}

/**
 * Reads the features of `url` inside `options.rect`. FlatGeobuf is read by range requests
 * through its spatial index (or whole, without one); other formats are fetched whole.
 * @throws LayerLoadError with a code the UI turns into an actionable message.
 */
export async function loadLayer(url: string, options: LoadLayerOptions = {}): Promise<FeatureCollection> {
  const rect = options.rect ?? WORLD_RECT;
  const { signal } = options;
  const features: GeoFeature[] = [];
  let flatGeobuf = true;
  try {
    try {
      await readFgbRows(sourceFor(url), { rect, signal, name: url }, (feature) => features.push(feature));
    } catch (err) {
      if (!(isInputError(err) && err.code === 'not-flatgeobuf')) throw err;
      flatGeobuf = false;
    }
    if (flatGeobuf) return toCollection(features);
    if (/\.fgb$/i.test(fileNameOf(url))) {
      throw new LayerLoadError('not-flatgeobuf', url, `${url} is named .fgb but does not start like a FlatGeobuf file`);
    }
    const source = sourceFor(url);
    // A server that ignored the first range request already sent the whole file.
    const bytes = source.readWhole && source.size !== null ? await source.readAtMost(0, source.size, signal) : await fetchBytes(url, { signal });
    const format = detectFormat({ name: fileNameOf(url), head: bytes.subarray(0, FORMAT_SNIFF_BYTES), size: bytes.byteLength });
    const inRect = (f: GeoFeature): boolean => {
      const box = geometryBox(f.geometry);
      return box === null || boxesMeet(box, rect);
    };
    const { crs, encoding } = options;
    if (options.kind) return await readAsLayer(options.kind, url, bytes, { rect, signal, crs, encoding });
    // An OpenCelliD export (with or without a header) reads as the analysis reads it, cell by cell.
    if (format === 'csv-opencellid') return toCollection(readCsvFeatures(bytes).features.filter(inRect));
    // Every other format as the analysis reads it: reprojected, decoded, the layer chosen by geometry.
    const { table } = await readFeatures(format, { name: fileNameOf(url), bytes }, { crs, encoding, maxBytes: DEFAULT_MAX_INPUT_BYTES, signal });
    return toCollection(table.features.filter(inRect));
  } catch (err) {
    signal?.throwIfAborted();
    if (err instanceof LayerLoadError) throw err;
    throw classify(url, err, flatGeobuf);
  }
}

/** A file read by the reader of `kind` (as the analysis reads it), as map features with the data contract's names. */
async function readAsLayer(kind: LayerKind, url: string, bytes: Uint8Array, options: { rect: Rect; signal?: AbortSignal; crs?: string; encoding?: string }): Promise<FeatureCollection> {
  const source = { name: fileNameOf(url), bytes };
  switch (kind) {
    case 'villages':
      return villageFeatures((await readLayer('villages', source, options)).records);
    case 'bts':
      return btsFeatures((await readLayer('bts', source, options)).records);
    case 'settlements':
      return settlementFeatures((await readLayer('settlements', source, options)).columns);
    case 'fibre': {
      const read = await readLayer('fibre', source, options);
      return { type: 'FeatureCollection', features: [...fibreRouteFeatures(read.routes).features, ...fibrePointFeatures(read.points).features] };
    }
  }
}

function toCollection(features: readonly GeoFeature[]): FeatureCollection {
  return { type: 'FeatureCollection', features: features as unknown as Feature[] };
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
  const detail = typeof e.params.detail === 'string' ? e.params.detail : e.message;
  switch (e.code) {
    case 'wrong-crs':
      return new LayerLoadError('crs', url, e.message, { detail: String(e.params.crs ?? '') });
    case 'not-flatgeobuf':
      return new LayerLoadError('not-flatgeobuf', url, e.message, { detail: e.message });
    case 'corrupt':
      return new LayerLoadError('corrupt', url, e.message, { detail });
    case 'truncated':
      return new LayerLoadError('truncated', url, e.message, { detail });
    case 'not-geojson':
      return new LayerLoadError('bad-geojson', url, e.message, { detail });
    case 'empty-file':
    case 'no-features':
      return new LayerLoadError('empty', url, e.message);
    case 'unsupported-format':
      return /web page \(HTML\)/.test(e.message)
        ? new LayerLoadError('html-instead', url, e.message)
        : new LayerLoadError('unsupported', url, e.message, { detail: e.message });
    case 'needs-crs':
      return new LayerLoadError('needs-crs', url, e.message, { detail: e.message, params: e.params });
    case 'http-error':
      if (status === undefined) return new LayerLoadError('network', url, e.message, { detail });
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
