import type { GeoFeature, GeoGeometry, GeoPosition } from '../geojson-types.ts';
import type { ColumnType, FgbColumn, FgbHeader } from './fgb-header.ts';
import { COLUMN_TYPES, GEOMETRY_TYPES } from './fgb-header.ts';
import { CorruptBuffer, FlatTable } from './flat-table.ts';

/**
 * One FlatGeobuf feature (feature.fbs) → a {@link GeoFeature}: its geometry as lon/lat positions
 * (z and m are left out) and its properties by the header's columns (or the feature's own). Every
 * offset and length is checked; a feature that does not hold together throws {@link CorruptBuffer}.
 */

const utf8 = new TextDecoder('utf-8');
/** Strings up to this many bytes are decoded without TextDecoder when they are ASCII. */
const SHORT_TEXT = 32;
/** The last geometry type geometry.fbs defines (Triangle). */
const LAST_GEOMETRY_TYPE = 17;

/**
 * Decodes the feature `view` spans (the flatbuffer after its 4-byte size prefix, no other bytes). With
 * `wanted` (by the header's column index), only those columns' values are decoded: the others are still
 * checked to lie within the feature (and a JSON column to hold JSON), so a file is refused as before,
 * but their text is not made. A feature that names its own columns has them all decoded.
 */
export function decodeFgbFeature(
  view: DataView,
  header: Pick<FgbHeader, 'geometryType' | 'columns'>,
  wanted: readonly boolean[] | null = null,
): GeoFeature {
  const feature = FlatTable.root(view, 'the feature');
  const geometryTable = feature.table(0, 'its geometry');
  const geometry = geometryTable ? readGeometry(geometryTable, header.geometryType, 0) : null;
  const own = feature.vector(2, 4);
  let columns: readonly FgbColumn[] = header.columns;
  let only = wanted;
  if (own !== null && own.length > 0) {
    only = null;
    columns = Array.from({ length: own.length }, (_, i) => {
      const c = feature.tableAt(own, i, `column ${i} of the feature`);
      const type = c.uint8(1, 0);
      const name = c.string(0);
      if (name === null || type >= COLUMN_TYPES.length) throw new CorruptBuffer(`column ${i} of the feature is unreadable`);
      return { name, type: COLUMN_TYPES[type] };
    });
  }
  const props = feature.vector(1, 1);
  const properties = props ? readProperties(view, props.start, props.length, columns, only) : {};
  return { type: 'Feature', properties, geometry };
}

/** Positions `from … to - 1` of an xy vector as [lon, lat] pairs. */
function positions(view: DataView, xyStart: number, from: number, to: number): GeoPosition[] {
  const out: GeoPosition[] = new Array(to - from);
  for (let i = from, k = 0; i < to; i++, k++) {
    const at = xyStart + i * 16;
    out[k] = [view.getFloat64(at, true), view.getFloat64(at + 8, true)];
  }
  return out;
}

/** The rings or lines of a flat geometry, split at its `ends` (one part when it has none). */
function splitAtEnds(g: FlatTable, view: DataView, xyStart: number, count: number): GeoPosition[][] {
  const ends = g.vector(0, 4);
  if (ends === null || ends.length === 0) return [positions(view, xyStart, 0, count)];
  const parts: GeoPosition[][] = [];
  let from = 0;
  for (let i = 0; i < ends.length; i++) {
    const end = view.getUint32(ends.start + 4 * i, true);
    if (end <= from || end > count) throw new CorruptBuffer(`its geometry's part ${i} ends at vertex ${end}, outside ${from + 1}…${count}`);
    parts.push(positions(view, xyStart, from, end));
    from = end;
  }
  if (from !== count) throw new CorruptBuffer(`its geometry's parts end at vertex ${from} of ${count}`);
  return parts;
}

/** A geometry table → GeoJSON-shaped geometry; `type` 0 means the table says its own. */
function readGeometry(g: FlatTable, headerType: number, depth: number): GeoGeometry | null {
  if (depth > 8) throw new CorruptBuffer('its geometry nests deeper than any geometry type allows');
  const type = headerType !== 0 ? headerType : g.uint8(6, 0);
  const name = GEOMETRY_TYPES[type];
  const view = g.view;
  if (name === 'MultiPolygon' || name === 'GeometryCollection') {
    const parts = g.vector(7, 4);
    const geometries: GeoGeometry[] = [];
    for (let i = 0; i < (parts?.length ?? 0); i++) {
      const part = readGeometry(g.tableAt(parts!, i, `part ${i} of its geometry`), name === 'MultiPolygon' ? 3 : 0, depth + 1);
      if (part) geometries.push(part);
    }
    if (name === 'GeometryCollection') return { type: 'GeometryCollection', geometries };
    if (geometries.length === 0 && g.has(1)) {
      // A writer may store a one-part MultiPolygon flat, like a Polygon.
      const flat = readGeometry(g, 3, depth + 1);
      return flat && flat.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [flat.coordinates] } : null;
    }
    return { type: 'MultiPolygon', coordinates: geometries.map((p) => (p.type === 'Polygon' ? p.coordinates : [])) };
  }
  const xy = g.vector(1, 8);
  if (xy !== null && xy.length % 2 !== 0) throw new CorruptBuffer(`its geometry holds ${xy.length} coordinates, an odd number`);
  const count = xy === null ? 0 : xy.length / 2;
  const start = xy?.start ?? 0;
  switch (name) {
    case 'Point':
      return count === 0 ? null : { type: 'Point', coordinates: [view.getFloat64(start, true), view.getFloat64(start + 8, true)] };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: positions(view, start, 0, count) };
    case 'LineString':
      return { type: 'LineString', coordinates: positions(view, start, 0, count) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: count === 0 ? [] : splitAtEnds(g, view, start, count) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: count === 0 ? [] : splitAtEnds(g, view, start, count) };
    default:
      // Curves, surfaces, TIN (8…17): not read; the layer's reader reports the feature as without geometry.
      if (type <= LAST_GEOMETRY_TYPE) return null;
      throw new CorruptBuffer(`its geometry has the unknown type ${type}`);
  }
}

