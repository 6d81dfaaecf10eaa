import { type CrsDefinition, WGS84 } from '../crs/crs-registry.ts';
import { esriWkt } from '../crs/esri-wkt.ts';
import { fromWgs84, transformGeometry } from '../crs/reproject.ts';
import type { GeoFeature, GeoGeometry, GeoPosition } from '../geojson-types.ts';
import { DBF_NAME_LENGTH, shortFieldNames } from './shapefile-field-names.ts';
import { writeZip } from './zip-archive.ts';
import { signedArea } from '../repair-polygon.ts';

/**
 * A layer as a zipped ESRI shapefile that GDAL (3.6 and later), QGIS and ArcGIS open with every
 * field: `.shp`/`.shx` (points, multipoints, polylines or polygons; a feature without geometry is a
 * null shape, so no row is lost), `.dbf` in UTF-8 with a `.cpg` saying so, a `.prj` (WGS 84 or a
 * VN-2000 TM-3 zone), and a sidecar `<layer>_fields.csv` mapping each 10-character field name to
 * its column. Lists are written as text joined by ";", objects as JSON text, booleans as logicals.
 * dBASE text is at most 254 bytes: a longer value is cut at a character boundary and counted.
 */

export interface ShapefileColumn {
  /** The property name. */
  column: string;
  /** What it means, for the sidecar (optional). */
  description?: string;
}

export interface WriteShapefileOptions {
  /** Base name of the files inside the archive (ASCII). */
  layer: string;
  /** The properties to write, in order. */
  columns: readonly ShapefileColumn[];
  /** The CRS to write the geometries in (default WGS 84); features come in WGS 84. */
  crs?: CrsDefinition;
  /** The DBF's "last update" date (default today). */
  date?: Date;
  /** More files for the archive (e.g. the run's metadata), by name. */
  extraFiles?: ReadonlyMap<string, Uint8Array>;
}

export interface ShapefileFieldInfo {
  field: string;
  column: string;
  type: 'C' | 'N' | 'L';
  width: number;
  decimals: number;
  description: string;
}

export interface ShapefileOutput {
  /** The zip archive. */
  zip: Uint8Array<ArrayBuffer>;
  /** The same files, by name (`<layer>.shp`, `<layer>.dbf`, …), to write unzipped. */
  files: ReadonlyMap<string, Uint8Array>;
  fields: ShapefileFieldInfo[];
  /** Text cells cut at 254 bytes. */
  truncated: number;
}

const SHAPE_NULL = 0;
const SHAPE_POINT = 1;
const SHAPE_POLYLINE = 3;
const SHAPE_POLYGON = 5;
const SHAPE_MULTIPOINT = 8;
const MAX_TEXT = 254;
const MAX_NUMBER_WIDTH = 24;
const MAX_DECIMALS = 15;

/** Writes `features` (WGS 84) as a zipped shapefile; see the module comment. */
export function writeShapefile(features: readonly GeoFeature[], options: WriteShapefileOptions): ShapefileOutput {
  const crs = options.crs ?? WGS84;
  const transform = fromWgs84(crs);
  const geometries = features.map((f) => (f.geometry === null ? null : crs.isWgs84 ? f.geometry : transformGeometry(f.geometry, transform)));
  const shapeType = layerShapeType(geometries);
  const { shp, shx } = writeShapes(geometries, shapeType);
  const names = shortFieldNames(options.columns.map((c) => c.column));
  const { dbf, fields, truncated } = writeDbf(features, options.columns, names, options.date ?? new Date());
  const files = new Map<string, Uint8Array>([
    [`${options.layer}.shp`, shp],
    [`${options.layer}.shx`, shx],
    [`${options.layer}.dbf`, dbf],
    [`${options.layer}.cpg`, new TextEncoder().encode('UTF-8')],
    [`${options.layer}.prj`, new TextEncoder().encode(esriWkt(crs))],
    [`${options.layer}_fields.csv`, new TextEncoder().encode(sidecar(fields))],
    ...(options.extraFiles ?? new Map<string, Uint8Array>()),
  ]);
  return { zip: writeZip(files), files, fields, truncated };
}

function layerShapeType(geometries: readonly (GeoGeometry | null)[]): number {
  let type: number | null = null;
  for (const g of geometries) {
    if (g === null) continue;
    const t = g.type === 'Point' ? SHAPE_POINT : g.type === 'MultiPoint' ? SHAPE_MULTIPOINT
      : g.type === 'LineString' || g.type === 'MultiLineString' ? SHAPE_POLYLINE
        : g.type === 'Polygon' || g.type === 'MultiPolygon' ? SHAPE_POLYGON : null;
    if (t === null) throw new Error(`writeShapefile: a ${g.type} cannot be written to a shapefile; split it into typed layers`);
    if (type !== null && type !== t) throw new Error('writeShapefile: a shapefile holds one kind of geometry; split points, lines and polygons into layers');
    type = t;
  }
  return type ?? SHAPE_NULL;
}

