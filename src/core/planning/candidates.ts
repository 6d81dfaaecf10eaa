import { metresPerDegree } from '../ftth/local-metric.ts';
import type { BtsRecord, Tech } from '../model.ts';
import type { PhysicalSites } from '../sharing/physical-sites.ts';
import type { VillageGeometry } from './village-geometry.ts';
import type { DemSet } from '../terrain/dem-set.ts';

/** "share": this operator's equipment on an existing site of others; "new": a new site. */
export type CandidateKind = 'share' | 'new';

/** Where a candidate's position comes from. */
export type CandidateOrigin = 'existing-site' | 'village-centre' | 'settlement-cluster' | 'grid' | 'high-ground' | 'user';

/**
 * What this operator's equipment on a shared site is:
 * - `operator-default`: an omnidirectional cell of the planning technology with its default radius
 *   (the default: a tenant brings its own antennas, so the host's sector directions and declared
 *   radii, which reflect the host's band and power, say little about the tenant's cell);
 * - `site-own`: a copy of the host's broadband cells at that site (same radius and sectors), for
 *   planners who assume the tenant mirrors the host's configuration.
 */
export type ShareEquipment = 'operator-default' | 'site-own';

/** One possible addition: the BTS records this operator would add, at one position. */
export interface Candidate {
  kind: CandidateKind;
  origin: CandidateOrigin;
  /** The existing physical site's id (share) or a generated one (new). */
  siteId: string;
  lon: number;
  lat: number;
  /** Operators already on the site (share); empty for a new site. */
  hostOperators: string[];
  /** The equipment added, as valid BTS records (what the proposals file will hold). */
  records: BtsRecord[];
}

/** The cell planning adds: technology, radius and antenna height above ground (metres). */
export interface PlannedCell {
  operator: string;
  tech: Tech;
  radiusM: number;
  /** Written on every added record, so the proposals say how high the antenna is (terrain uses it). */
  heightM?: number | null;
}

function record(id: string, siteId: string, cell: PlannedCell, lon: number, lat: number, extra: Partial<BtsRecord> = {}): BtsRecord {
  return {
    id,
    siteId,
    operator: cell.operator,
    tech: cell.tech,
    lon,
    lat,
    radiusM: cell.radiusM,
    azimuthDeg: null,
    beamwidthDeg: null,
    heightM: cell.heightM ?? null,
    bandMhz: null,
    source: 'predicted',
    ...extra,
  };
}

/** A safe id piece from an operator name ("VinaPhone" → "vinaphone"). */
export function operatorSlug(operator: string): string {
  return operator.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'op';
}

/**
 * Existing physical sites this operator is not on, as share candidates, in site order. With
 * `site-own` equipment, a site's broadband cells (`broadbandTechs`) are copied; a site without any
 * falls back to the operator-default cell.
 */
export function shareCandidates(
  bts: readonly BtsRecord[],
  sites: PhysicalSites,
  cell: PlannedCell,
  options: { equipment: ShareEquipment; broadbandTechs: readonly Tech[] },
): Candidate[] {
  const recordsOfSite: number[][] = sites.sites.map(() => []);
  bts.forEach((_, i) => recordsOfSite[sites.siteOfRecord[i]].push(i));
  const slug = operatorSlug(cell.operator);
  const out: Candidate[] = [];
  sites.sites.forEach((site, s) => {
    if (site.operators.includes(cell.operator)) return;
    const idBase = `plan-share-${site.id}-${slug}`;
    let records: BtsRecord[] = [];
    if (options.equipment === 'site-own') {
      const seen = new Set<string>();
      for (const i of recordsOfSite[s]) {
        const b = bts[i];
        if (!options.broadbandTechs.includes(b.tech)) continue;
        const key = `${b.tech}|${b.radiusM}|${b.azimuthDeg}|${b.beamwidthDeg}`;
        if (seen.has(key)) continue;
        seen.add(key);
        records.push(
          record(`${idBase}-${records.length + 1}`, site.id, { ...cell, tech: b.tech, radiusM: b.radiusM ?? cell.radiusM }, site.lon, site.lat, {
            azimuthDeg: b.azimuthDeg,
            beamwidthDeg: b.beamwidthDeg,
            heightM: b.heightM,
            // The same equipment on the same mast: its band too (terrain's path loss reads it).
            bandMhz: b.bandMhz,
          }),
        );
      }
    }
    // A tenant's antenna goes as high as the host's highest (its own default when no height is known).
    let hostHeight = -Infinity;
    for (const i of recordsOfSite[s]) if (bts[i].heightM !== null && bts[i].heightM! > hostHeight) hostHeight = bts[i].heightM!;
    const height = Number.isFinite(hostHeight) ? hostHeight : cell.heightM;
    if (records.length === 0) records = [record(idBase, site.id, { ...cell, heightM: height }, site.lon, site.lat)];
    out.push({ kind: 'share', origin: 'existing-site', siteId: site.id, lon: site.lon, lat: site.lat, hostOperators: site.operators, records });
  });
  return out;
}

/** Which new-site positions to try. */
export interface NewSiteOptions {
  /** Centres (declared, else interior points) of the villages to cover. */
  villageCentres: boolean;
  /** Weighted centroids of settlement points grouped in cells of `clusterM` (default half the radius). */
  settlementClusters: boolean;
  clusterM?: number;
  /** Spacing of a square grid over the villages to cover (metres); null: no grid. */
  gridM: number | null;
  /** New positions closer than this to an earlier one are dropped (metres; default 50). */
  dedupeM?: number;
  /**
   * With an elevation model: the highest post within `highGroundM` (default half the radius) of
   * each village to cover, where a mast sees over the hills around it.
   */
  highGround?: DemSet | null;
  highGroundM?: number;
}

