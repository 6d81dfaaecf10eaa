import type { GeoGeometry, GeoPosition } from '../geojson-types.ts';
import { InputError } from '../input-error.ts';
import { signedArea } from '../repair-polygon.ts';

/**
 * The geometries of an ESRI shapefile's `.shp`, in record order, as GeoJSON-shaped geometries in the
 * file's own coordinates (reprojection comes later). Points, multipoints, polylines and polygons,
 * with or without Z/M (Z and M are dropped). Polygon rings are grouped as the format says — an outer
 * ring is clockwise, holes counter-clockwise and inside their outer ring — and written the RFC 7946
 * way round (outer counter-clockwise). A null shape is a null geometry. A record that runs past the
 * end of the file, or a MultiPatch, refuses the file with the reason.
 */

const FILE_CODE = 9994;
const HEADER_BYTES = 100;

/** Shape type numbers (ESRI Shapefile Technical Description, 1998). */
const SHAPE = {
  null: 0, point: 1, polyline: 3, polygon: 5, multipoint: 8,
  pointZ: 11, polylineZ: 13, polygonZ: 15, multipointZ: 18,
  pointM: 21, polylineM: 23, polygonM: 25, multipointM: 28, multipatch: 31,
} as const;

const POINTS = new Set<number>([SHAPE.point, SHAPE.pointZ, SHAPE.pointM]);
const MULTIPOINTS = new Set<number>([SHAPE.multipoint, SHAPE.multipointZ, SHAPE.multipointM]);
const POLYLINES = new Set<number>([SHAPE.polyline, SHAPE.polylineZ, SHAPE.polylineM]);
const POLYGONS = new Set<number>([SHAPE.polygon, SHAPE.polygonZ, SHAPE.polygonM]);

/** Reads every record; `name` names the file in messages. */
export function readShp(bytes: Uint8Array, name: string): (GeoGeometry | null)[] {
  if (bytes.length < HEADER_BYTES) throw broken(name, `it is ${bytes.length} bytes long, shorter than a shapefile header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getInt32(0, false) !== FILE_CODE) throw broken(name, 'it does not start with the shapefile code 9994');
  const declaredLength = view.getInt32(24, false) * 2;
  if (declaredLength > bytes.length) {
    throw broken(name, `its header says ${declaredLength} bytes but the file has ${bytes.length}: it is truncated`);
  }
  const end = Math.min(declaredLength, bytes.length);
  const out: (GeoGeometry | null)[] = [];
  let pos = HEADER_BYTES;
  while (pos + 8 <= end) {
    const contentBytes = view.getInt32(pos + 4, false) * 2;
    const start = pos + 8;
    if (contentBytes < 4 || start + contentBytes > end) {
      throw broken(name, `record ${out.length + 1} runs past the end of the file: it is truncated`);
    }
    out.push(readShape(new DataView(bytes.buffer, bytes.byteOffset + start, contentBytes), name, out.length + 1));
    pos = start + contentBytes;
  }
  return out;
}

function readShape(view: DataView, name: string, record: number): GeoGeometry | null {
  const type = view.getInt32(0, true);
  const need = (bytes: number): void => {
    if (bytes > view.byteLength) throw broken(name, `record ${record} is shorter than its shape needs`);
  };
  if (type === SHAPE.null) return null;
  if (POINTS.has(type)) {
    need(20);
    const x = view.getFloat64(4, true);
    const y = view.getFloat64(12, true);
    // A point of NaNs is how some writers store "no point".
    return Number.isNaN(x) || Number.isNaN(y) ? null : { type: 'Point', coordinates: [x, y] };
  }
  if (MULTIPOINTS.has(type)) {
    need(40);
    const n = view.getInt32(36, true);
    need(40 + n * 16);
    const points: GeoPosition[] = [];
    for (let i = 0; i < n; i++) points.push([view.getFloat64(40 + i * 16, true), view.getFloat64(48 + i * 16, true)]);
    return n === 0 ? null : n === 1 ? { type: 'Point', coordinates: points[0] } : { type: 'MultiPoint', coordinates: points };
  }
  if (POLYLINES.has(type) || POLYGONS.has(type)) {
    need(44);
    const numParts = view.getInt32(36, true);
    const numPoints = view.getInt32(40, true);
    const pointsAt = 44 + numParts * 4;
    need(pointsAt + numPoints * 16);
    const parts: GeoPosition[][] = [];
    for (let p = 0; p < numParts; p++) {
      const from = view.getInt32(44 + p * 4, true);
      const to = p + 1 < numParts ? view.getInt32(48 + p * 4, true) : numPoints;
      if (from < 0 || to > numPoints || from > to) throw broken(name, `record ${record} has a part outside its points`);
      const ring: GeoPosition[] = [];
      for (let i = from; i < to; i++) ring.push([view.getFloat64(pointsAt + i * 16, true), view.getFloat64(pointsAt + i * 16 + 8, true)]);
      parts.push(ring);
    }
    if (parts.length === 0) return null;
    if (POLYLINES.has(type)) return parts.length === 1 ? { type: 'LineString', coordinates: parts[0] } : { type: 'MultiLineString', coordinates: parts };
    return ringsToPolygons(parts);
  }
  if (type === SHAPE.multipatch) throw broken(name, 'it holds MultiPatch (3-D surface) shapes, which are not map features');
  throw broken(name, `record ${record} has the unknown shape type ${type}`);
}

function insideRing(p: GeoPosition, ring: readonly GeoPosition[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Shapefile rings → Polygon or MultiPolygon. Clockwise rings are outer rings; each counter-clockwise
 * ring becomes a hole of the smallest outer ring that holds most of its vertices (or an outer ring
 * of its own when none does: some writers get the orientation wrong).
 */
function ringsToPolygons(rings: GeoPosition[][]): GeoGeometry | null {
  const outers: { ring: GeoPosition[]; area: number; holes: GeoPosition[][] }[] = [];
  const holes: GeoPosition[][] = [];
  for (const ring of rings) {
    if (ring.length < 4) continue;
    const a = signedArea(ring);
    if (a < 0) outers.push({ ring: [...ring].reverse(), area: -a, holes: [] });
    else holes.push(ring);
  }
  for (const hole of holes) {
    let best: (typeof outers)[number] | null = null;
    for (const outer of outers) {
      const votes = hole.slice(0, Math.min(hole.length - 1, 5)).filter((p) => insideRing(p, outer.ring)).length;
      if (votes * 2 > Math.min(hole.length - 1, 5) && (best === null || outer.area < best.area)) best = outer;
    }
    if (best !== null) best.holes.push([...hole].reverse());
    else outers.push({ ring: hole, area: signedArea(hole), holes: [] });
  }
  if (outers.length === 0) return null;
  const polygons = outers.map((o) => [o.ring, ...o.holes]);
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
}

function broken(name: string, what: string): InputError {
  return new InputError('not-shapefile', `${name} is not a readable shapefile: ${what}. Export the layer again.`, { name, detail: what });
}