/** Rings of a polygon the shapefile way: outer rings clockwise, holes counter-clockwise. */
function shapefileRings(g: GeoGeometry): GeoPosition[][] {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  const out: GeoPosition[][] = [];
  for (const poly of polygons) {
    poly.forEach((ring, i) => {
      const clockwise = signedArea(ring) < 0;
      out.push(clockwise === (i === 0) ? ring : [...ring].reverse());
    });
  }
  return out;
}

/** The parts (lines or rings) of a geometry, or its points. */
function partsOf(g: GeoGeometry): GeoPosition[][] {
  switch (g.type) {
    case 'Point':
      return [[g.coordinates]];
    case 'MultiPoint':
      return [g.coordinates];
    case 'LineString':
      return [g.coordinates];
    case 'MultiLineString':
      return g.coordinates;
    case 'Polygon':
    case 'MultiPolygon':
      return shapefileRings(g);
    default:
      return [];
  }
}

function writeShapes(geometries: readonly (GeoGeometry | null)[], shapeType: number): { shp: Uint8Array; shx: Uint8Array } {
  const contents = geometries.map((g) => shapeContent(g, shapeType));
  const shpLength = 100 + contents.reduce((s, c) => s + 8 + c.length, 0);
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(100 + 8 * contents.length);
  const bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const g of geometries) {
    if (g === null) continue;
    for (const part of partsOf(g)) {
      for (const [x, y] of part) {
        bbox[0] = Math.min(bbox[0], x);
        bbox[1] = Math.min(bbox[1], y);
        bbox[2] = Math.max(bbox[2], x);
        bbox[3] = Math.max(bbox[3], y);
      }
    }
  }
  const box = bbox[0] <= bbox[2] ? bbox : [0, 0, 0, 0];
  writeHeader(new DataView(shp.buffer), shpLength, shapeType, box);
  writeHeader(new DataView(shx.buffer), shx.length, shapeType, box);
  const shpView = new DataView(shp.buffer);
  const shxView = new DataView(shx.buffer);
  let pos = 100;
  contents.forEach((c, i) => {
    shxView.setInt32(100 + i * 8, pos / 2, false);
    shxView.setInt32(104 + i * 8, c.length / 2, false);
    shpView.setInt32(pos, i + 1, false);
    shpView.setInt32(pos + 4, c.length / 2, false);
    shp.set(c, pos + 8);
    pos += 8 + c.length;
  });
  return { shp, shx };
}

function writeHeader(view: DataView, length: number, shapeType: number, box: readonly number[]): void {
  view.setInt32(0, 9994, false);
  view.setInt32(24, length / 2, false);
  view.setInt32(28, 1000, true);
  view.setInt32(32, shapeType, true);
  box.forEach((v, i) => view.setFloat64(36 + i * 8, v, true));
}

function shapeContent(g: GeoGeometry | null, shapeType: number): Uint8Array {
  const parts = g === null ? [] : partsOf(g);
  const points = parts.reduce((s, p) => s + p.length, 0);
  if (points === 0) {
    const out = new Uint8Array(4);
    new DataView(out.buffer).setInt32(0, SHAPE_NULL, true);
    return out;
  }
  if (shapeType === SHAPE_POINT) {
    const out = new Uint8Array(20);
    const v = new DataView(out.buffer);
    v.setInt32(0, SHAPE_POINT, true);
    v.setFloat64(4, parts[0][0][0], true);
    v.setFloat64(12, parts[0][0][1], true);
    return out;
  }
  const flat = parts.flat();
  const xs = flat.map((p) => p[0]);
  const ys = flat.map((p) => p[1]);
  const box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  if (shapeType === SHAPE_MULTIPOINT) {
    const out = new Uint8Array(40 + 16 * points);
    const v = new DataView(out.buffer);
    v.setInt32(0, SHAPE_MULTIPOINT, true);
    box.forEach((b, i) => v.setFloat64(4 + i * 8, b, true));
    v.setInt32(36, points, true);
    flat.forEach((p, i) => {
      v.setFloat64(40 + i * 16, p[0], true);
      v.setFloat64(48 + i * 16, p[1], true);
    });
    return out;
  }
  const pointsAt = 44 + 4 * parts.length;
  const out = new Uint8Array(pointsAt + 16 * points);
  const v = new DataView(out.buffer);
  v.setInt32(0, shapeType, true);
  box.forEach((b, i) => v.setFloat64(4 + i * 8, b, true));
  v.setInt32(36, parts.length, true);
  v.setInt32(40, points, true);
  let start = 0;
  parts.forEach((part, k) => {
    v.setInt32(44 + k * 4, start, true);
    start += part.length;
  });
  flat.forEach((p, i) => {
    v.setFloat64(pointsAt + i * 16, p[0], true);
    v.setFloat64(pointsAt + i * 16 + 8, p[1], true);
  });
  return out;
}