/**
 * New-site candidates for the villages `targets`, in a fixed order: high ground near them (with an
 * elevation model), village centres, then settlement clusters, then grid points (only those whose
 * disk box meets a target village's box). Ids are `plan-new-<slug>-<n>`.
 */
export function newSiteCandidates(
  geom: VillageGeometry,
  targets: readonly number[],
  cell: PlannedCell,
  options: NewSiteOptions,
): Candidate[] {
  const positions: { lon: number; lat: number; origin: CandidateOrigin }[] = [];
  if (options.highGround) {
    const reach = options.highGroundM ?? cell.radiusM / 2;
    for (const v of targets) {
      if (!geom.valid[v]) continue;
      const top = highestPost(options.highGround, geom.box.subarray(v * 4, v * 4 + 4), reach);
      if (top) positions.push({ lon: top[0], lat: top[1], origin: 'high-ground' });
    }
  }
  if (options.villageCentres) {
    for (const v of targets) {
      if (!geom.valid[v]) continue;
      positions.push({ lon: geom.centre[v * 2], lat: geom.centre[v * 2 + 1], origin: 'village-centre' });
    }
  }
  if (options.settlementClusters) {
    const cellM = options.clusterM ?? cell.radiusM / 2;
    for (const v of targets) {
      const clusters = new Map<string, { w: number; x: number; y: number }>();
      const k = metresPerDegree(geom.frameCentre[v * 2 + 1]);
      for (let i = geom.pointStart[v]; i < geom.pointStart[v + 1]; i++) {
        const lon = geom.pointLonLat[i * 2];
        const lat = geom.pointLonLat[i * 2 + 1];
        const key = `${Math.floor((lon * k.x) / cellM)},${Math.floor((lat * k.y) / cellM)}`;
        const c = clusters.get(key) ?? { w: 0, x: 0, y: 0 };
        const w = geom.pointWeight[i];
        c.w += w;
        c.x += w * lon;
        c.y += w * lat;
        clusters.set(key, c);
      }
      for (const c of clusters.values()) positions.push({ lon: c.x / c.w, lat: c.y / c.w, origin: 'settlement-cluster' });
    }
  }
  if (options.gridM !== null && options.gridM > 0 && targets.length > 0 && geom.index) {
    let minLon = Infinity;
    let minLat = Infinity;
    let maxLon = -Infinity;
    let maxLat = -Infinity;
    const targetSet = new Set(targets);
    for (const v of targets) {
      minLon = Math.min(minLon, geom.box[v * 4]);
      minLat = Math.min(minLat, geom.box[v * 4 + 1]);
      maxLon = Math.max(maxLon, geom.box[v * 4 + 2]);
      maxLat = Math.max(maxLat, geom.box[v * 4 + 3]);
    }
    const k = metresPerDegree((minLat + maxLat) / 2);
    const stepLon = options.gridM / k.x;
    const stepLat = options.gridM / k.y;
    const rLon = cell.radiusM / k.x;
    const rLat = cell.radiusM / k.y;
    for (let lat = minLat + stepLat / 2; lat <= maxLat; lat += stepLat) {
      for (let lon = minLon + stepLon / 2; lon <= maxLon; lon += stepLon) {
        const near = geom.index.search(lon - rLon, lat - rLat, lon + rLon, lat + rLat, (v) => targetSet.has(v));
        if (near.length > 0) positions.push({ lon, lat, origin: 'grid' });
      }
    }
  }
  const dedupe = options.dedupeM ?? 50;
  const kept: typeof positions = [];
  const seen = new Set<string>();
  for (const p of positions) {
    if (!Number.isFinite(p.lon) || !Number.isFinite(p.lat)) continue;
    const k = metresPerDegree(p.lat);
    const key = `${Math.round((p.lon * k.x) / dedupe)},${Math.round((p.lat * k.y) / dedupe)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(p);
  }
  const slug = operatorSlug(cell.operator);
  return kept.map((p, n) => {
    const id = `plan-new-${slug}-${String(n + 1).padStart(4, '0')}`;
    return { kind: 'new', origin: p.origin, siteId: id, lon: p.lon, lat: p.lat, hostOperators: [], records: [record(id, id, cell, p.lon, p.lat)] };
  });
}

/**
 * The highest measured post of `dem` within `reachM` of the lon/lat box (min lon, min lat, max lon,
 * max lat), or null when the DEM has none there.
 */
export function highestPost(dem: DemSet, box: ArrayLike<number>, reachM: number): [number, number] | null {
  const k = metresPerDegree((box[1] + box[3]) / 2);
  const w = dem.window(box[0] - reachM / k.x, box[1] - reachM / k.y, box[2] + reachM / k.x, box[3] + reachM / k.y);
  let best = -Infinity;
  let at = -1;
  for (let i = 0; i < w.data.length; i++) {
    const h = w.data[i];
    if (h > best) {
      best = h;
      at = i;
    }
  }
  if (at < 0) return null;
  const row = Math.floor(at / w.width);
  return [w.west + (at - row * w.width) * w.dLon, w.north - row * w.dLat];
}
