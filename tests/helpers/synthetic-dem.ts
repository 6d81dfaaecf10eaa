import { writeHgt } from '../../src/core/terrain/read-hgt.ts';
import { metresPerDegree } from '../../src/core/ftth/local-metric.ts';

/**
 * SYNTHETIC elevation models for the terrain tests: real `.hgt` tiles (big-endian int16, SRTM
 * layout) whose surface is a formula with a known answer. Nothing here is a measured DEM.
 */

/** Posts per side: 3″ (1201) or 1″ (3601). */
export type HgtSide = 1201 | 3601;

/** The `.hgt` name of the tile whose south-west corner is (lon, lat) degrees. */
export function hgtName(lon: number, lat: number): string {
  const ns = lat < 0 ? 'S' : 'N';
  const ew = lon < 0 ? 'W' : 'E';
  return `${ns}${String(Math.abs(lat)).padStart(2, '0')}${ew}${String(Math.abs(lon)).padStart(3, '0')}.hgt`;
}

/** A tile's elevations from `surface(lon, lat)` (metres, NaN for a void), rows north to south. */
export function tileElevations(lon: number, lat: number, side: HgtSide, surface: (lon: number, lat: number) => number): Float64Array {
  const out = new Float64Array(side * side);
  const step = 1 / (side - 1);
  for (let i = 0; i < side; i++) {
    const y = lat + 1 - i * step;
    for (let j = 0; j < side; j++) out[i * side + j] = surface(lon + j * step, y);
  }
  return out;
}

/** `.hgt` bytes of the tile at (lon, lat) with `surface`. */
export function syntheticHgt(lon: number, lat: number, side: HgtSide, surface: (lon: number, lat: number) => number): Uint8Array {
  return writeHgt(tileElevations(lon, lat, side, surface), side);
}

/** A lattice value in [−1, 1] for integer (i, j) and a seed (32-bit integer hash). */
function lattice(i: number, j: number, seed: number): number {
  let h = Math.imul(i, 0x27d4eb2d) ^ Math.imul(j, 0x165667b1) ^ Math.imul(seed, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return ((h >>> 0) / 4294967296) * 2 - 1;
}

/** Smooth value noise in [−1, 1] at (x, y) lattice units. */
function valueNoise(x: number, y: number, seed: number): number {
  const i = Math.floor(x);
  const j = Math.floor(y);
  const fx = x - i;
  const fy = y - j;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const a = lattice(i, j, seed);
  const b = lattice(i + 1, j, seed);
  const c = lattice(i, j + 1, seed);
  const d = lattice(i + 1, j + 1, seed);
  return (a + (b - a) * sx) * (1 - sy) + (c + (d - c) * sx) * sy;
}

/**
 * A SYNTHETIC mountain surface like the Central Highlands' (a 600 m plateau, ridges to ~2,000 m,
 * valleys cut into it): six octaves of value noise, the largest ~20 km across. Deterministic for a
 * seed; elevations in metres.
 */
export function mountainSurface(seed: number): (lon: number, lat: number) => number {
  return (lon, lat) => {
    let h = 0;
    let amp = 700;
    let f = 5; // lattice cells per degree at the first octave (~22 km)
    for (let o = 0; o < 6; o++) {
      h += amp * valueNoise(lon * f, lat * f, seed + o * 101);
      amp *= 0.45;
      f *= 2.1;
    }
    return Math.max(80, 700 + h);
  };
}

/**
 * A DEM from a surface given in metres east (x) and north (y) of (lon0, lat0), on the tile whose
 * south-west corner is (floor lon0, floor lat0): for analytic cases (ridges, cones, valleys) whose
 * answer is computed in the same metric. Returns the set and the metric.
 */
export function localSurfaceTile(
  lon0: number,
  lat0: number,
  side: HgtSide,
  surface: (x: number, y: number) => number,
): { name: string; bytes: Uint8Array; mx: number; my: number } {
  const { x: mx, y: my } = metresPerDegree(lat0);
  const lon = Math.floor(lon0);
  const lat = Math.floor(lat0);
  return {
    name: hgtName(lon, lat),
    bytes: syntheticHgt(lon, lat, side, (lo, la) => surface((lo - lon0) * mx, (la - lat0) * my)),
    mx,
    my,
  };
}