/** For each length up to {@link SHORT_TEXT}, an array of that many char codes, refilled per string. */
const CODES: number[][] = Array.from({ length: SHORT_TEXT + 1 }, (_, n) => new Array<number>(n).fill(0));

/**
 * UTF-8 text of `length` bytes at `at`: short ASCII directly from the view (TextDecoder costs more
 * per call than such a string, and a byte view per string is garbage), else by TextDecoder.
 */
function text(view: DataView, at: number, length: number): string {
  if (length <= SHORT_TEXT) {
    const codes = CODES[length];
    for (let i = 0; i < length; i++) {
      const byte = view.getUint8(at + i);
      if (byte >= 0x80) return utf8.decode(new Uint8Array(view.buffer, view.byteOffset + at, length));
      codes[i] = byte;
    }
    // One flat string (a string built by `+=` is a rope, flattened again by every Set or Map it meets).
    return Reflect.apply(String.fromCharCode, null, codes) as string;
  }
  return utf8.decode(new Uint8Array(view.buffer, view.byteOffset + at, length));
}

/** Bytes each fixed-size column type takes; 0 for the ones with a length prefix. */
const FIXED_SIZE: Readonly<Record<ColumnType, number>> = {
  Bool: 1, Byte: 1, UByte: 1, Short: 2, UShort: 2, Int: 4, UInt: 4, Long: 8, ULong: 8, Float: 4, Double: 8,
  String: 0, Json: 0, DateTime: 0, Binary: 0,
};

/** The properties encoded as (column index, value) pairs in `length` bytes from `start`; only the `wanted` ones when given. */
function readProperties(view: DataView, start: number, length: number, columns: readonly FgbColumn[], wanted: readonly boolean[] | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const end = start + length;
  let at = start;
  while (at < end) {
    if (at + 2 > end) throw new CorruptBuffer('its properties end in the middle of a column number');
    const index = view.getUint16(at, true);
    at += 2;
    const column = columns[index];
    if (column === undefined) throw new CorruptBuffer(`its properties name column ${index}, but the file has ${columns.length}`);
    const fixed = FIXED_SIZE[column.type];
    const size = fixed > 0 ? fixed : at + 4 <= end ? view.getUint32(at, true) + 4 : end + 1;
    if (at + size > end) throw new CorruptBuffer(`the value of its column "${column.name}" runs past the end of its properties`);
    if (wanted !== null && !wanted[index] && column.type !== 'Json') {
      at += size;
      continue;
    }
    let value: unknown;
    switch (column.type) {
      case 'Bool':
        value = view.getUint8(at) !== 0;
        break;
      case 'Byte':
        value = view.getInt8(at);
        break;
      case 'UByte':
        value = view.getUint8(at);
        break;
      case 'Short':
        value = view.getInt16(at, true);
        break;
      case 'UShort':
        value = view.getUint16(at, true);
        break;
      case 'Int':
        value = view.getInt32(at, true);
        break;
      case 'UInt':
        value = view.getUint32(at, true);
        break;
      case 'Long':
        value = Number(view.getBigInt64(at, true));
        break;
      case 'ULong':
        value = Number(view.getBigUint64(at, true));
        break;
      case 'Float':
        value = view.getFloat32(at, true);
        break;
      case 'Double':
        value = view.getFloat64(at, true);
        break;
      case 'Binary':
        value = new Uint8Array(view.buffer, view.byteOffset + at + 4, size - 4).slice();
        break;
      case 'Json':
        value = parseJsonValue(text(view, at + 4, size - 4), column);
        break;
      default:
        value = text(view, at + 4, size - 4);
    }
    at += size;
    out[column.name] = value;
  }
  return out;
}

function parseJsonValue(text: string, column: FgbColumn): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new CorruptBuffer(`its JSON column "${column.name}" does not hold JSON`);
  }
}
