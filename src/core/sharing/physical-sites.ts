import KDBush from 'kdbush';
import type { BtsRecord } from '../model.ts';
import { metresPerDegree } from '../ftth/local-metric.ts';

/** BTS records grouped into physical sites (masts). */
export interface PhysicalSites {
  /** For each BTS record, the index of its physical site. */
  siteOfRecord: Int32Array;
  sites: { id: string; lon: number; lat: number; operators: string[] }[];
  /** Sites used by two or more operators. */
  sharedCount: number;
}

/**
 * Group BTS records into physical sites: records with the same `site_id` are one site, and records
 * of different operators closer than `mergeM` metres are joined too (operators rarely declare a
 * common site id for a shared mast).
 */
export function groupPhysicalSites(bts: readonly BtsRecord[], mergeM: number): PhysicalSites {
  const n = bts.length;
  const parent = new Int32Array(n).map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const bySiteId = new Map<string, number>();
  bts.forEach((b, i) => {
    const first = bySiteId.get(b.siteId);
    if (first === undefined) bySiteId.set(b.siteId, i);
    else union(first, i);
  });
  if (mergeM > 0 && n > 1) {
    const index = new KDBush(n);
    for (const b of bts) index.add(b.lon, b.lat);
    index.finish();
    bts.forEach((b, i) => {
      const k = metresPerDegree(b.lat);
      // Search a box that encloses the merge circle, then test the true distance.
      for (const j of index.range(b.lon - mergeM / k.x, b.lat - mergeM / k.y, b.lon + mergeM / k.x, b.lat + mergeM / k.y)) {
        if (j <= i || bts[j].operator === b.operator) continue;
        const dx = (bts[j].lon - b.lon) * k.x;
        const dy = (bts[j].lat - b.lat) * k.y;
        if (dx * dx + dy * dy <= mergeM * mergeM) union(i, j);
      }
    });
  }
  const siteOfRecord = new Int32Array(n);
  const rootToSite = new Map<number, number>();
  const sites: PhysicalSites['sites'] = [];
  const opSets: Set<string>[] = [];
  bts.forEach((b, i) => {
    const root = find(i);
    let s = rootToSite.get(root);
    if (s === undefined) {
      s = sites.length;
      rootToSite.set(root, s);
      sites.push({ id: bts[root].siteId, lon: bts[root].lon, lat: bts[root].lat, operators: [] });
      opSets.push(new Set());
    }
    siteOfRecord[i] = s;
    opSets[s].add(b.operator);
  });
  let sharedCount = 0;
  sites.forEach((site, s) => {
    site.operators = [...opSets[s]].sort();
    if (site.operators.length >= 2) sharedCount++;
  });
  return { siteOfRecord, sites, sharedCount };
}
