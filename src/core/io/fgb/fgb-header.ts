import { CorruptBuffer, FlatTable } from './flat-table.ts';

/**
 * The FlatGeobuf file header (https://flatgeobuf.org, header.fbs), read with bounds checks: the
 * magic bytes, the header's length, its fields, and the layout it implies (where the spatial
 * index and the features start). Field numbers follow header.fbs.
 */

/** "fgb", major version 3, "fgb", patch version. */
export const MAGIC_BYTES = 8;
/** The header starts after the magic bytes and its own 4-byte length. */
export const HEADER_START = MAGIC_BYTES + 4;
/** A header larger than this is taken for corruption (GDAL's readers use the same bound). */
export const MAX_HEADER_BYTES = 10 * 1024 * 1024;
/** One node of the packed R-tree: minX, minY, maxX, maxY (f64) + offset (u64). */
export const NODE_BYTES = 40;

/** FlatGeobuf geometry types (geometry.fbs); the ones we read. */
export const GEOMETRY_TYPES = ['Unknown', 'Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection'] as const;

/** FlatGeobuf column types (header.fbs), in enum order. */
export const COLUMN_TYPES = [
  'Byte', 'UByte', 'Bool', 'Short', 'UShort', 'Int', 'UInt', 'Long', 'ULong', 'Float', 'Double', 'String', 'Json', 'DateTime', 'Binary',
] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface FgbColumn {
  name: string;
  type: ColumnType;
}

export interface FgbCrs {
  org: string | null;
  code: number;
  name: string | null;
  /** The CRS as WKT, when the writer stored it. */
  wkt: string | null;
  codeString: string | null;
}

export interface FgbHeader {
  /** Geometry type code of every feature (0: each feature says its own). */
  geometryType: number;
  hasZ: boolean;
  hasM: boolean;
  columns: FgbColumn[];
  /** Features the file says it holds (0: not said). */
  featuresCount: number;
  /** Node size of the packed R-tree; 0 when the file has no spatial index. */
  indexNodeSize: number;
  crs: FgbCrs | null;
  /** Byte offset of the spatial index (just after the header). */
  indexStart: number;
  /** Bytes of the spatial index (0 without one). */
  indexBytes: number;
  /** Byte offset of the first feature. */
  featuresStart: number;
}

/** True when the bytes start like a FlatGeobuf file ("fgb" and major version 3). */
export function hasFgbMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x66 && bytes[1] === 0x67 && bytes[2] === 0x62 && bytes[3] === 0x03;
}

/**
 * The header's length from the first {@link HEADER_START} bytes; throws {@link CorruptBuffer} when
 * it cannot be one.
 */
export function headerLength(start: Uint8Array): number {
  const length = new DataView(start.buffer, start.byteOffset, start.byteLength).getUint32(MAGIC_BYTES, true);
  if (length < 4 || length > MAX_HEADER_BYTES) throw new CorruptBuffer(`its header claims to be ${length} bytes long`);
  return length;
}

/** Nodes of a packed R-tree over `items` leaves with `nodeSize` children per node, per level, leaves first. */
export function levelNodeCounts(items: number, nodeSize: number): number[] {
  const counts = [items];
  let n = items;
  do {
    n = Math.ceil(n / nodeSize);
    counts.push(n);
  } while (n !== 1);
  return counts;
}

/** Bytes of the packed R-tree of `items` features. */
export function indexBytes(items: number, nodeSize: number): number {
  if (nodeSize === 0 || items === 0) return 0;
  if (nodeSize < 2) throw new CorruptBuffer(`its spatial index has ${nodeSize} child per node (at least 2 are needed)`);
  return levelNodeCounts(items, nodeSize).reduce((a, b) => a + b, 0) * NODE_BYTES;
}

/**
 * Parses the header: `bytes` holds the file from its first byte through at least the header
 * ({@link HEADER_START} + {@link headerLength}). Throws {@link CorruptBuffer} when a field does not
 * fit or a value is impossible.
 */
export function parseFgbHeader(bytes: Uint8Array): FgbHeader {
  const length = headerLength(bytes);
  if (bytes.byteLength < HEADER_START + length) throw new CorruptBuffer(`its header needs ${HEADER_START + length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset + HEADER_START, length);
  const h = FlatTable.root(view, 'the header');
  const columns: FgbColumn[] = [];
  const vector = h.vector(7, 4);
  for (let i = 0; i < (vector?.length ?? 0); i++) {
    const c = h.tableAt(vector!, i, `column ${i} of the header`);
    const name = c.string(0);
    const type = c.uint8(1, 0);
    if (name === null) throw new CorruptBuffer(`column ${i} of its header has no name`);
    if (type >= COLUMN_TYPES.length) throw new CorruptBuffer(`column "${name}" has the unknown type ${type}`);
    columns.push({ name, type: COLUMN_TYPES[type] });
  }
  const crsTable = h.table(10, 'the CRS of the header');
  const crs = crsTable ? { org: crsTable.string(0), code: crsTable.int32(1, 0), name: crsTable.string(2), wkt: crsTable.string(4), codeString: crsTable.string(5) } : null;
  const featuresCount = h.uint64(8, 0);
  const indexNodeSize = h.uint16(9, 16);
  const indexStart = HEADER_START + length;
  const index = indexBytes(featuresCount, indexNodeSize);
  return {
    geometryType: h.uint8(2, 0),
    hasZ: h.bool(3, false),
    hasM: h.bool(4, false),
    columns,
    featuresCount,
    indexNodeSize: index === 0 ? 0 : indexNodeSize,
    crs,
    indexStart,
    indexBytes: index,
    featuresStart: indexStart + index,
  };
}
