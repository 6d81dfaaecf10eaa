import * as flatbuffers from 'flatbuffers';
import type { Feature, Geometry } from 'geojson';
import { magicbytes } from 'flatgeobuf/lib/mjs/constants.js';
import type { ColumnMeta } from 'flatgeobuf/lib/mjs/column-meta.js';
import { Column } from 'flatgeobuf/lib/mjs/flat-geobuf/column.js';
import { ColumnType } from 'flatgeobuf/lib/mjs/flat-geobuf/column-type.js';
import { Crs } from 'flatgeobuf/lib/mjs/flat-geobuf/crs.js';
import { Feature as FgbFeature } from 'flatgeobuf/lib/mjs/flat-geobuf/feature.js';
import { GeometryType } from 'flatgeobuf/lib/mjs/flat-geobuf/geometry-type.js';
import { Header } from 'flatgeobuf/lib/mjs/flat-geobuf/header.js';
import { buildFeature, type IProperties } from 'flatgeobuf/lib/mjs/generic/feature.js';
import { parseGC, parseGeometry } from 'flatgeobuf/lib/mjs/geojson/geometry.js';
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import { calcTreeSize, generateLevelBounds } from 'flatgeobuf/lib/mjs/packedrtree.js';

/** Options of {@link writeFlatGeobuf}. */
export interface WriteFlatGeobufOptions {
  /** Layer name stored in the header (default "layer"). */
  name?: string;
  title?: string;
  description?: string;
  /** Free text (often JSON) stored in the header's metadata field. */
  metadata?: string;
  /**
   * Keep features without geometry (an export must keep every row): written without geometry, after
   * the others, with an empty box in the index so no bounding-box search returns them.
   */
  allowNullGeometry?: boolean;
  /** Write a file with no features (header only, no index) instead of refusing. */
  allowEmpty?: boolean;
}

/** Node size of the packed Hilbert R-tree; 16 is the FlatGeobuf default. */
export const FGB_INDEX_NODE_SIZE = 16;

// One tree node: minX, minY, maxX, maxY (f64) + offset (u64), little-endian.
const NODE_BYTES = 40;
const OFF_MIN_X = 0;
const OFF_MIN_Y = 8;
const OFF_MAX_X = 16;
const OFF_MAX_Y = 24;
const OFF_OFFSET = 32;

const EPSG_WGS84 = 4326;
const HILBERT_MAX = 65535;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * Writes GeoJSON features as a FlatGeobuf file WITH its packed Hilbert R-tree (node size 16), so
 * that bounding-box reads (`deserialize(url, { rect })`) work over HTTP range requests.
 *
 * Features are sorted by the Hilbert value of their bbox centre (ties keep input order), columns are
 * inferred once over all features (missing or null values are simply absent in that feature; a
 * numeric column is Int when every value is a 32-bit integer, else Double), the CRS is EPSG:4326.
 * Output is byte-identical for identical input.
 *
 * @throws when `features` is empty, a feature has no geometry or an empty one (unless the options
 *   allow these), or a property mixes types across features.
 */
export function writeFlatGeobuf(features: readonly Feature<Geometry | null>[], opts: WriteFlatGeobufOptions = {}): Uint8Array<ArrayBuffer> {
  if (features.length === 0) {
    if (opts.allowEmpty) return writeEmpty(opts);
    throw new Error('writeFlatGeobuf: no features; an indexed FlatGeobuf needs at least one feature (skip writing the layer instead)');
  }
  const n = features.length;
  const boxes = new Float64Array(n * 4);
  const extent = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    const g = features[i].geometry;
    const b = g ? geometryBbox(g) : [Infinity, Infinity, -Infinity, -Infinity];
    if (!(b[0] <= b[2]) && !opts.allowNullGeometry) {
      throw new Error(g
        ? `writeFlatGeobuf: feature ${i} has an empty ${g.type}; drop it or give it coordinates`
        : `writeFlatGeobuf: feature ${i} has no geometry; give every feature a geometry or drop it`);
    }
    boxes.set(b, i * 4);
    if (!(b[0] <= b[2])) continue;
    extent[0] = Math.min(extent[0], b[0]);
    extent[1] = Math.min(extent[1], b[1]);
    extent[2] = Math.max(extent[2], b[2]);
    extent[3] = Math.max(extent[3], b[3]);
  }

  const order = hilbertOrder(boxes, extent);
  const headerMeta: HeaderMeta = {
    geometryType: inferGeometryType(features),
    columns: inferColumns(features),
    envelope: extent[0] <= extent[2] ? Float64Array.from(extent) : null,
    featuresCount: n,
    indexNodeSize: FGB_INDEX_NODE_SIZE,
    crs: null,
    title: opts.title ?? null,
    description: opts.description ?? null,
    metadata: opts.metadata ?? null,
  };
  const header = buildIndexedHeader(headerMeta, opts.name ?? 'layer');

  const columnNames = (headerMeta.columns ?? []).map((c) => c.name);
  const encoded: Uint8Array[] = new Array(n);
  const featureOffsets = new Float64Array(n);
  let featuresBytes = 0;
  for (let k = 0; k < n; k++) {
    const f = features[order[k]];
    const props: IProperties = {};
    for (const name of columnNames) props[name] = f.properties?.[name] ?? null;
    const g = f.geometry;
    encoded[k] = g && hasPositions(g) ? buildFeature(parsedGeometry(g), props, headerMeta) : featureWithoutGeometry(props, headerMeta);
    featureOffsets[k] = featuresBytes;
    featuresBytes += encoded[k].length;
  }

  const tree = buildTree(boxes, order, featureOffsets);
  const out = new Uint8Array(magicbytes.length + header.length + tree.length + featuresBytes);
  out.set(magicbytes, 0);
  out.set(header, magicbytes.length);
  out.set(tree, magicbytes.length + header.length);
  let pos = magicbytes.length + header.length + tree.length;
  for (const e of encoded) {
    out.set(e, pos);
    pos += e.length;
  }
  return out;
}

