import Flatbush from 'flatbush';
import { computeKpis, type KpiRow, type Kpis } from './kpis.ts';
import type { MultiPolygonCoords } from './model.ts';
import type { GapRow } from './output/gap-row.ts';
import type { PhysicalSites } from './sharing/physical-sites.ts';

/** Households in villages with fibre within reach, and all households (for the plan target on households). */
export interface HouseholdTotals {
  total: number;
  reached: number;
}

/**
 * KPIs per district: `computeKpis` on each district's villages, with the sharing ratio over the
 * physical sites standing in that district's villages. Pure (no DOM).
 */

/** One district's numbers. */
export interface DistrictKpis {
  district: string;
  /** Indexes of its villages in the gap list. */
  villages: number[];
  kpis: Kpis;
  households: HouseholdTotals;
}

/** Villages without a district are grouped under this key (shown as "no district"). */
export const NO_DISTRICT = '';

/** The KPI view of a gap-list row. */
export function kpiRowOf(row: GapRow): KpiRow {
  return {
    gap: row.gap,
    mobileCovered: row.mobile_covered,
    ftthCovered: row.ftth_covered,
    ftthFraction: row.ftth_fraction ?? 0,
    households: row.households,
    population: row.population,
    signalClass: row.signal_class,
  };
}

/** Households (else population) and the part fibre reaches, weighted as `computeKpis` does. */
export function householdTotals(rows: readonly GapRow[], indexes?: readonly number[]): HouseholdTotals {
  let total = 0;
  let reached = 0;
  const visit = (r: GapRow): void => {
    const w = r.households ?? r.population ?? 0;
    total += w;
    reached += w * (r.ftth_fraction ?? 0);
  };
  if (indexes) for (const i of indexes) visit(rows[i]);
  else rows.forEach(visit);
  return { total, reached };
}

/** True when (x, y) is inside the multipolygon (even–odd over all rings, so holes are outside). */
export function pointInMultiPolygon(x: number, y: number, coords: MultiPolygonCoords): boolean {
  let inside = false;
  for (const polygon of coords) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

/**
 * The village each physical site stands in (index into `geometries`, −1 when outside every
 * village), found through a Flatbush index of the village boxes.
 */
export function villageOfSites(sites: PhysicalSites['sites'], geometries: readonly MultiPolygonCoords[]): Int32Array {
  const out = new Int32Array(sites.length).fill(-1);
  if (geometries.length === 0 || sites.length === 0) return out;
  const index = new Flatbush(geometries.length);
  for (const g of geometries) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const polygon of g) {
      for (const [x, y] of polygon[0] ?? []) {
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, y);
      }
    }
    // An empty (invalid) geometry gets a box no point falls in.
    if (Number.isFinite(minX)) index.add(minX, minY, maxX, maxY);
    else index.add(Infinity, Infinity, Infinity, Infinity);
  }
  index.finish();
  sites.forEach((s, k) => {
    for (const v of index.search(s.lon, s.lat, s.lon, s.lat)) {
      if (pointInMultiPolygon(s.lon, s.lat, geometries[v])) {
        out[k] = v;
        return;
      }
    }
  });
  return out;
}

/**
 * KPIs per district, sorted by district name (Vietnamese collation). With `sites` and
 * `geometries`, each district's sharing ratio counts the physical sites inside its villages.
 */
export function districtKpis(
  rows: readonly GapRow[],
  options: { sites?: PhysicalSites['sites']; geometries?: readonly MultiPolygonCoords[] } = {},
): DistrictKpis[] {
  const groups = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const key = r.district ?? NO_DISTRICT;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(i);
  });
  const siteCounts = new Map<string, { physical: number; shared: number }>();
  if (options.sites && options.geometries) {
    const where = villageOfSites(options.sites, options.geometries);
    options.sites.forEach((s, k) => {
      if (where[k] < 0) return;
      const key = rows[where[k]]?.district ?? NO_DISTRICT;
      const c = siteCounts.get(key) ?? { physical: 0, shared: 0 };
      c.physical++;
      if (s.operators.length >= 2) c.shared++;
      siteCounts.set(key, c);
    });
  }
  const collator = new Intl.Collator('vi');
  return [...groups.entries()]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([district, villages]) => ({
      district,
      villages,
      kpis: computeKpis(villages.map((i) => kpiRowOf(rows[i])), siteCounts.get(district) ?? { physical: 0, shared: 0 }),
      households: householdTotals(rows, villages),
    }));
}
