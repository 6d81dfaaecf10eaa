import type { FeatureCollection } from 'geojson';
import { checkInputSize, type InputFormat } from '../../core/io/detect-format.ts';
import type { FieldMapping } from '../../core/io/field-mapping.ts';
import { InputError } from '../../core/io/input-error.ts';
import type { SourceReport } from '../../core/io/read-features.ts';
import { readLayer, type LayerKind } from '../../core/io/read-layer.ts';
import type { InputIssue } from '../../core/model.ts';
import {
  btsFeatures,
  fibrePointFeatures,
  fibreRouteFeatures,
  settlementFeatures,
  villageFeatures,
} from './own-data-features.ts';

/**
 * Reading a user's own file (from the picker or a drop) into map layers: the size guard on the
 * file's size before a byte is read, then the bytes in chunks (progress, cancel), then
 * `readLayer` (every format, `InputError` codes), then GeoJSON with the contract's names.
 */

/**
 * Largest file read whole in the browser. A GeoJSON is parsed in one piece on the page, so bigger
 * files belong in FlatGeobuf with a spatial index, loaded by URL and read by bounding box.
 */
export const BROWSER_MAX_FILE_BYTES = 100 * 1024 * 1024;

/** The map layers a kind of file fills. */
export interface OwnLayers {
  villages?: FeatureCollection;
  bts?: FeatureCollection;
  fibreRoutes?: FeatureCollection;
  fibrePoints?: FeatureCollection;
  settlements?: FeatureCollection;
}

/** A file read and accepted. */
export interface OwnLayer {
  kind: LayerKind;
  /** The file's name, as the user knows it. */
  name: string;
  format: InputFormat;
  layers: OwnLayers;
  /** Records taken (villages, sites, routes + points, settlements). */
  count: number;
  /** Villages whose polygon was repaired, and villages kept as invalid. */
  repaired: number;
  invalid: number;
  /** Every row skipped or changed, with its feature index or CSV line. */
  issues: InputIssue[];
  /** The file's bytes, for the export's input fingerprint. */
  bytes: Uint8Array;
  /** How it was read: coordinate system, text encoding, layer or sheet. */
  source: SourceReport;
}

/** How to read a file: the user's field mapping, and their answers about its CRS, encoding and layer. */
export interface OwnReadOptions {
  mapping?: FieldMapping;
  crs?: string;
  encoding?: string;
  layer?: string;
  signal?: AbortSignal;
}

/** What a picked or dropped file offers: a name, a size, and a stream of its bytes. */
export interface FileLike {
  name: string;
  size: number;
  stream(): ReadableStream<Uint8Array>;
}

/**
 * The file's bytes, refusing it (`too-large`) from its size alone before reading, reporting
 * progress (0–1) and stopping on `signal`.
 */
export async function readFileBytes(
  file: FileLike,
  options: { signal?: AbortSignal; onProgress?: (fraction: number) => void; maxBytes?: number } = {},
): Promise<Uint8Array> {
  checkInputSize(file.size, { name: file.name, maxBytes: options.maxBytes ?? BROWSER_MAX_FILE_BYTES });
  options.signal?.throwIfAborted();
  const out = new Uint8Array(file.size);
  let filled = 0;
  const reader = file.stream().getReader();
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      if (filled + value.length > out.length) throw new Error(`${file.name} grew while it was being read; choose it again.`);
      out.set(value, filled);
      filled += value.length;
      options.onProgress?.(out.length > 0 ? filled / out.length : 1);
    }
  } finally {
    reader.releaseLock();
  }
  return out.subarray(0, filled);
}

/**
 * Reads `bytes` as a layer of `kind` with the user's `mapping`. Throws `InputError` (from the
 * readers: `no-records` when no row could be taken, naming the first reasons; `no-features` when
 * every village is invalid).
 */
export async function readOwnLayer(
  kind: LayerKind,
  name: string,
  bytes: Uint8Array,
  options: OwnReadOptions = {},
): Promise<OwnLayer> {
  const read = await readLayer(kind, { name, bytes }, {
    mapping: options.mapping, crs: options.crs, encoding: options.encoding, layer: options.layer, signal: options.signal, maxBytes: BROWSER_MAX_FILE_BYTES,
  });
  const base = { kind, name, bytes, source: read.source };
  let layer: OwnLayer;
  if (kind === 'villages') {
    const r = read as Awaited<ReturnType<typeof readLayer<'villages'>>>;
    layer = {
      ...base, format: r.format, layers: { villages: villageFeatures(r.records) }, count: r.records.length, issues: r.issues,
      repaired: r.records.filter((v) => (v.repairs?.length ?? 0) > 0).length,
      invalid: r.records.filter((v) => v.invalidReason !== undefined).length,
    };
    if (layer.invalid === layer.count) throw nothingUsable(name, kind, r.issues);
  } else if (kind === 'bts') {
    const r = read as Awaited<ReturnType<typeof readLayer<'bts'>>>;
    layer = { ...base, format: r.format, layers: { bts: btsFeatures(r.records) }, count: r.records.length, issues: r.issues, repaired: 0, invalid: 0 };
  } else if (kind === 'fibre') {
    const r = read as Awaited<ReturnType<typeof readLayer<'fibre'>>>;
    layer = {
      ...base, format: r.format, count: r.routes.length + r.points.length, issues: r.issues, repaired: 0, invalid: 0,
      layers: { fibreRoutes: fibreRouteFeatures(r.routes), fibrePoints: fibrePointFeatures(r.points) },
    };
  } else {
    const r = read as Awaited<ReturnType<typeof readLayer<'settlements'>>>;
    layer = { ...base, format: r.format, layers: { settlements: settlementFeatures(r.columns) }, count: r.columns.ids.length, issues: r.issues, repaired: 0, invalid: 0 };
  }
  if (layer.count === 0) throw nothingUsable(name, kind, layer.issues);
  return layer;
}

function nothingUsable(name: string, kind: LayerKind, issues: readonly InputIssue[]): InputError {
  const first = issues.slice(0, 3).map((i) => i.message).join(' ');
  return new InputError(
    'no-features',
    `${name}: no usable ${kind} in this file. ${first} Check the columns chosen for the coordinates and the file's content.`,
    { name, kind, detail: first },
  );
}

/** The layer a file probably is, from its name (the drop dialog pre-selects it); null when unsure. */
export function guessKind(name: string): LayerKind | null {
  const n = name.toLowerCase();
  if (/opencellid|cell|bts|tower|site|tram|272|452/.test(n)) return 'bts';
  if (/fib|ftth|cap|quang|odf|splitter/.test(n)) return 'fibre';
  if (/settle|dan.?cu|hamlet|house|building/.test(n)) return 'settlements';
  if (/villag|thon|ban|xa|commune|ward|polygon/.test(n)) return 'villages';
  return null;
}
