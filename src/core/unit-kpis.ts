import Flatbush from 'flatbush';
import { computeKpis, type KpiOptions, type KpiRow, type Kpis } from './kpis.ts';
import type { MultiPolygonCoords } from './model.ts';
import type { GapRow } from './output/gap-row.ts';
import { bbox, pointInMultiPolygon } from './populated-points.ts';
import type { PhysicalSites } from './sharing/physical-sites.ts';

/**
 * KPIs per administrative unit, at whatever levels the villages carry: province → district →
 * commune before July 2025, province → commune since (no districts), or none at all (any polygon
 * layer). A unit is named by its path from the top present level ("Kon Tum" › "Huyện Đắk Hà"), so
 * two communes of one name in different districts stay apart. Pure (no DOM).
 */

export const ADMIN_LEVELS = ['province', 'district', 'commune'] as const;
export type AdminLevel = (typeof ADMIN_LEVELS)[number];

/** Villages without a name at a level are grouped under this value (shown as "none given"). */
export const NO_UNIT = '';

/** The KPI view of a gap-list row. */
export function kpiRowOf(row: GapRow): KpiRow {
  return {
    gap: row.gap,
    mobileCovered: row.mobile_covered,
    ftthCovered: row.ftth_covered,
    ftthFraction: row.ftth_fraction,
    households: row.households,
    population: row.population,
    signalClass: row.signal_class,
  };
}

/** The levels some village names, top down (empty: the villages carry no administrative names). */
export function presentLevels(rows: readonly GapRow[]): AdminLevel[] {
  return ADMIN_LEVELS.filter((level) => rows.some((r) => r[level] !== null && r[level] !== ''));
}

/**
 * The levels worth choosing from, top down: the present ones, less the leading levels on which
 * every village has the same name (one province's villages: district and commune, not province).
 */
export function branchingLevels(rows: readonly GapRow[]): AdminLevel[] {
  const levels = presentLevels(rows);
  while (levels.length > 0) {
    const first = rows.length > 0 ? (rows[0][levels[0]] ?? NO_UNIT) : NO_UNIT;
    if (rows.some((r) => (r[levels[0]] ?? NO_UNIT) !== first)) break;
    levels.shift();
  }
  return levels;
}

/** Distinct province names of the villages, sorted in Vietnamese order. */
export function provincesOf(rows: Iterable<{ province: string | null }>): string[] {
  const set = new Set<string>();
  for (const r of rows) if (r.province) set.add(r.province);
  return [...set].sort(new Intl.Collator('vi').compare);
}

/** Where each physical site stands (the village containing it, −1 outside every village) and whether it is shared. */
export interface SitePlacement {
  village: Int32Array;
  shared: Uint8Array;
}

/**
 * The village each physical site stands in (index into `geometries`, −1 when outside every
 * village), found through a Flatbush index of the village boxes, and whether two or more
 * operators use it. A unit's sharing ratio counts the sites standing in its villages.
 */
export function placeSites(sites: PhysicalSites['sites'], geometries: readonly MultiPolygonCoords[]): SitePlacement {
  const village = new Int32Array(sites.length).fill(-1);
  const shared = Uint8Array.from(sites, (s) => (s.operators.length >= 2 ? 1 : 0));
  if (geometries.length === 0 || sites.length === 0) return { village, shared };
  const index = new Flatbush(geometries.length);
  for (const g of geometries) {
    const [minX, minY, maxX, maxY] = bbox(g);
    // An empty (invalid) geometry gets a box no point falls in.
    if (Number.isFinite(minX)) index.add(minX, minY, maxX, maxY);
    else index.add(Infinity, Infinity, Infinity, Infinity);
  }
  index.finish();
  sites.forEach((s, k) => {
    for (const v of index.search(s.lon, s.lat, s.lon, s.lat)) {
      if (pointInMultiPolygon(s.lon, s.lat, geometries[v])) {
        village[k] = v;
        return;
      }
    }
  });
  return { village, shared };
}

/** One unit's numbers. */
export interface UnitKpis {
  level: AdminLevel;
  /** Its name at its level (NO_UNIT when its villages give none). */
  name: string;
  /** Names from the top branching level down to this one (the last is `name`). */
  path: string[];
  /** Indexes of its villages in the gap list. */
  villages: number[];
  kpis: Kpis;
}

/**
 * The administrative view of a gap list: its branching levels, and the units one level below a
 * chosen unit, each with `computeKpis` over its villages and the sharing ratio over the sites
 * standing in them. Groupings are computed when first asked for and kept.
 */
export interface AdminUnits {
  /** See {@link branchingLevels}. */
  levels: AdminLevel[];
  /** The units directly below `path` (a prefix of names down the levels; [] is the whole set), sorted by name; [] below the last level. */
  children(path: readonly string[]): UnitKpis[];
  /** The unit at `path` (null for [] or a path that names no unit). */
  unit(path: readonly string[]): UnitKpis | null;
}

/** Builds the view of `rows`; `sites` (see {@link placeSites}) gives each unit its sharing ratio, else every unit has 0 sites. */
export function adminUnits(rows: readonly GapRow[], options: KpiOptions & { sites?: SitePlacement }): AdminUnits {
  const levels = branchingLevels(rows);
  const cache = new Map<string, UnitKpis[]>();
  const collator = new Intl.Collator('vi');
  /** Physical and shared sites standing in each group's villages (one pass over the sites). */
  const siteCounts = (groups: readonly number[][]): { physical: number; shared: number }[] => {
    const counts = groups.map(() => ({ physical: 0, shared: 0 }));
    const placement = options.sites;
    if (!placement) return counts;
    const groupOf = new Int32Array(rows.length).fill(-1);
    groups.forEach((villages, g) => {
      for (const v of villages) groupOf[v] = g;
    });
    placement.village.forEach((v, k) => {
      const g = v < 0 ? -1 : groupOf[v];
      if (g < 0) return;
      counts[g].physical++;
      counts[g].shared += placement.shared[k];
    });
    return counts;
  };
  const children = (path: readonly string[]): UnitKpis[] => {
    if (path.length >= levels.length) return [];
    const key = JSON.stringify(path);
    const hit = cache.get(key);
    if (hit) return hit;
    const level = levels[path.length];
    const groups = new Map<string, number[]>();
    rows.forEach((r, i) => {
      for (let k = 0; k < path.length; k++) if ((r[levels[k]] ?? NO_UNIT) !== path[k]) return;
      const name = r[level] ?? NO_UNIT;
      let list = groups.get(name);
      if (!list) groups.set(name, (list = []));
      list.push(i);
    });
    const sorted = [...groups.entries()].sort(([a], [b]) => collator.compare(a, b));
    const sites = siteCounts(sorted.map(([, villages]) => villages));
    const units = sorted.map(([name, villages], g) => ({
      level,
      name,
      path: [...path, name],
      villages,
      kpis: computeKpis(villages.map((i) => kpiRowOf(rows[i])), sites[g], options),
    }));
    cache.set(key, units);
    return units;
  };
  return {
    levels,
    children,
    unit(path) {
      if (path.length === 0) return null;
      return children(path.slice(0, -1)).find((u) => u.name === path[path.length - 1]) ?? null;
    },
  };
}
