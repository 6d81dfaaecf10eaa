import { writeHgt } from '../../src/core/terrain/read-hgt.ts';

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
