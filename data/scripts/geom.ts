/**
 * Small planar/geodesic helpers shared by the sample scripts. Coordinates are lon/lat degrees unless a
 * function says it works in a local metric frame.
 */
import { area as turfArea } from '@turf/turf';

export type Pos = [number, number];
export type Ring = Pos[];
export type Poly = Ring[];
export type MultiPoly = Poly[];

const EARTH_RADIUS_M = 6371008.8;
const DEG = Math.PI / 180;

/** Polygon or MultiPolygon coordinates as MultiPolygon coordinates. */
export function asMultiPolygon(g: { type: string; coordinates: unknown }): MultiPoly {
  if (g.type === 'Polygon') return [g.coordinates as Poly];
  if (g.type === 'MultiPolygon') return g.coordinates as MultiPoly;
  throw new Error(`expected a Polygon or MultiPolygon, got ${g.type}`);
}

/** Geodesic area in m² (turf's spherical formula, as the app and tests use). */
export function areaM2(mp: MultiPoly): number {
  return turfArea({ type: 'MultiPolygon', coordinates: mp });
}

/** [minX, minY, maxX, maxY] of a MultiPolygon. */
export function bboxOf(mp: MultiPoly): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of mp) {
    for (const [x, y] of poly[0]) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
  }
  return b;
}

/** Even–odd point-in-ring test. */
function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Point in a MultiPolygon (holes respected). */
export function inMultiPolygon(x: number, y: number, mp: MultiPoly): boolean {
  for (const poly of mp) {
    if (!inRing(x, y, poly[0])) continue;
    let inHole = false;
    for (let h = 1; h < poly.length; h++) if (inRing(x, y, poly[h])) inHole = true;
    if (!inHole) return true;
  }
  return false;
}

/**
 * A local east/north metric frame (metres) around a reference point: equirectangular, which is
 * fine for generating synthetic geometry inside one commune (a few km), not for measuring coverage.
 */
export interface LocalFrame {
  toLocal(lon: number, lat: number): Pos;
  toLonLat(x: number, y: number): Pos;
  /** Metres per degree of longitude and latitude at the reference. */
  kx: number;
  ky: number;
}

export function localFrame(lon0: number, lat0: number): LocalFrame {
  const ky = EARTH_RADIUS_M * DEG;
  const kx = ky * Math.cos(lat0 * DEG);
  return {
    kx,
    ky,
    toLocal: (lon, lat) => [(lon - lon0) * kx, (lat - lat0) * ky],
    toLonLat: (x, y) => [lon0 + x / kx, lat0 + y / ky],
  };
}

/** Great-circle distance in metres (haversine). */
export function distanceM(a: Pos, b: Pos): number {
  const dLat = (b[1] - a[1]) * DEG;
  const dLon = (b[0] - a[0]) * DEG;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * DEG) * Math.cos(b[1] * DEG) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Initial bearing from a to b, degrees clockwise from north in [0, 360). */
export function bearingDeg(a: Pos, b: Pos): number {
  const f1 = a[1] * DEG;
  const f2 = b[1] * DEG;
  const dl = (b[0] - a[0]) * DEG;
  const y = Math.sin(dl) * Math.cos(f2);
  const x = Math.cos(f1) * Math.sin(f2) - Math.sin(f1) * Math.cos(f2) * Math.cos(dl);
  return ((Math.atan2(y, x) / DEG) % 360 + 360) % 360;
}

/** Rounds a coordinate to 1e-7° (~1 cm), so files do not carry float noise. */
export function roundCoord(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}