/** A header-only file: no features, no index. */
function writeEmpty(opts: WriteFlatGeobufOptions): Uint8Array<ArrayBuffer> {
  const header = buildIndexedHeader({
    geometryType: GeometryType.Unknown, columns: null, envelope: null, featuresCount: 0, indexNodeSize: 0, crs: null,
    title: opts.title ?? null, description: opts.description ?? null, metadata: opts.metadata ?? null,
  }, opts.name ?? 'layer');
  const out = new Uint8Array(magicbytes.length + header.length);
  out.set(magicbytes, 0);
  out.set(header, magicbytes.length);
  return out;
}

function hasPositions(g: Geometry): boolean {
  const b = geometryBbox(g);
  return b[0] <= b[2];
}

const EMPTY_GEOMETRIES = new Map<GeometryType, Geometry>([
  [GeometryType.LineString, { type: 'LineString', coordinates: [] }],
  [GeometryType.MultiLineString, { type: 'MultiLineString', coordinates: [] }],
  [GeometryType.Polygon, { type: 'Polygon', coordinates: [] }],
  [GeometryType.MultiPolygon, { type: 'MultiPolygon', coordinates: [] }],
]);

/**
 * A feature without positions. In a line or polygon layer it gets an empty geometry of the layer's
 * type, which GDAL and flatgeobuf's own reader both read (GDAL as EMPTY); in a point or mixed layer
 * its geometry is left out (allowed by the format; GDAL reads a null geometry, while an empty point
 * is an error to it). flatgeobuf's builder always writes a geometry, so for a left-out one the
 * properties are taken from a feature built with a placeholder point and written again.
 */
function featureWithoutGeometry(props: IProperties, header: HeaderMeta): Uint8Array {
  const empty = EMPTY_GEOMETRIES.get(header.geometryType);
  if (empty !== undefined) return buildFeature(parsedGeometry(empty), props, header);
  const withPoint = buildFeature(parseGeometry({ type: 'Point', coordinates: [0, 0] }), props, header);
  const parsed = FgbFeature.getSizePrefixedRootAsFeature(new flatbuffers.ByteBuffer(withPoint));
  const properties = parsed.propertiesArray();
  const builder = new flatbuffers.Builder(256);
  const propertiesOffset = properties !== null ? FgbFeature.createPropertiesVector(builder, properties) : 0;
  FgbFeature.startFeature(builder);
  if (propertiesOffset) FgbFeature.addProperties(builder, propertiesOffset);
  builder.finishSizePrefixed(FgbFeature.endFeature(builder));
  return builder.asUint8Array();
}

/**
 * flatgeobuf's parsed geometry, with the `ends` array of a one-line MultiLineString that flatgeobuf
 * leaves out: GDAL before 3.9.3 (Debian 12 and Ubuntu 24.04's QGIS) then reads no feature at all
 * ("Unexpected nullptr: MultiLineString ends data"). Ends are the running point counts.
 */
function parsedGeometry(g: Geometry): ReturnType<typeof parseGeometry> {
  if (g.type === 'GeometryCollection') return parseGC(g);
  const parsed = parseGeometry(g);
  if (g.type === 'MultiLineString' && parsed.ends === undefined) parsed.ends = [parsed.xy.length / 2];
  return parsed;
}

