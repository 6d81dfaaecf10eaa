import type { BtsRecord } from '../model.ts';
import type { FootprintParams } from '../params.ts';

/**
 * The footprint rule, once: which BTS records count as broadband under the assumptions, their
 * radius, and whether each is a sector or a disk. The engine packs what it returns
 * (packed-footprints.ts), the village details subtract it (uncovered-area.ts) and the map draws it
 * (src/map/bts-footprints.ts), so what is drawn is what was computed.
 */

/** One broadband footprint: a geodesic disk, or a sector when `azimuthDeg` is set. */
export interface Footprint {
  lon: number;
  lat: number;
  radiusM: number;
  /** Centre bearing of the sector, clockwise from north; null for a disk. */
  azimuthDeg: number | null;
  /** Full opening angle of the sector (below 360°); null for a disk. */
  beamwidthDeg: number | null;
}

/** A broadband record that cannot make a footprint, and why (kept in the analysis's report). */
export interface SkippedFootprint {
  skipped: string;
}

/** Narrowest sector that is kept as a sector (degrees); narrower ones cover nothing useful. */
const MIN_BEAMWIDTH_DEG = 1e-3;

/**
 * The footprint of `b` under `params`: null when its technology is not counted as broadband; a
 * reason when it cannot be drawn (no usable position, radius or opening); else `radiusM` exactly
 * when the record gives it, the technology's default otherwise, and a sector when sectors are on
 * and the record has an azimuth and a beamwidth below 360°.
 */
export function footprintOf(b: BtsRecord, params: FootprintParams): Footprint | SkippedFootprint | null {
  if (!params.broadbandTechs.includes(b.tech)) return null;
  const radiusM = b.radiusM ?? params.radiusM[b.tech];
  if (!Number.isFinite(b.lon) || !Number.isFinite(b.lat) || Math.abs(b.lat) > 89) {
    return { skipped: `position (${b.lon}, ${b.lat}) is not a usable lon/lat` };
  }
  if (!(radiusM > 0) || !Number.isFinite(radiusM)) return { skipped: `radius ${radiusM} m is not a positive number` };
  const { azimuthDeg, beamwidthDeg } = b;
  if (params.sectors && azimuthDeg !== null && beamwidthDeg !== null && Number.isFinite(azimuthDeg)) {
    if (!(beamwidthDeg >= MIN_BEAMWIDTH_DEG)) return { skipped: `beamwidth ${beamwidthDeg}° is not a positive opening` };
    if (beamwidthDeg < 360) return { lon: b.lon, lat: b.lat, radiusM, azimuthDeg, beamwidthDeg };
  }
  return { lon: b.lon, lat: b.lat, radiusM, azimuthDeg: null, beamwidthDeg: null };
}

/** Whether `footprintOf` gave a footprint (not a reason, not null). */
export function isFootprint(f: Footprint | SkippedFootprint | null): f is Footprint {
  return f !== null && !('skipped' in f);
}