/** A cell as text: lists joined by ";", objects as JSON. */
function textOf(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x))).join(';');
  if (typeof v === 'object' && v !== null) return JSON.stringify(v);
  return String(v);
}

/** Decimals needed to write `n` exactly as a plain decimal ("1.5e-7" needs 8), at most 15. */
function decimalsOf(n: number): number {
  if (Number.isInteger(n)) return 0;
  const [mantissa, exponent] = String(n).split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.min(MAX_DECIMALS, Math.max(0, fraction - Number(exponent ?? 0)));
}

function writeDbf(
  features: readonly GeoFeature[],
  columns: readonly ShapefileColumn[],
  names: readonly string[],
  date: Date,
): { dbf: Uint8Array; fields: ShapefileFieldInfo[]; truncated: number } {
  const encoder = new TextEncoder();
  let truncated = 0;
  const cells: Uint8Array[][] = features.map(() => []);
  const fields: ShapefileFieldInfo[] = columns.map((c, k) => {
    const values = features.map((f) => f.properties[c.column]);
    const present = values.filter((v) => v !== null && v !== undefined);
    let type: 'C' | 'N' | 'L' = 'C';
    if (present.length > 0 && present.every((v) => typeof v === 'boolean')) type = 'L';
    else if (present.length > 0 && present.every((v) => typeof v === 'number' && Number.isFinite(v))) type = 'N';
    let width = 1;
    let decimals = 0;
    if (type === 'L') {
      values.forEach((v, i) => cells[i].push(encoder.encode(v === true ? 'T' : v === false ? 'F' : '?')));
    } else if (type === 'N') {
      decimals = Math.max(0, ...present.map((v) => decimalsOf(v as number)));
      // The integer part and the sign must still fit the field's width.
      const integerWidth = Math.max(...present.map((v) => Math.trunc(Math.abs(v as number)).toFixed(0).length + ((v as number) < 0 ? 1 : 0)));
      decimals = Math.max(0, Math.min(decimals, MAX_NUMBER_WIDTH - integerWidth - 1));
      const texts = values.map((v) => (typeof v === 'number' ? (v as number).toFixed(decimals) : ''));
      width = Math.min(MAX_NUMBER_WIDTH, Math.max(1, ...texts.map((t) => t.length)));
      texts.forEach((t, i) => cells[i].push(encoder.encode(t.padStart(width, ' ').slice(0, width))));
    } else {
      const encoded = values.map((v) => (v === null || v === undefined ? new Uint8Array(0) : encoder.encode(textOf(v))));
      const cut = encoded.map((b) => {
        if (b.length <= MAX_TEXT) return b;
        truncated++;
        let end = MAX_TEXT;
        while (end > 0 && (b[end] & 0xc0) === 0x80) end--;
        return b.subarray(0, end);
      });
      width = Math.max(1, ...cut.map((b) => b.length));
      cut.forEach((b, i) => cells[i].push(b));
    }
    return { field: names[k], column: c.column, type, width, decimals, description: c.description ?? '' };
  });
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f.width, 0);
  const dbf = new Uint8Array(headerLength + recordLength * features.length + 1);
  const view = new DataView(dbf.buffer);
  dbf[0] = 0x03;
  dbf[1] = date.getUTCFullYear() - 1900;
  dbf[2] = date.getUTCMonth() + 1;
  dbf[3] = date.getUTCDate();
  view.setUint32(4, features.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  fields.forEach((f, k) => {
    const at = 32 + 32 * k;
    const name = encoder.encode(f.field.slice(0, DBF_NAME_LENGTH));
    dbf.set(name, at);
    dbf[at + 11] = f.type.charCodeAt(0);
    dbf[at + 16] = f.width;
    dbf[at + 17] = f.decimals;
  });
  dbf[headerLength - 1] = 0x0d;
  let pos = headerLength;
  for (const row of cells) {
    dbf[pos++] = 0x20;
    row.forEach((cell, k) => {
      dbf.fill(0x20, pos, pos + fields[k].width);
      dbf.set(cell, pos);
      pos += fields[k].width;
    });
  }
  dbf[pos] = 0x1a;
  return { dbf, fields, truncated };
}

function sidecar(fields: readonly ShapefileFieldInfo[]): string {
  const quote = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['shapefile_field,column,type,width,decimals,meaning'];
  for (const f of fields) lines.push([f.field, f.column, f.type, String(f.width), String(f.decimals), quote(f.description)].join(','));
  return `${lines.join('\r\n')}\r\n`;
}
