import type { GeoPosition } from '../geojson-types.ts';
import { crsFromEpsg, tm3CodeFor, VN2000_TM3_ZONES } from './crs-registry.ts';
import { PROVINCE_ZONES, type ProvinceZone } from './province-zones.ts';
import { toWgs84 } from './reproject.ts';

/**
 * Coordinates in metres without a declared CRS are never guessed silently: the app asks, the CLI
 * wants `--crs`. This module ranks the answers to offer. Every VN-2000 TM-3 zone has false easting
 * 500 000 m, so the same numbers fall in a different place in each zone; the likely zone is one in
 * which the data falls inside a province that uses that zone's central meridian (Circular
 * 973/2001/TT-TCĐC). Zones that put the data elsewhere in Vietnam come next, then UTM.
 */

export interface ZoneCandidate {
  /** "EPSG:9216". */
  code: string;
  name: string;
  /** The province whose zone this is and in which the data would fall, or null. */
  province: string | null;
  /** 2: in a province of this zone; 1: somewhere in Vietnam; 0: outside Vietnam. */
  fit: 0 | 1 | 2;
}

/** Codes offered, in the order of the list: provincial and national TM-3, then UTM. */
const OFFERED = [...Object.keys(VN2000_TM3_ZONES).map(Number), 3405, 3406, 32648, 32649];

/**
 * The CRS codes to offer for projected `positions` (a sample of the file's coordinates), best first.
 * Each zone is scored by the share of the positions that, read in that zone, fall inside a province
 * using that zone (simplified 2009 outlines), plus how well the data's extent matches that
 * province's (intersection over union of the boxes): a layer made for a province lies in it and
 * spans much of it, while shifted by the difference of two meridians (25–110 km) it leaves the
 * neighbour, or sits in a corner of a much larger province.
 */
export function rankZones(positions: readonly GeoPosition[]): ZoneCandidate[] {
  const sample = positions.length > MAX_SAMPLE ? positions.filter((_, i) => i % Math.ceil(positions.length / MAX_SAMPLE) === 0) : positions;
  const scored: (ZoneCandidate & { score: number })[] = [];
  for (const code of OFFERED) {
    const def = crsFromEpsg(code);
    if (def === null) continue;
    const transform = toWgs84(def);
    const tm3 = VN2000_TM3_ZONES[code];
    let inOwn = 0;
    let inVietnam = 0;
    const hits = new Map<PreparedProvince, number>();
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    for (const p of sample) {
      const [lon, lat] = transform(p[0], p[1]);
      box[0] = Math.min(box[0], lon);
      box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lon);
      box[3] = Math.max(box[3], lat);
      const holder = PREPARED.find((z) => inProvince(z, lon, lat));
      if (holder === undefined) continue;
      inVietnam++;
      if (tm3 !== undefined && holder.meridian === tm3.lon0) {
        inOwn++;
        hits.set(holder, (hits.get(holder) ?? 0) + 1);
      }
    }
    const n = Math.max(1, sample.length);
    const share = inOwn / n;
    const province = [...hits].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    const fit: 0 | 1 | 2 = share >= 0.5 ? 2 : inVietnam / n >= 0.5 ? 1 : 0;
    const score = share + (province === null ? 0 : overlap(box, province.box));
    scored.push({ code: `EPSG:${code}`, name: def.name, province: fit === 2 && province !== null ? province.name : null, fit, score });
  }
  // Stable: within a fit, the higher score first, then the order of OFFERED.
  return scored
    .sort((a, b) => b.fit - a.fit || b.score - a.score)
    .map(({ score: _score, ...z }) => z);
}

/** How many positions the ranking looks at. */
const MAX_SAMPLE = 500;

interface PreparedProvince extends ProvinceZone {
  box: [number, number, number, number];
}

const PREPARED: PreparedProvince[] = PROVINCE_ZONES.map((p) => {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of p.rings) {
    for (let i = 0; i < ring.length; i += 2) {
      box[0] = Math.min(box[0], ring[i]);
      box[1] = Math.min(box[1], ring[i + 1]);
      box[2] = Math.max(box[2], ring[i]);
      box[3] = Math.max(box[3], ring[i + 1]);
    }
  }
  return { ...p, box };
});

/**
 * The VN-2000 TM-3 zone of the province in which most of `positions` (WGS 84 longitude/latitude)
 * lie, for writing an export in the province's own system; null when they lie in no province.
 */
export function provinceZone(positions: readonly GeoPosition[]): { code: string; province: string } | null {
  const counts = new Map<PreparedProvince, number>();
  const step = Math.max(1, Math.ceil(positions.length / MAX_SAMPLE));
  for (let i = 0; i < positions.length; i += step) {
    const holder = PREPARED.find((z) => inProvince(z, positions[i][0], positions[i][1]));
    if (holder !== undefined) counts.set(holder, (counts.get(holder) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (best === undefined) return null;
  const code = tm3CodeFor(best.meridian);
  return code === null ? null : { code: `EPSG:${code}`, province: best.name };
}

/** Intersection over union of two boxes [minX, minY, maxX, maxY]. */
function overlap(a: readonly number[], b: readonly number[]): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
}

/** Whether (lon, lat) lies inside one of the province's outer rings (even-odd rule). */
function inProvince(province: PreparedProvince, lon: number, lat: number): boolean {
  const b = province.box;
  if (lon < b[0] || lon > b[2] || lat < b[1] || lat > b[3]) return false;
  for (const ring of province.rings) {
    let inside = false;
    for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
      const xi = ring[i];
      const yi = ring[i + 1];
      const xj = ring[j];
      const yj = ring[j + 1];
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
    if (inside) return true;
  }
  return false;
}
