import Flatbush from 'flatbush';
import type { MultiPolygonCoords } from '../../src/core/model.ts';
import {
  FOOTPRINT_STRIDE,
  FP_BEARING_FROM,
  FP_BEARING_TO,
  FP_LAT,
  FP_LON,
  FP_RADIUS,
  type PackedFootprints,
} from '../../src/core/coverage/packed-footprints.ts';
import type { ReferenceFootprint } from '../helpers/exact-reference.ts';

/** One broadband footprint as plain numbers: a disk when `from` is NaN, else the sector `from` → `to` clockwise. */
export interface PlainFootprint {
  lon: number;
  lat: number;
  radiusM: number;
  from: number;
  to: number;
}

/** The lon/lat box of a village geometry. */
export function geometryBox(g: MultiPolygonCoords): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const poly of g)
    for (const ring of poly)
      for (const [x, y] of ring) {
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
  return [minX, minY, maxX, maxY];
}

/**
 * Finds the footprints whose boxes meet a village's box (the engine's own packed index, so every
 * method in the benchmark sees the same candidate footprints).
 */
export class FootprintLookup {
  private readonly index: Flatbush | null;

  constructor(private readonly fp: PackedFootprints) {
    this.index = fp.index ? Flatbush.from(fp.index) : null;
  }

  near(geometry: MultiPolygonCoords): PlainFootprint[] {
    if (!this.index) return [];
    const [a, b, c, d] = geometryBox(geometry);
    const pad = 1e-6;
    return this.index.search(a - pad, b - pad, c + pad, d + pad).map((f) => {
      const o = f * FOOTPRINT_STRIDE;
      const data = this.fp.data;
      return { lon: data[o + FP_LON], lat: data[o + FP_LAT], radiusM: data[o + FP_RADIUS], from: data[o + FP_BEARING_FROM], to: data[o + FP_BEARING_TO] };
    });
  }
}

/** As the exact reference takes it: azimuth at the middle of the sector, beamwidth its opening. */
export function toReference(f: PlainFootprint): ReferenceFootprint {
  if (Number.isNaN(f.from)) return { lon: f.lon, lat: f.lat, radiusM: f.radiusM, azimuthDeg: null, beamwidthDeg: null };
  const open = (((f.to - f.from) % 360) + 360) % 360;
  return { lon: f.lon, lat: f.lat, radiusM: f.radiusM, azimuthDeg: f.from + open / 2, beamwidthDeg: open };
}
