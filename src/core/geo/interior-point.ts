import type { MultiPolygonCoords, Position } from '../model.ts';

/** Planar rings: ring r = vertices ringStart[r]..ringStart[r+1] of xy (stride 2, not closed); part p = rings partStart[p]..partStart[p+1]. */
export interface PlanarRings {
  xy: ArrayLike<number>;
  ringStart: ArrayLike<number>;
  partStart: ArrayLike<number>;
  partCount: number;
}

/**
 * A point guaranteed to lie inside a polygon (holes respected), written to `out`: the area centroid of
 * the largest part when it falls inside that part, else the middle of the widest horizontal chord
 * through the middle of the part, taken at a height that passes through no vertex (so no crossing is
 * ambiguous). Returns false (and writes NaN) when the polygon has no area.
 */
export function interiorPoint(rings: PlanarRings, out: Float64Array | number[]): boolean {
  const { xy, ringStart, partStart } = rings;
  let best = -1;
  let bestArea = 0;
  let bestCx = 0;
  let bestCy = 0;
  for (let p = 0; p < rings.partCount; p++) {
    let area = 0;
    let cx = 0;
    let cy = 0;
    const ox = xy[ringStart[partStart[p]] * 2];
    const oy = xy[ringStart[partStart[p]] * 2 + 1];
    for (let r = partStart[p]; r < partStart[p + 1]; r++) {
      const s = ringStart[r];
      const e = ringStart[r + 1];
      let sign = 0;
      let ra = 0;
      let rcx = 0;
      let rcy = 0;
      for (let i = s, j = e - 1; i < e; j = i++) {
        const x0 = xy[j * 2] - ox;
        const y0 = xy[j * 2 + 1] - oy;
        const x1 = xy[i * 2] - ox;
        const y1 = xy[i * 2 + 1] - oy;
        const c = x0 * y1 - x1 * y0;
        ra += c;
        rcx += (x0 + x1) * c;
        rcy += (y0 + y1) * c;
      }
      // Outer ring counts positive and holes negative whatever their stored orientation.
      sign = (r === partStart[p]) === ra >= 0 ? 1 : -1;
      area += (sign * ra) / 2;
      cx += (sign * rcx) / 6;
      cy += (sign * rcy) / 6;
    }
    if (area > bestArea) {
      bestArea = area;
      best = p;
      bestCx = ox + cx / area;
      bestCy = oy + cy / area;
    }
  }
  if (best < 0) {
    out[0] = NaN;
    out[1] = NaN;
    return false;
  }
  const r0 = partStart[best];
  const r1 = partStart[best + 1];
  if (containsEvenOdd(xy, ringStart, r0, r1, bestCx, bestCy)) {
    out[0] = bestCx;
    out[1] = bestCy;
    return true;
  }
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = ringStart[r0]; i < ringStart[r0 + 1]; i++) {
    const y = xy[i * 2 + 1];
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const mid = (minY + maxY) / 2;
  // The scan height: halfway between the nearest vertex heights below and above the middle.
  let below = minY;
  let above = maxY;
  for (let r = r0; r < r1; r++) {
    for (let i = ringStart[r]; i < ringStart[r + 1]; i++) {
      const y = xy[i * 2 + 1];
      if (y <= mid && y > below) below = y;
      if (y > mid && y < above) above = y;
    }
  }
  const scanY = (below + above) / 2;
  const xs: number[] = [];
  for (let r = r0; r < r1; r++) {
    const s = ringStart[r];
    const e = ringStart[r + 1];
    for (let i = s, j = e - 1; i < e; j = i++) {
      const yi = xy[i * 2 + 1];
      const yj = xy[j * 2 + 1];
      if (yi > scanY !== yj > scanY) {
        const xi = xy[i * 2];
        const xj = xy[j * 2];
        xs.push(xi + ((scanY - yi) * (xj - xi)) / (yj - yi));
      }
    }
  }
  xs.sort((a, b) => a - b);
  let width = -1;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    if (xs[k + 1] - xs[k] > width) {
      width = xs[k + 1] - xs[k];
      out[0] = (xs[k] + xs[k + 1]) / 2;
      out[1] = scanY;
    }
  }
  if (width < 0) {
    out[0] = bestCx;
    out[1] = bestCy;
  }
  return true;
}

/** `interiorPoint` for lon/lat MultiPolygon coordinates (planar in degrees; fine for labels and centres). */
export function interiorPointLonLat(geometry: MultiPolygonCoords): Position | null {
  const xy: number[] = [];
  const ringStart: number[] = [];
  const partStart: number[] = [];
  for (const poly of geometry) {
    partStart.push(ringStart.length);
    for (const ring of poly) {
      ringStart.push(xy.length / 2);
      const closed = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1];
      for (let i = 0; i < ring.length - (closed ? 1 : 0); i++) xy.push(ring[i][0], ring[i][1]);
    }
  }
  ringStart.push(xy.length / 2);
  partStart.push(ringStart.length - 1);
  const out = [NaN, NaN];
  return interiorPoint({ xy, ringStart, partStart, partCount: geometry.length }, out) ? [out[0], out[1]] : null;
}

function containsEvenOdd(
  xy: ArrayLike<number>,
  ringStart: ArrayLike<number>,
  r0: number,
  r1: number,
  x: number,
  y: number,
): boolean {
  let inside = false;
  for (let r = r0; r < r1; r++) {
    const s = ringStart[r];
    const e = ringStart[r + 1];
    for (let i = s, j = e - 1; i < e; j = i++) {
      const xi = xy[i * 2];
      const yi = xy[i * 2 + 1];
      const xj = xy[j * 2];
      const yj = xy[j * 2 + 1];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}
