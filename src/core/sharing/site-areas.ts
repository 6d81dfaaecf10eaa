import Flatbush from 'flatbush';
import { metresPerDegree, pointSegmentMetres } from '../ftth/local-metric.ts';
import type { VillageRecord } from '../model.ts';
import { bbox, pointInMultiPolygon } from '../populated-points.ts';
import type { PhysicalSites } from './physical-sites.ts';

/** Sites shared by two or more operators, over all sites, for one area. */
export interface SharingRatio {
  /** District or province name ("" when the villages do not say). */
  name: string;
  physicalSites: number;
  sharedSites: number;
  /** shared ÷ physical (0–1); null when the area has no site. */
  ratio: number | null;
}

export interface SharingByArea {
  /** For each physical site, the village it belongs to (−1 when there are no villages). */
  villageOfSite: Int32Array;
  districts: SharingRatio[];
  provinces: SharingRatio[];
  total: SharingRatio;
}

/** Candidates examined for the nearest village of a site outside every village. */
const NEAREST_BOXES = 8;

/**
 * The village each physical site belongs to: the one containing it, else the nearest (distance to
 * the polygon's edges in a local metric), among villages that are not invalid.
 */
export function villageOfSites(sites: PhysicalSites, villages: readonly VillageRecord[]): Int32Array {
  const out = new Int32Array(sites.sites.length).fill(-1);
  const usable = villages.map((v, i) => i).filter((i) => !villages[i].invalidReason && villages[i].geometry.length > 0);
  if (usable.length === 0) return out;
  const index = new Flatbush(usable.length);
  for (const i of usable) {
    const b = bbox(villages[i].geometry);
    index.add(b[0], b[1], b[2], b[3]);
  }
  index.finish();
  sites.sites.forEach((s, k) => {
    for (const j of index.search(s.lon, s.lat, s.lon, s.lat)) {
      if (pointInMultiPolygon(s.lon, s.lat, villages[usable[j]].geometry)) {
        out[k] = usable[j];
        return;
      }
    }
    let best = Infinity;
    const m = metresPerDegree(s.lat);
    for (const j of index.neighbors(s.lon, s.lat, NEAREST_BOXES)) {
      const d = distanceToPolygon(s.lon, s.lat, villages[usable[j]], m);
      if (d < best || (d === best && usable[j] < out[k])) {
        best = d;
        out[k] = usable[j];
      }
    }
  });
  return out;
}

function distanceToPolygon(lon: number, lat: number, village: VillageRecord, m: { x: number; y: number }): number {
  let best = Infinity;
  for (const poly of village.geometry) {
    for (const ring of poly) {
      for (let i = 1; i < ring.length; i++) {
        const d = pointSegmentMetres(lon, lat, ring[i - 1][0], ring[i - 1][1], ring[i][0], ring[i][1], m);
        if (d < best) best = d;
      }
    }
  }
  return best;
}

/**
 * The sharing ratio per district and per province: a site belongs to the district (and province) of
 * the village containing it, else of the nearest village.
 */
export function sharingByArea(sites: PhysicalSites, villages: readonly VillageRecord[]): SharingByArea {
  const villageOfSite = villageOfSites(sites, villages);
  const tally = (key: (v: VillageRecord | null) => string): SharingRatio[] => {
    const map = new Map<string, { physical: number; shared: number }>();
    sites.sites.forEach((s, k) => {
      const v = villageOfSite[k] >= 0 ? villages[villageOfSite[k]] : null;
      const name = key(v);
      const t = map.get(name) ?? { physical: 0, shared: 0 };
      t.physical++;
      if (s.operators.length >= 2) t.shared++;
      map.set(name, t);
    });
    return [...map]
      .sort(([a], [b]) => a.localeCompare(b, 'vi'))
      .map(([name, t]) => ({ name, physicalSites: t.physical, sharedSites: t.shared, ratio: t.physical > 0 ? t.shared / t.physical : null }));
  };
  const total = sites.sites.length;
  return {
    villageOfSite,
    districts: tally((v) => v?.district ?? ''),
    provinces: tally((v) => v?.province ?? ''),
    total: { name: '', physicalSites: total, sharedSites: sites.sharedCount, ratio: total > 0 ? sites.sharedCount / total : null },
  };
}