/** [minX, minY, maxX, maxY] of any GeoJSON geometry (collections included). */
function geometryBbox(g: Geometry): number[] {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      if (c[0] < b[0]) b[0] = c[0];
      if (c[1] < b[1]) b[1] = c[1];
      if (c[0] > b[2]) b[2] = c[0];
      if (c[1] > b[3]) b[3] = c[1];
      return;
    }
    for (const x of c) visit(x);
  };
  if (g.type === 'GeometryCollection') {
    for (const part of g.geometries) {
      const pb = geometryBbox(part);
      b[0] = Math.min(b[0], pb[0]);
      b[1] = Math.min(b[1], pb[1]);
      b[2] = Math.max(b[2], pb[2]);
      b[3] = Math.max(b[3], pb[3]);
    }
  } else {
    visit(g.coordinates);
  }
  return b;
}

function inferGeometryType(features: readonly Feature<Geometry | null>[]): GeometryType {
  const types = features.filter((f) => f.geometry).map((f) => (f.geometry as Geometry).type);
  const first = types[0];
  if (first === undefined) return GeometryType.Unknown;
  if (first === 'GeometryCollection') {
    throw new Error('writeFlatGeobuf: GeometryCollection is not supported; split it into typed layers');
  }
  return types.every((t) => t === first) ? GeometryType[first] : GeometryType.Unknown;
}

/** Columns in order of first appearance over all features; type from all non-null values. */
function inferColumns(features: readonly Feature<Geometry | null>[]): ColumnMeta[] | null {
  const kinds = new Map<string, { kind: string | null; int32: boolean; first: number }>();
  features.forEach((f, i) => {
    for (const [key, value] of Object.entries(f.properties ?? {})) {
      let entry = kinds.get(key);
      if (!entry) {
        entry = { kind: null, int32: true, first: i };
        kinds.set(key, entry);
      }
      if (value === null || value === undefined) continue;
      const kind = valueKind(value);
      if (entry.kind !== null && entry.kind !== kind) {
        throw new Error(
          `writeFlatGeobuf: property "${key}" is ${entry.kind} in feature ${entry.first} but ${kind} in feature ${i}; use one type per property`,
        );
      }
      if (entry.kind === null) {
        entry.kind = kind;
        entry.first = i;
      }
      if (kind === 'number' && !(Number.isInteger(value) && (value as number) >= INT32_MIN && (value as number) <= INT32_MAX)) {
        entry.int32 = false;
      }
    }
  });
  if (kinds.size === 0) return null;
  return [...kinds].map(([name, e]) => ({
    name,
    type: columnType(e.kind, e.int32),
    title: null,
    description: null,
    width: -1,
    precision: -1,
    scale: -1,
    nullable: true,
    unique: false,
    primary_key: false,
  }));
}

function valueKind(v: unknown): string {
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`writeFlatGeobuf: non-finite number ${v}; write null instead`);
    return 'number';
  }
  if (typeof v === 'string') return 'string';
  if (v instanceof Uint8Array) return 'binary';
  if (typeof v === 'object') return 'json';
  throw new Error(`writeFlatGeobuf: cannot store a ${typeof v} property value`);
}

function columnType(kind: string | null, int32: boolean): ColumnType {
  switch (kind) {
    case 'boolean':
      return ColumnType.Bool;
    case 'number':
      return int32 ? ColumnType.Int : ColumnType.Double;
    case 'binary':
      return ColumnType.Binary;
    case 'json':
      return ColumnType.Json;
    default:
      return ColumnType.String;
  }
}

/** Header flatbuffer (size-prefixed) with envelope, CRS, index node size and optional texts. */
function buildIndexedHeader(meta: HeaderMeta, name: string): Uint8Array {
  const builder = new flatbuffers.Builder(1024);
  let columnsOffset = 0;
  if (meta.columns) {
    const offsets = meta.columns.map((c) => {
      const nameOffset = builder.createString(c.name);
      Column.startColumn(builder);
      Column.addName(builder, nameOffset);
      Column.addType(builder, c.type);
      Column.addNullable(builder, true);
      return Column.endColumn(builder);
    });
    columnsOffset = Header.createColumnsVector(builder, offsets);
  }
  const nameOffset = builder.createString(name);
  const titleOffset = meta.title !== null ? builder.createString(meta.title) : 0;
  const descriptionOffset = meta.description !== null ? builder.createString(meta.description) : 0;
  const metadataOffset = meta.metadata !== null ? builder.createString(meta.metadata) : 0;
  const envelopeOffset = Header.createEnvelopeVector(builder, Array.from(meta.envelope ?? []));
  const orgOffset = builder.createString('EPSG');
  Crs.startCrs(builder);
  Crs.addOrg(builder, orgOffset);
  Crs.addCode(builder, EPSG_WGS84);
  const crsOffset = Crs.endCrs(builder);

  Header.startHeader(builder);
  Header.addName(builder, nameOffset);
  Header.addEnvelope(builder, envelopeOffset);
  Header.addGeometryType(builder, meta.geometryType);
  if (columnsOffset) Header.addColumns(builder, columnsOffset);
  Header.addFeaturesCount(builder, BigInt(meta.featuresCount));
  Header.addIndexNodeSize(builder, meta.indexNodeSize);
  Header.addCrs(builder, crsOffset);
  if (titleOffset) Header.addTitle(builder, titleOffset);
  if (descriptionOffset) Header.addDescription(builder, descriptionOffset);
  if (metadataOffset) Header.addMetadata(builder, metadataOffset);
  const offset = Header.endHeader(builder);
  builder.finishSizePrefixed(offset);
  return builder.asUint8Array();
}

