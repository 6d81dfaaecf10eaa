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

/** Records of one `site_id`: its position (the mean of its records') and its operators. */
interface IdSite {
  id: string;
  lon: number;
  lat: number;
  operators: Set<string>;
}

/**
 * Group BTS records into physical sites, in two steps:
 * 1. records with the same `site_id` are one site (an OpenCelliD LTE eNodeB's cells, for one);
 *    its position is the mean of its records' (the records' own when they agree);
 * 2. sites of different operators whose positions lie within `mergeM` metres of a first site are
 *    joined to it (operators rarely declare a common site id for a shared mast). Each join is
 *    measured from that first site, never from a site joined before, so a dense city never chains
 *    into one "mast" kilometres wide; a site joins only where none of its operators is already, as
 *    one operator does not hang two installations on one mast. Sites are taken in input order,
 *    each joining the nearest first site that accepts it.
 */
export function groupPhysicalSites(bts: readonly BtsRecord[], mergeM: number): PhysicalSites {
  const idSites: IdSite[] = [];
  const idSiteOfRecord = new Int32Array(bts.length);
  const byId = new Map<string, number>();
  const sums: { lon: number; lat: number; n: number; same: boolean }[] = [];
  bts.forEach((b, i) => {
    let k = byId.get(b.siteId);
    if (k === undefined) {
      k = idSites.length;
      byId.set(b.siteId, k);
      idSites.push({ id: b.siteId, lon: b.lon, lat: b.lat, operators: new Set() });
      sums.push({ lon: 0, lat: 0, n: 0, same: true });
    }
    idSiteOfRecord[i] = k;
    const site = idSites[k];
    site.operators.add(b.operator);
    const sum = sums[k];
    sum.lon += b.lon;
    sum.lat += b.lat;
    sum.n++;
    if (b.lon !== site.lon || b.lat !== site.lat) sum.same = false;
  });
  idSites.forEach((site, k) => {
    if (sums[k].same) return;
    site.lon = sums[k].lon / sums[k].n;
    site.lat = sums[k].lat / sums[k].n;
  });

  const groupOf = joinNearby(idSites, mergeM);
  const siteOfRecord = new Int32Array(bts.length);
  const sites: PhysicalSites['sites'] = [];
  const groupToSite = new Map<number, number>();
  const opSets: Set<string>[] = [];
  bts.forEach((_, i) => {
    const k = idSiteOfRecord[i];
    const first = groupOf[k];
    let s = groupToSite.get(first);
    if (s === undefined) {
      s = sites.length;
      groupToSite.set(first, s);
      sites.push({ id: idSites[first].id, lon: idSites[first].lon, lat: idSites[first].lat, operators: [] });
      opSets.push(new Set());
    }
    siteOfRecord[i] = s;
    for (const op of idSites[k].operators) opSets[s].add(op);
  });
  let sharedCount = 0;
  sites.forEach((site, s) => {
    site.operators = [...opSets[s]].sort();
    if (site.operators.length >= 2) sharedCount++;
  });
  return { siteOfRecord, sites, sharedCount };
}

/** For each id-site, the id-site it is joined to (itself when it is a first site); see {@link groupPhysicalSites}. */
function joinNearby(idSites: readonly IdSite[], mergeM: number): Int32Array {
  const n = idSites.length;
  const groupOf = new Int32Array(n).map((_, i) => i);
  if (!(mergeM > 0) || n < 2) return groupOf;
  const index = new KDBush(n);
  for (const s of idSites) index.add(s.lon, s.lat);
  index.finish();
  const joined = new Uint8Array(n);
  const operators = idSites.map((s) => new Set(s.operators));
  const distance2 = (a: IdSite, b: IdSite, k: { x: number; y: number }): number => {
    const dx = (b.lon - a.lon) * k.x;
    const dy = (b.lat - a.lat) * k.y;
    return dx * dx + dy * dy;
  };
  for (let i = 0; i < n; i++) {
    if (joined[i]) continue;
    const first = idSites[i];
    const k = metresPerDegree(first.lat);
    // Later sites within the circle, nearest first: a box that encloses it, then the true distance.
    const near = index
      .range(first.lon - mergeM / k.x, first.lat - mergeM / k.y, first.lon + mergeM / k.x, first.lat + mergeM / k.y)
      .filter((j) => j > i && !joined[j] && distance2(first, idSites[j], k) <= mergeM * mergeM)
      .sort((a, b) => distance2(first, idSites[a], k) - distance2(first, idSites[b], k) || a - b);
    for (const j of near) {
      if ([...idSites[j].operators].some((op) => operators[i].has(op))) continue;
      for (const op of idSites[j].operators) operators[i].add(op);
      groupOf[j] = i;
      joined[j] = 1;
    }
  }
  return groupOf;
}
