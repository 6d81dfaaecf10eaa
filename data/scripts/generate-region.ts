/**
 * The synthetic sample generator: villages, settlements, BTS, fibre for a set of real communes and
 * roads. Pure and seeded: the same inputs and seed give the same output.
 */
import { distanceM } from './geom.ts';
import { GridIndex } from './grid-index.ts';
import { makeBts, type CommuneInfo } from './make-bts.ts';
import { makeFibre } from './make-fibre.ts';
import { makeCommuneVillages, type SettlementDraft, type VillageDraft } from './make-villages.ts';
import type { SourceCommune, SourceRoad } from './sample-sources.ts';
import type { GeneratedRegion } from './generated-types.ts';

export type { GeneratedBts, GeneratedFibrePoint, GeneratedFibreRoute, GeneratedRegion, GeneratedSettlement, GeneratedVillage } from './generated-types.ts';

export interface GenerateOptions {
  seed: number;
}

/** Road lines resampled every ~200 m into a point index (for distances to the nearest road). */
function roadSampleIndex(roads: SourceRoad[]): GridIndex {
  const index = new GridIndex(0.05);
  for (const road of roads) {
    for (const line of road.lines) {
      for (let i = 1; i < line.length; i++) {
        const a = line[i - 1];
        const b = line[i];
        const steps = Math.max(1, Math.ceil(distanceM(a, b) / 200));
        for (let s = i === 1 ? 0 : 1; s <= steps; s++) {
          index.add(a[0] + ((b[0] - a[0]) * s) / steps, a[1] + ((b[1] - a[1]) * s) / steps);
        }
      }
    }
  }
  return index;
}

/**
 * Generates every synthetic layer for the communes: villages tiling each commune, settlements,
 * BTS records of four operators and fibre, calibrated with the documented defaults.
 * Roughly O(n log n) in the number of villages; communes are processed in input order.
 */
export function generateRegion(communes: SourceCommune[], roads: SourceRoad[], opts: GenerateOptions): GeneratedRegion {
  const roadIndex = roadSampleIndex(roads);
  const villages: VillageDraft[] = [];
  const settlements: SettlementDraft[] = [];
  const infos: CommuneInfo[] = [];
  for (const c of communes) {
    const layout = makeCommuneVillages(c, roadIndex, opts.seed);
    const offset = settlements.length;
    infos.push({
      communeId: c.communeId,
      centre: layout.centre,
      urban: layout.urban,
      ward: c.name.startsWith('Phường'),
      population: c.population,
      villageStart: villages.length,
      villageEnd: villages.length + layout.villages.length,
    });
    for (const v of layout.villages) {
      v.settlementStart += offset;
      v.settlementEnd += offset;
      villages.push(v);
    }
    for (const s of layout.settlements) settlements.push(s);
  }
  const settlementIndex = new GridIndex(0.02);
  for (const s of settlements) settlementIndex.add(s.lon, s.lat);
  const bts = makeBts(infos, villages, settlements, settlementIndex, roads, opts.seed);
  const fibre = makeFibre(infos, villages, settlements, settlementIndex, roads, opts.seed);
  return {
    villages: villages.map((v) => ({
      id: v.id,
      name: v.name,
      communeId: v.communeId,
      commune: v.commune,
      district: v.district,
      province: v.province,
      population: v.population,
      households: v.households,
      centre: v.centre,
      geometry: v.geometry,
    })),
    settlements,
    bts: bts.bts,
    fibreRoutes: fibre.routes,
    fibrePoints: fibre.points,
    calibration: { broadband: bts.broadband, ftth: fibre.ftth, sites: bts.sites, sharedSites: bts.sharedSites },
  };
}
