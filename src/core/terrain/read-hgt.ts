import { InputError } from '../io/input-error.ts';
import type { DemRaster } from './dem-raster.ts';
import { fillVoids } from './fill-voids.ts';
import { groupDigits } from '../group-digits.ts';

/** SRTM's void marker. */
export const HGT_VOID = -32768;

/** Posts per side of the SRTM tile sizes we read: 3″ (1201) and 1″ (3601). */
const HGT_SIDES: readonly { side: number; arcSeconds: number }[] = [
  { side: 1201, arcSeconds: 3 },
  { side: 3601, arcSeconds: 1 },
];

/**
 * The south-west corner named by an SRTM file name ("N14E107.hgt", "n14e107.SRTMGL1.hgt.zip",
 * "S08W035.hgt"), or null when the name carries none.
 */
export function hgtCorner(name: string): { lon: number; lat: number } | null {
  const base = name.split(/[\\/]/).pop() ?? name;
  const m = /([NS])(\d{2})([EW])(\d{3})/i.exec(base);
  if (!m) return null;
  const lat = Number(m[2]) * (m[1].toUpperCase() === 'S' ? -1 : 1);
  const lon = Number(m[4]) * (m[3].toUpperCase() === 'W' ? -1 : 1);
  if (lat < -90 || lat > 89 || lon < -180 || lon > 179) return null;
  return { lon, lat };
}

/**
 * Reads one SRTM `.hgt` tile: a square of big-endian int16 elevations (1201² posts for 3″, 3601² for
 * 1″), rows north to south, whose south-west corner only the file name gives. Voids (−32768) are
 * filled from their neighbours where small (see `fillVoids`). Refuses, with a sentence the user can
 * act on, a size that is not a tile or a name without its corner.
 */
export function readHgt(name: string, bytes: Uint8Array): DemRaster {
  const corner = hgtCorner(name);
  if (!corner) {
    throw new InputError(
      'not-dem',
      `${name}: an SRTM .hgt file does not say where it lies, only its name does; rename it to its south-west corner, e.g. N14E107.hgt.`,
      { name, reason: 'hgt-name' },
    );
  }
  const kind = HGT_SIDES.find((k) => k.side * k.side * 2 === bytes.byteLength);
  if (!kind) {
    throw new InputError(
      'not-dem',
      `${name} is ${groupDigits(bytes.byteLength)} bytes; an SRTM tile is 2,884,802 bytes (3″, 1201 × 1201) or ` +
        '25,934,402 bytes (1″, 3601 × 3601). The file is cut short or is not an SRTM .hgt tile.',
      { name, reason: 'hgt-size', bytes: bytes.byteLength },
    );
  }
  const side = kind.side;
  const data = new Int16Array(side * side);
  readBigEndianInt16(bytes, data);
  const raster: DemRaster = {
    width: side,
    height: side,
    west: corner.lon,
    north: corner.lat + 1,
    dLon: 1 / (side - 1),
    dLat: 1 / (side - 1),
    data,
    voidValue: HGT_VOID,
    source: name,
    format: `SRTM .hgt ${kind.arcSeconds}″`,
    voids: 0,
    filled: 0,
  };
  fillVoids(raster);
  return raster;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Big-endian int16 samples of `bytes` into `out` (a byte swap of 16-bit words: 5–10× DataView's speed). */
function readBigEndianInt16(bytes: Uint8Array, out: Int16Array): void {
  const n = out.length;
  if (!LITTLE_ENDIAN) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let k = 0; k < n; k++) out[k] = view.getInt16(k * 2, false);
    return;
  }
  const words = bytes.byteOffset % 2 === 0 ? new Uint16Array(bytes.buffer, bytes.byteOffset, n) : new Uint16Array(bytes.slice(0, 2 * n).buffer);
  for (let k = 0; k < n; k++) {
    const u = words[k];
    out[k] = ((u & 0xff) << 8) | (u >>> 8);
  }
}

/**
 * Writes a raster of `side` × `side` posts as `.hgt` bytes (big-endian int16, NaN → −32768): for
 * synthetic test tiles and for tools that cut tiles.
 */
export function writeHgt(elevations: ArrayLike<number>, side: number): Uint8Array {
  if (elevations.length !== side * side) {
    throw new RangeError(`writeHgt got ${elevations.length} elevations for ${side} × ${side} posts: pass exactly side² values.`);
  }
  const out = new Uint8Array(side * side * 2);
  const view = new DataView(out.buffer);
  for (let k = 0; k < side * side; k++) {
    const v = elevations[k];
    view.setInt16(k * 2, Number.isNaN(v) ? HGT_VOID : Math.max(-32767, Math.min(32767, Math.round(v))), false);
  }
  return out;
}
