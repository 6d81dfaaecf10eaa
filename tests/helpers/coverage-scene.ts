import { mulberry32 } from '../../src/core/random.ts';
import { geodesicDirect } from '../../src/core/geo/geodesic.ts';
import type { BtsRecord, MultiPolygonCoords, Position, Tech, VillageRecord } from '../../src/core/model.ts';

/** Seeded random scenes for the coverage tests and measurements (deterministic for a seed). */

/** mulberry32 (the core's), under the name the tests use. */
export const seededRandom = mulberry32;

/** A point `distanceM` from (lon, lat) along `bearingDeg` (geodesic). */
export function offset(lon: number, lat: number, bearingDeg: number, distanceM: number): Position {
  return geodesicDirect(lon, lat, bearingDeg, distanceM);
}

/**
 * A random star-shaped ("convex-ish") village of `vertices` vertices whose radius varies in
 * [0.5, 1] · `radiusM` around (lon, lat), optionally with a square hole around the centre.
 */
export function randomVillageGeometry(
  rnd: () => number,
  lon: number,
  lat: number,
  radiusM: number,
  options: { vertices?: number; hole?: boolean } = {},
): MultiPolygonCoords {
  const n = options.vertices ?? 8 + Math.floor(rnd() * 24);
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const bearing = (360 * (i + 0.8 * rnd())) / n;
    ring.push(offset(lon, lat, -bearing, radiusM * (0.5 + 0.5 * rnd())));
  }
  ring.push(ring[0]);
  const poly: Position[][] = [ring];
  if (options.hole) {
    const h = radiusM * 0.2;
    const hole = [45, 135, 225, 315].map((b) => offset(lon, lat, b, h * Math.SQRT2));
    hole.push(hole[0]);
    poly.push(hole);
  }
  return [poly];
}

/** A village record with the given geometry and defaults for everything else. */
export function villageRecord(id: string, geometry: MultiPolygonCoords, centre: Position | null = null): VillageRecord {
  return { id, name: id, commune: null, district: null, province: null, population: null, households: null, centre, geometry };
}

/** A village that is a lon/lat square of side `d` degrees from (lon, lat), with `extra` fields. */
export function squareVillage(id: string, lon: number, lat: number, d: number, extra: Partial<VillageRecord> = {}): VillageRecord {
  return { ...villageRecord(id, [[[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]]]), ...extra };
}

/** A BTS record with defaults: 4G disk of the given radius. */
export function btsRecord(
  id: string,
  lon: number,
  lat: number,
  fields: Partial<Omit<BtsRecord, 'id' | 'lon' | 'lat'>> = {},
): BtsRecord {
  return {
    id,
    siteId: fields.siteId ?? id,
    operator: fields.operator ?? 'A',
    tech: fields.tech ?? ('4G' as Tech),
    lon,
    lat,
    radiusM: fields.radiusM ?? null,
    azimuthDeg: fields.azimuthDeg ?? null,
    beamwidthDeg: fields.beamwidthDeg ?? null,
    heightM: fields.heightM ?? null,
    bandMhz: fields.bandMhz ?? null,
    source: fields.source ?? 'predicted',
  };
}

export interface SceneOptions {
  lon: number;
  lat: number;
  /** Sites are placed within this distance of (lon, lat). */
  spreadM: number;
  sites: number;
  /** Share of sites with three 120° sectors (default 0.3). */
  sectorShare?: number;
  /** Share of sites also carried by a second operator with the same footprint (default 0.2). */
  sharedShare?: number;
  minRadiusM?: number;
  maxRadiusM?: number;
}

/** Random broadband sites around a point: disks, three-sector masts, wide sectors, shared masts. */
export function randomSites(rnd: () => number, o: SceneOptions): BtsRecord[] {
  const out: BtsRecord[] = [];
  const operators = ['Viettel', 'VinaPhone', 'MobiFone'];
  const minR = o.minRadiusM ?? 800;
  const maxR = o.maxRadiusM ?? 5000;
  for (let s = 0; s < o.sites; s++) {
    const [lon, lat] = offset(o.lon, o.lat, rnd() * 360, o.spreadM * Math.sqrt(rnd()));
    const radiusM = Math.round(minR + rnd() * (maxR - minR));
    const operator = operators[Math.floor(rnd() * operators.length)];
    const tech: Tech = rnd() < 0.8 ? '4G' : '5G';
    const kind = rnd();
    const records: BtsRecord[] = [];
    if (kind < (o.sectorShare ?? 0.3)) {
      const az = Math.round(rnd() * 360);
      for (let k = 0; k < 3; k++) {
        records.push(btsRecord(`s${s}-${k}`, lon, lat, { siteId: `s${s}`, operator, tech, radiusM: k === 1 ? Math.round(radiusM * 0.8) : radiusM, azimuthDeg: az + 120 * k, beamwidthDeg: 120 }));
      }
    } else if (kind < (o.sectorShare ?? 0.3) + 0.1) {
      records.push(btsRecord(`s${s}`, lon, lat, { operator, tech, radiusM, azimuthDeg: rnd() * 360, beamwidthDeg: 30 + Math.round(rnd() * 300) }));
    } else {
      records.push(btsRecord(`s${s}`, lon, lat, { operator, tech, radiusM }));
    }
    out.push(...records);
    if (rnd() < (o.sharedShare ?? 0.2)) {
      const other = operators[(operators.indexOf(operator) + 1) % operators.length];
      for (const r of records) out.push({ ...r, id: `${r.id}-shared`, operator: other });
    }
  }
  return out;
}
