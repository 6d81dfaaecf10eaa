import type { DemSet } from './dem-set.ts';
import { encodePngRgb } from './encode-png.ts';

/** Pixels per side of a DEM tile. */
export const DEM_TILE_SIZE = 256;

/** Longitude of the west edge of web-mercator tile column x at zoom z. */
function tileLon(x: number, z: number): number {
  return (x / 2 ** z) * 360 - 180;
}

/** Latitude of the north edge of web-mercator tile row y at zoom z. */
function tileLat(y: number, z: number): number {
  const n = Math.PI - (2 * Math.PI * y) / 2 ** z;
  return (180 / Math.PI) * Math.atan(Math.sinh(n));
}

/** Whether web-mercator tile z/x/y meets the DEM's extent. */
export function tileMeetsDem(dem: DemSet, z: number, x: number, y: number): boolean {
  const [w, s, e, n] = dem.summary().extent;
  return tileLon(x + 1, z) >= w && tileLon(x, z) <= e && tileLat(y + 1, z) <= n && tileLat(y, z) >= s;
}

/**
 * Web-mercator tile z/x/y of the DEM as a Terrarium-encoded PNG (elevation = R·256 + G + B/256 −
 * 32768 m), what MapLibre's raster-dem sources take for hillshading and 3D terrain. Pixels the DEM
 * does not cover are 0 m. Made in the worker that holds the DEM; the map asks through a protocol.
 */
export function demTilePng(dem: DemSet, z: number, x: number, y: number): Uint8Array {
  const size = DEM_TILE_SIZE;
  const rgb = new Uint8Array(size * size * 3);
  const west = tileLon(x, z);
  const east = tileLon(x + 1, z);
  const n = 2 ** z;
  for (let py = 0; py < size; py++) {
    const my = Math.PI - (2 * Math.PI * (y + (py + 0.5) / size)) / n;
    const lat = (180 / Math.PI) * Math.atan(Math.sinh(my));
    for (let px = 0; px < size; px++) {
      const lon = west + ((east - west) * (px + 0.5)) / size;
      const h = dem.elevation(lon, lat);
      const v = Math.round(((Number.isNaN(h) ? 0 : h) + 32768) * 256);
      const o = (py * size + px) * 3;
      rgb[o] = (v >> 16) & 0xff;
      rgb[o + 1] = (v >> 8) & 0xff;
      rgb[o + 2] = v & 0xff;
    }
  }
  return encodePngRgb(rgb, size, size);
}
