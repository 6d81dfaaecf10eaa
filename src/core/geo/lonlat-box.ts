import type { MultiPolygonCoords } from '../model.ts';

/**
 * Lon/lat boxes: around a multipolygon, and grown by a distance in metres so that the box surely
 * holds every point within that geodesic distance (the search boxes of footprints, sites and
 * detail queries). Boxes are `[minLon, minLat, maxLon, maxLat]`.
 */

/** Metres per degree of latitude, the smallest value on WGS84 (at the equator). */
const MIN_M_PER_DEG_LAT = 110574;
/** Metres per degree of longitude at the equator (a·π/180); ν ≥ a, so ν·cos φ·π/180 ≥ this·cos φ. */
const M_PER_DEG_LON_EQUATOR = 111319.49;
/** Widening so that rounding never drops a point on the edge. */
const MARGIN = 1.001;

/**
 * The box `minLon … maxLat` grown by `metres` on every side, written to `out`: degrees of latitude
 * at their shortest, degrees of longitude at the box's highest latitude (the whole longitude range
 * near a pole).
 */
export function growBox(
  minLon: number,
  minLat: number,
  maxLon: number,
  maxLat: number,
  metres: number,
  out: Float64Array | number[] = new Float64Array(4),
): Float64Array | number[] {
  const dLat = (MARGIN * metres) / MIN_M_PER_DEG_LAT;
  const highest = Math.max(Math.abs(minLat), Math.abs(maxLat)) + dLat;
  const cosMax = Math.cos(Math.min(90, highest) * (Math.PI / 180));
  const dLon = cosMax > 1e-6 ? (MARGIN * metres) / (M_PER_DEG_LON_EQUATOR * cosMax) : 180;
  out[0] = minLon - dLon;
  out[1] = minLat - dLat;
  out[2] = maxLon + dLon;
  out[3] = maxLat + dLat;
  return out;
}

/** A box that surely encloses the geodesic disk of `radiusM` around (lon, lat). */
export function diskBox(lon: number, lat: number, radiusM: number, out: Float64Array | number[] = new Float64Array(4)): Float64Array | number[] {
  return growBox(lon, lat, lon, lat, radiusM, out);
}

/** The box of a multipolygon's vertices; null when it has none. */
export function multiPolygonBox(coords: MultiPolygonCoords): [number, number, number, number] | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const polygon of coords) {
    for (const ring of polygon) {
      for (const [x, y] of ring) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  return minX <= maxX ? [minX, minY, maxX, maxY] : null;
}
