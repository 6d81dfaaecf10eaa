import { ConformalFrame } from '../geo/conformal-frame.ts';
import type { Position } from '../model.ts';
import { PR_BEARINGS, PR_LAT, PR_LON, PR_START, PROFILE_STRIDE, type PackedTerrain } from './packed-terrain.ts';

const DEG = Math.PI / 180;
/** Arc vertices at most this far apart (degrees of bearing) in drawn footprints. */
const ARC_STEP_DEG = 2;

/** What a selected site's footprint looks like on the map: where it reaches, and its shadows. */
export interface TerrainFootprintGeometry {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    properties: { kind: 'reached' | 'shadow' };
    geometry: { type: 'MultiPolygon'; coordinates: Position[][][] };
  }[];
}

/**
 * The terrain footprint of profile `p` of `terrain` cut to `radiusM` and, for a sector, to the bearings
 * `fromDeg` → `toDeg` (NaN: a disk), as two MultiPolygons in lon/lat: the parts reached and the
 * shadows (inside the radius, not reached). Runs of wedges with the same intervals become one
 * polygon each, arcs drawn every ≤ 2° of bearing; for display only (the measures integrate the
 * exact regions).
 */
export function terrainFootprintGeometry(terrain: PackedTerrain, p: number, radiusM: number, fromDeg: number, toDeg: number): TerrainFootprintGeometry {
  const o = p * PROFILE_STRIDE;
  const lon = terrain.profiles[o + PR_LON];
  const lat = terrain.profiles[o + PR_LAT];
  const n = terrain.profiles[o + PR_BEARINGS];
  const base = terrain.profiles[o + PR_START];
  const frame = new ConformalFrame(lon, lat);
  const R = frame.radius;
  const xy = new Float64Array(2);
  const point = (bearingDeg: number, d: number): Position => {
    const rho = 2 * R * Math.tan(d / (2 * R));
    frame.inverse(rho * Math.sin(bearingDeg * DEG), rho * Math.cos(bearingDeg * DEG), xy, 0);
    return [xy[0], xy[1]];
  };
  const from = Number.isNaN(fromDeg) ? 0 : fromDeg;
  let span = Number.isNaN(fromDeg) ? 360 : toDeg - fromDeg;
  if (span <= 0) span += 360;
  const delta = 360 / n;
  // Wedges (bearing from, to) with their reached intervals, clipped to the radius and the sector.
  const wedges: { b0: number; b1: number; reached: number[] }[] = [];
  for (let kk = Math.floor(from / delta); kk * delta < from + span; kk++) {
    const b0 = Math.max(kk * delta, from);
    const b1 = Math.min((kk + 1) * delta, from + span);
    if (!(b1 > b0)) continue;
    const k = ((kk % n) + n) % n;
    const reached: number[] = [];
    for (let i = terrain.start[base + k]; i < terrain.start[base + k + 1]; i++) {
      const a = terrain.radii[2 * i];
      if (a >= radiusM) break;
      reached.push(a, Math.min(terrain.radii[2 * i + 1], radiusM));
    }
    wedges.push({ b0, b1, reached });
  }
  const shadowOf = (reached: number[]): number[] => {
    const out: number[] = [];
    let at = 0;
    for (let i = 0; i < reached.length; i += 2) {
      if (reached[i] > at) out.push(at, reached[i]);
      at = reached[i + 1];
    }
    if (at < radiusM) out.push(at, radiusM);
    return out;
  };
  const polygons = (pick: (w: { reached: number[] }) => number[]): Position[][][] => {
    const out: Position[][][] = [];
    let run = 0;
    while (run < wedges.length) {
      const intervals = pick(wedges[run]);
      let end = run + 1;
      while (end < wedges.length && same(pick(wedges[end]), intervals)) end++;
      const b0 = wedges[run].b0;
      const b1 = wedges[end - 1].b1;
      const steps = Math.max(1, Math.ceil((b1 - b0) / ARC_STEP_DEG));
      for (let i = 0; i < intervals.length; i += 2) {
        const a = intervals[i];
        const b = intervals[i + 1];
        const ring: Position[] = [];
        for (let s = 0; s <= steps; s++) ring.push(point(b0 + ((b1 - b0) * s) / steps, b));
        if (a > 0) for (let s = steps; s >= 0; s--) ring.push(point(b0 + ((b1 - b0) * s) / steps, a));
        else ring.push([lon, lat]);
        ring.push(ring[0]);
        out.push([ring]);
      }
      run = end;
    }
    return out;
  };
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { kind: 'reached' }, geometry: { type: 'MultiPolygon', coordinates: polygons((w) => w.reached) } },
      { type: 'Feature', properties: { kind: 'shadow' }, geometry: { type: 'MultiPolygon', coordinates: polygons((w) => shadowOf(w.reached)) } },
    ],
  };
}

function same(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