/** Feature indices sorted by the Hilbert value of their bbox centre on a 16-bit grid over the extent. */
function hilbertOrder(boxes: Float64Array, extent: number[]): Uint32Array {
  const n = boxes.length / 4;
  const width = extent[2] - extent[0] || 1;
  const height = extent[3] - extent[1] || 1;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Features without geometry (an empty box) go last.
    if (!(boxes[i * 4] <= boxes[i * 4 + 2])) {
      values[i] = Infinity;
      continue;
    }
    const cx = (boxes[i * 4] + boxes[i * 4 + 2]) / 2;
    const cy = (boxes[i * 4 + 1] + boxes[i * 4 + 3]) / 2;
    const x = Math.floor((HILBERT_MAX * (cx - extent[0])) / width);
    const y = Math.floor((HILBERT_MAX * (cy - extent[1])) / height);
    values[i] = hilbertIndex(x, y);
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (values[a] === values[b] ? a - b : values[a] < values[b] ? -1 : 1));
  return Uint32Array.from(order);
}

/** Distance along the Hilbert curve of order 16 for grid cell (x, y), 0 ≤ x, y < 65536. */
export function hilbertIndex(x: number, y: number): number {
  const side = 65536;
  let d = 0;
  for (let s = side / 2; s >= 1; s /= 2) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = side - 1 - x;
        y = side - 1 - y;
      }
      const t = x;
      x = y;
      y = t;
    }
  }
  return d;
}

/**
 * The packed R-tree, root level first: leaves hold the feature boxes and the byte offset of the
 * feature in the data section; a parent holds the union of up to 16 children and its first child's
 * node index.
 */
function buildTree(boxes: Float64Array, order: Uint32Array, featureOffsets: Float64Array): Uint8Array {
  const n = order.length;
  const bytes = new Uint8Array(calcTreeSize(n, FGB_INDEX_NODE_SIZE));
  const view = new DataView(bytes.buffer);
  const levels = generateLevelBounds(n, FGB_INDEX_NODE_SIZE);
  const numNodes = bytes.length / NODE_BYTES;
  const nodeBox = new Float64Array(numNodes * 4);

  const [leafStart] = levels[0];
  for (let k = 0; k < n; k++) {
    const i = order[k];
    nodeBox.set(boxes.subarray(i * 4, i * 4 + 4), (leafStart + k) * 4);
    view.setBigUint64((leafStart + k) * NODE_BYTES + OFF_OFFSET, BigInt(featureOffsets[k]), true);
  }
  for (let level = 1; level < levels.length; level++) {
    const [childStart, childEnd] = levels[level - 1];
    const [start, end] = levels[level];
    for (let p = start; p < end; p++) {
      const first = childStart + (p - start) * FGB_INDEX_NODE_SIZE;
      const last = Math.min(first + FGB_INDEX_NODE_SIZE, childEnd);
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (let c = first; c < last; c++) {
        minX = Math.min(minX, nodeBox[c * 4]);
        minY = Math.min(minY, nodeBox[c * 4 + 1]);
        maxX = Math.max(maxX, nodeBox[c * 4 + 2]);
        maxY = Math.max(maxY, nodeBox[c * 4 + 3]);
      }
      nodeBox[p * 4] = minX;
      nodeBox[p * 4 + 1] = minY;
      nodeBox[p * 4 + 2] = maxX;
      nodeBox[p * 4 + 3] = maxY;
      view.setBigUint64(p * NODE_BYTES + OFF_OFFSET, BigInt(first), true);
    }
  }
  for (let node = 0; node < numNodes; node++) {
    view.setFloat64(node * NODE_BYTES + OFF_MIN_X, nodeBox[node * 4], true);
    view.setFloat64(node * NODE_BYTES + OFF_MIN_Y, nodeBox[node * 4 + 1], true);
    view.setFloat64(node * NODE_BYTES + OFF_MAX_X, nodeBox[node * 4 + 2], true);
    view.setFloat64(node * NODE_BYTES + OFF_MAX_Y, nodeBox[node * 4 + 3], true);
  }
  return bytes;
}
