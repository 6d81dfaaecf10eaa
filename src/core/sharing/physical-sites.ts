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
 *    one operator does not hang two installations on one mast. Sites are taken in input order:
 *    each one not yet joined is a first site and takes the later sites that accept it, nearest
 *    first (so a site joins the earliest first site in reach, not always the nearest one).
 */
export function groupPhysicalSites(bts: readonly BtsRecord[], mergeM: number): PhysicalSites {
  const idSites: IdSite[] = [];
  const idSiteOfRecord = new Int32Array(bts.length);
  const byId = new Map<string, number>();
  // Sums for the mean position, and whether a site's records disagree on it.
  const sumLon = new Float64Array(bts.length);
  const sumLat = new Float64Array(bts.length);
  const count = new Int32Array(bts.length);
  const moved = new Uint8Array(bts.length);
  for (let i = 0; i < bts.length; i++) {
    const b = bts[i];
    let k = byId.get(b.siteId);
    if (k === undefined) {
      k = idSites.length;
      byId.set(b.siteId, k);
      idSites.push({ id: b.siteId, lon: b.lon, lat: b.lat, operators: new Set() });
    }
    idSiteOfRecord[i] = k;
    const site = idSites[k];
    site.operators.add(b.operator);
    sumLon[k] += b.lon;
    sumLat[k] += b.lat;
    count[k]++;
    if (b.lon !== site.lon || b.lat !== site.lat) moved[k] = 1;
  }
  idSites.forEach((site, k) => {
    if (!moved[k]) return;
    site.lon = sumLon[k] / count[k];
    site.lat = sumLat[k] / count[k];
  });

  // The first site of each group gathers the group's operators in its own set.
  const groupOf = joinNearby(idSites, mergeM);
  const siteOfRecord = new Int32Array(bts.length);
  const sites: PhysicalSites['sites'] = [];
  const siteOfGroup = new Int32Array(idSites.length).fill(-1);
  for (let i = 0; i < bts.length; i++) {
    const first = groupOf[idSiteOfRecord[i]];
    let s = siteOfGroup[first];
    if (s < 0) {
      s = siteOfGroup[first] = sites.length;
      const site = idSites[first];
      sites.push({ id: site.id, lon: site.lon, lat: site.lat, operators: [...site.operators].sort() });
    }
    siteOfRecord[i] = s;
  }
  let sharedCount = 0;
  for (const site of sites) if (site.operators.length >= 2) sharedCount++;
  return { siteOfRecord, sites, sharedCount };
}

/**
 * For each id-site, the id-site it is joined to (itself when it is a first site); see
 * {@link groupPhysicalSites}. A first site's `operators` grows with those of the sites it takes.
 */
function joinNearby(idSites: readonly IdSite[], mergeM: number): Int32Array {
  const n = idSites.length;
  const groupOf = new Int32Array(n).map((_, i) => i);
  if (!(mergeM > 0) || n < 2) return groupOf;
  const index = new KDBush(n);
  for (const s of idSites) index.add(s.lon, s.lat);
  index.finish();
  const joined = new Uint8Array(n);
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
    const found = index.range(first.lon - mergeM / k.x, first.lat - mergeM / k.y, first.lon + mergeM / k.x, first.lat + mergeM / k.y);
    // Most sites find only themselves.
    if (found.length < 2) continue;
    const near = found
      .filter((j) => j > i && !joined[j] && distance2(first, idSites[j], k) <= mergeM * mergeM)
      .sort((a, b) => distance2(first, idSites[a], k) - distance2(first, idSites[b], k) || a - b);
    for (const j of near) {
      if ([...idSites[j].operators].some((op) => first.operators.has(op))) continue;
      for (const op of idSites[j].operators) first.operators.add(op);
      groupOf[j] = i;
      joined[j] = 1;
    }
  }
  return groupOf;
}
